package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.model.Slot;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH on owned backend connections (proxy_max_owned_conns = 3) over four
 * servers: replies as plain Redis (queued replies, errors, EXECABORT), WATCH conflicts from a client
 * of another proxy, a key of another slot discarding the transaction, RESET and a closed client ending
 * it, the limit's error, and the keys of a migrating slot moved before the transaction runs.
 */
class TransactionTest {

    static final String CROSSSLOT = "-CROSSSLOT handle request, keys in request don't hash to the same slot\r\n";
    static final String EXECABORT = "-EXECABORT Transaction discarded because of previous errors.\r\n";
    static final List<RedisServer> SERVERS = new ArrayList<>();
    static RedisServer plain;
    static ProxyFixture proxy;
    static ProxyFixture otherProxy;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 4; i++) {
            SERVERS.add(RedisServer.start());
        }
        plain = RedisServer.start();
        List<String> addrs = SERVERS.stream().map(RedisServer::addr).toList();
        proxy = ProxyFixture.start("proxy_max_owned_conns = 3").fillSpread(addrs).online();
        otherProxy = ProxyFixture.start("").fillSpread(addrs).online();
    }

    @AfterAll
    static void stop() {
        for (ProxyFixture p : new ProxyFixture[] {proxy, otherProxy}) {
            if (p != null) {
                p.close();
            }
        }
        SERVERS.forEach(RedisServer::close);
        SERVERS.clear();
        if (plain != null) {
            plain.close();
        }
    }

    static String tagged(int sid, String name) {
        return "{" + keyIn(sid) + "}" + name;
    }

    static void sameAsRedis(String[]... requests) {
        try (RawClient viaProxy = proxy.raw(); RawClient direct = new RawClient(plain.port())) {
            for (String[] request : requests) {
                String reply;
                try {
                    reply = viaProxy.call(request);
                } catch (RuntimeException e) {
                    throw new AssertionError("no reply to " + String.join(" ", request), e);
                }
                assertThat(reply).as(String.join(" ", request)).isEqualTo(direct.call(request));
            }
        }
    }

    @Test
    void transactionsAnswerAsRedis() {
        String a = tagged(10, "a");
        String b = tagged(10, "b");
        sameAsRedis(
                new String[] {"EXEC"},
                new String[] {"DISCARD"},
                new String[] {"UNWATCH"},
                new String[] {"MULTI"},
                new String[] {"SET", a, "1"},
                new String[] {"INCR", a},
                new String[] {"MULTI"},
                new String[] {"LPUSH", b, "x"},
                new String[] {"BLPOP", b, "0"},
                new String[] {"MGET", a, b},
                new String[] {"GET", a},
                new String[] {"EXEC"},
                new String[] {"MULTI"},
                new String[] {"PING"},
                new String[] {"ECHO", "hi"},
                new String[] {"INCR", a},
                new String[] {"EXEC"},
                new String[] {"MULTI"},
                new String[] {"PING"},
                new String[] {"EXEC"},
                new String[] {"MULTI"},
                new String[] {"EXEC"},
                new String[] {"MULTI"},
                new String[] {"INCR", a},
                new String[] {"SET", a},
                new String[] {"EXEC"},
                new String[] {"MULTI"},
                new String[] {"INCR", a},
                new String[] {"LPUSH", a, "x"},
                new String[] {"EXEC"},
                new String[] {"WATCH"},
                new String[] {"WATCH", a, b},
                new String[] {"GET", a},
                new String[] {"MULTI"},
                new String[] {"WATCH", a},
                new String[] {"INCR", a},
                new String[] {"DISCARD"},
                new String[] {"WATCH", a},
                new String[] {"UNWATCH"},
                new String[] {"GET", a},
                new String[] {"WATCH", a},
                new String[] {"SELECT", "3"},
                new String[] {"MULTI"},
                new String[] {"SET", a, "in-db-3"},
                new String[] {"EXEC"},
                new String[] {"GET", a},
                new String[] {"SELECT", "0"},
                new String[] {"GET", a});
    }

    @Test
    void clientListShowsASessionInMultiAndABlockedOne() {
        try (RawClient inMulti = proxy.raw(); RawClient blocked = proxy.raw(); RawClient observer = proxy.raw()) {
            assertThat(inMulti.call("CLIENT", "SETNAME", "in-multi")).isEqualTo("+OK\r\n");
            assertThat(blocked.call("CLIENT", "SETNAME", "blocked")).isEqualTo("+OK\r\n");
            assertThat(inMulti.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(inMulti.call("PING")).isEqualTo("+QUEUED\r\n");
            assertThat(inMulti.call("INCR", tagged(70, "n"))).isEqualTo("+QUEUED\r\n");
            blocked.send(new String(RawClient.encode("BLPOP", tagged(70, "q"), "0")));
            Await.untilPasses("both show", () -> assertThat(observer.call("CLIENT", "LIST"))
                    .containsPattern("name=in-multi [^\n]* flags=x [^\n]* multi=2 ")
                    .containsPattern("name=blocked [^\n]* flags=b [^\n]* multi=-1 ")
                    .containsPattern("name= [^\n]* flags=N [^\n]* multi=-1 "));
            assertThat(inMulti.call("DISCARD")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void aWriteThroughAnotherProxyFailsTheWatch() {
        String key = tagged(20, "balance");
        try (Jedis c = proxy.jedis(); Jedis other = otherProxy.jedis()) {
            c.set(key, "10");
            c.watch(key);
            int balance = Integer.parseInt(c.get(key));
            other.set(key, "100");
            Transaction tx = c.multi();
            tx.set(key, Integer.toString(balance - 1));
            assertThat(tx.exec()).isNull();
            assertThat(c.get(key)).isEqualTo("100");

            c.watch(key);
            tx = c.multi();
            tx.decr(key);
            assertThat(tx.exec()).containsExactly(99L);
        }
    }

    @Test
    void aKeyOfAnotherSlotDiscardsTheTransaction() {
        String a = tagged(30, "a");
        String other = tagged(31, "b");
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", a, "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("SET", other, "1")).isEqualTo(CROSSSLOT);
            assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(c.call("MGET", a, other)).isEqualTo("*2\r\n$-1\r\n$-1\r\n");
            assertThat(c.call("WATCH", a)).isEqualTo("+OK\r\n");
            assertThat(c.call("WATCH", other)).isEqualTo(CROSSSLOT);
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("KEYS", "*")).isEqualTo("-ERR handle request, command 'KEYS' is not allowed\r\n");
            assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("")).isEqualTo("-ERR handle request, bad command length, too short or too long\r\n");
            assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SELECT", "1")).isEqualTo("-ERR handle request, command 'SELECT' is not allowed inside a transaction\r\n");
            assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SCAN", "0")).isEqualTo("-ERR handle request, command 'SCAN' is not allowed inside a transaction\r\n");
            assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void resetAndClosingEndTheTransactionAndTheLimitIsEnforced() {
        String key = tagged(40, "k");
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", key, "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
            assertThat(c.call("GET", key)).isEqualTo("$-1\r\n");
        }
        List<RawClient> watching = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawClient c = proxy.raw();
                watching.add(c);
                assertThat(c.call("WATCH", tagged(41, "w" + i))).isEqualTo("+OK\r\n");
            }
            try (RawClient c = proxy.raw()) {
                assertThat(c.call("WATCH", key)).isEqualTo("-ERR handle request, max number of owned backend connections reached\r\n");
                assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
                assertThat(c.call("SET", key, "1")).isEqualTo("-ERR handle request, max number of owned backend connections reached\r\n");
                assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
                watching.remove(0).close();
                Await.untilPasses("a closed client gives its connection back", () -> {
                    assertThat(c.call("WATCH", key)).isEqualTo("+OK\r\n");
                });
                assertThat(c.call("UNWATCH")).isEqualTo("+OK\r\n");
            }
        } finally {
            watching.forEach(RawClient::close);
        }
    }

    @Test
    void aFillThatMovesTheSlotMidTransactionDiscardsItAndOneThatKeepsItsRouteDoesNot() {
        int sid = 60; // on server 0
        String key = tagged(sid, "k");
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("WATCH", key)).isEqualTo("+OK\r\n");
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(sid, SERVERS.get(0).addr(), false)));
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("INCR", key)).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n:1\r\n");

            assertThat(c.call("WATCH", key)).isEqualTo("+OK\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(sid, SERVERS.get(1).addr(), false)));
            assertThat(c.call("INCR", key)).isEqualTo("-" + "ERR handle request, the slot of the transaction moved, transaction discarded\r\n");
            assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(c.call("GET", key)).isEqualTo("$-1\r\n"); // served by server 1 now
        } finally {
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(sid, SERVERS.get(0).addr(), false)));
        }
        try (Jedis owner = new Jedis("127.0.0.1", SERVERS.get(0).port())) {
            assertThat(owner.get(key)).isEqualTo("1");
        }
    }

    @Test
    void ownedConnectionsAuthenticateWithProductAuthAndSelectTheSessionsDb() {
        RedisServer secured = RedisServer.builder().password("product-secret").start();
        try (ProxyFixture own = ProxyFixture.start("product_auth = \"product-secret\"\nproxy_max_owned_conns = 2")
                .fillSpread(List.of(secured.addr())).online();
                RawClient c = own.raw();
                Jedis direct = new Jedis("127.0.0.1", secured.port())) {
            direct.auth("product-secret");
            assertThat(c.call("SELECT", "2")).isEqualTo("+OK\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("RPUSH", "auth:q", "job")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n:1\r\n");
            assertThat(c.call("BLPOP", "auth:q", "1")).isEqualTo("*2\r\n$6\r\nauth:q\r\n$3\r\njob\r\n");
            assertThat(c.call("RPUSH", "auth:q", "again")).isEqualTo(":1\r\n");
            direct.select(2);
            assertThat(direct.lrange("auth:q", 0, -1)).containsExactly("again");
            direct.select(0);
            assertThat(direct.exists("auth:q")).isFalse();
        } finally {
            secured.close();
        }
    }

    @Test
    void aBackendRestartedMidTransactionRunsNothingOutsideIt() {
        RedisServer server = RedisServer.start();
        try (ProxyFixture own = ProxyFixture.start("proxy_max_owned_conns = 1").fillSpread(List.of(server.addr())).online();
                RawClient c = own.raw()) {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "restart:a", "1")).isEqualTo("+QUEUED\r\n");
            server.kill();
            server.restart();
            assertThat(c.call("INCR", "restart:a")).startsWith("-ERR handle response, backend conn");
            assertThat(c.call("EXEC")).startsWith("-ERR handle response, backend conn");
            Await.untilPasses("the proxy reaches the restarted server", () ->
                    assertThat(c.call("MGET", "restart:a", "restart:probe")).isEqualTo("*2\r\n$-1\r\n$-1\r\n"));
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("INCR", "restart:a")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n:1\r\n");
        } finally {
            server.close();
        }
    }

    @Test
    void theKeysOfAMigratingSlotMoveBeforeTheTransactionRunsOnTheTarget() {
        int sid = 50; // on server 2
        RedisServer source = SERVERS.get(2);
        RedisServer target = SERVERS.get(3);
        String counter = tagged(sid, "counter");
        String list = tagged(sid, "list");
        try (Jedis s = new Jedis("127.0.0.1", source.port()); Jedis t = new Jedis("127.0.0.1", target.port())) {
            s.set(counter, "5");
            s.rpush(list, "job");
            proxy.plane.router().fillSlots(List.of(new Slot(sid, false, target.addr(), 2, source.addr(), 1,
                    Slot.FORWARD_SYNC, List.of())));
            try (RawClient c = proxy.raw()) {
                assertThat(c.call("WATCH", counter)).isEqualTo("+OK\r\n");
                assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
                assertThat(c.call("INCR", counter)).isEqualTo("+QUEUED\r\n");
                assertThat(c.call("EXEC")).isEqualTo("*1\r\n:6\r\n");
                assertThat(c.call("BLPOP", list, "1")).isEqualTo("*2\r\n$" + list.length() + "\r\n" + list + "\r\n$3\r\njob\r\n");
            }
            assertThat(s.exists(counter)).isFalse();
            assertThat(t.get(counter)).isEqualTo("6");
        } finally {
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(sid, source.addr(), false)));
        }
    }
}
