package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Blocking commands on owned backend connections (proxy_max_owned_conns = 3) over four servers, one
 * event loop: each compared reply for reply with plain Redis (data there, timeouts, negative and
 * non-integer timeouts), keys of several slots refused, the limit's error, other clients served while
 * one blocks, and a client killed while blocked giving its connection back.
 */
class BlockingCommandsTest {

    static final String CROSSSLOT = "-CROSSSLOT handle request, keys in request don't hash to the same slot\r\n";
    static final List<RedisServer> SERVERS = new ArrayList<>();
    static RedisServer plain;
    static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 4; i++) {
            SERVERS.add(RedisServer.start());
        }
        plain = RedisServer.start();
        proxy = ProxyFixture.start("proxy_max_owned_conns = 3", 1).fillSpread(SERVERS.stream().map(RedisServer::addr).toList())
                .online();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
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

    /** Every request gets the same reply from the proxy as from plain Redis. */
    static void sameAsRedis(String[]... requests) {
        try (RawClient viaProxy = proxy.raw(); RawClient direct = new RawClient(plain.port())) {
            for (String[] request : requests) {
                assertThat(viaProxy.call(request)).as(String.join(" ", request)).isEqualTo(direct.call(request));
            }
        }
    }

    @Test
    void listsAndSortedSetsAnswerAsRedis() {
        String a = tagged(10, "a");
        String b = tagged(10, "b");
        String z = tagged(10, "z");
        sameAsRedis(
                new String[] {"RPUSH", a, "1", "2", "3"},
                new String[] {"BLPOP", a, b, "1"},
                new String[] {"BRPOP", b, a, "1"},
                new String[] {"BRPOPLPUSH", a, b, "1"},
                new String[] {"BLMOVE", b, a, "LEFT", "RIGHT", "1"},
                new String[] {"BLMPOP", "1", "2", a, b, "LEFT", "COUNT", "5"},
                new String[] {"BLPOP", a, b, "0.05"},
                new String[] {"BLPOP", a, "-1"},
                new String[] {"BLPOP", a, "soon"},
                new String[] {"BRPOP", a, "0.x"},
                new String[] {"BLMOVE", a, b, "UP", "RIGHT", "1"},
                new String[] {"BLMPOP", "-1", "1", a, "LEFT"},
                new String[] {"BLPOP", a},
                new String[] {"ZADD", z, "1", "one", "2", "two", "3", "three"},
                new String[] {"BZPOPMIN", z, "1"},
                new String[] {"BZPOPMAX", z, "1"},
                new String[] {"BZMPOP", "1", "1", z, "MIN"},
                new String[] {"BZPOPMIN", z, "0.05"},
                new String[] {"BZPOPMAX", z, "-5"},
                new String[] {"BZMPOP", "nan", "1", z, "MAX"});
    }

    @Test
    void streamsAnswerAsRedisWithAndWithoutBlock() {
        String s = tagged(20, "s");
        String t = tagged(20, "t");
        sameAsRedis(
                new String[] {"XADD", s, "1-1", "f", "v"},
                new String[] {"XREAD", "COUNT", "5", "STREAMS", s, t, "0", "0"},
                new String[] {"XREAD", "BLOCK", "50", "STREAMS", s, "$"},
                new String[] {"XREAD", "BLOCK", "100", "STREAMS", s, t, "0", "0"},
                new String[] {"XREAD", "BLOCK", "-1", "STREAMS", s, "0"},
                new String[] {"XREAD", "BLOCK", "x", "STREAMS", s, "0"},
                new String[] {"XGROUP", "CREATE", s, "g", "0"},
                new String[] {"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", s, ">"},
                new String[] {"XREADGROUP", "GROUP", "g", "c", "BLOCK", "50", "STREAMS", s, ">"},
                new String[] {"XREADGROUP", "GROUP", "g", "c", "BLOCK", "-3", "STREAMS", s, ">"});
    }

    @Test
    void waitAnswersAsRedis() {
        sameAsRedis(new String[] {"WAIT", "0", "0"}, new String[] {"WAIT", "1", "50"}, new String[] {"WAIT", "0", "-1"},
                new String[] {"WAIT", "x", "0"}, new String[] {"WAIT", "0"});
    }

    @Test
    void jedisClientsBlockAndAreWokenUp() throws Exception {
        String queue = tagged(60, "jobs");
        String done = tagged(60, "done");
        String ranks = tagged(60, "ranks");
        String events = tagged(60, "events");
        try (Jedis worker = proxy.jedis(); Jedis producer = proxy.jedis()) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> worker.blpop(5, queue));
            Await.until("the worker blocks", () -> blockedClients(SERVERS.get(0)) == 1);
            producer.rpush(queue, "job-1");
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly(queue, "job-1");

            producer.rpush(queue, "job-2");
            assertThat(worker.brpoplpush(queue, done, 1)).isEqualTo("job-2");
            assertThat(worker.blmove(done, queue, ListDirection.LEFT, ListDirection.RIGHT, 1)).isEqualTo("job-2");
            assertThat(worker.blpop(0.05, tagged(60, "empty"))).isNull();

            producer.zadd(ranks, 1, "low");
            assertThat(worker.bzpopmin(1, ranks).getValue().getElement()).isEqualTo("low");

            StreamEntryID id = producer.xadd(events, new StreamEntryID(7, 0), Map.of("f", "v"));
            Map<String, StreamEntryID> from = Map.of(events, new StreamEntryID(0, 0));
            List<Map.Entry<String, List<StreamEntry>>> read = worker.xread(XReadParams.xReadParams().block(100), from);
            assertThat(read).hasSize(1);
            assertThat(read.get(0).getValue().get(0).getID()).isEqualTo(id);
            assertThat(worker.waitReplicas(0, 10)).isZero();
        }
    }

    @Test
    void commandListsTheCommandsServedOnOwnedConnections() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("COMMAND", "INFO", "blpop", "multi", "keys")).startsWith("*3\r\n*").doesNotContain("\r\nkeys\r\n")
                    .contains("blpop", "multi");
            assertThat(c.call("COMMAND", "LIST")).contains("\r\nbzmpop\r\n", "\r\nwatch\r\n", "\r\nxread\r\n")
                    .doesNotContain("\r\nkeys\r\n");
        }
    }

    @Test
    void sessionRecvTimeoutSparesABlockedClient() {
        try (ProxyFixture idleLimited = ProxyFixture.start("proxy_max_owned_conns = 1\nsession_recv_timeout = \"1s\"", 1)
                .fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online();
                RawClient c = idleLimited.raw()) {
            assertThat(c.call("BLPOP", tagged(70, "slow"), "2")).isEqualTo("*-1\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            Await.until("an idle client is disconnected", c::isClosedByPeer);
        }
    }

    @Test
    void keysOfSeveralSlotsGetCrossSlot() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("BLPOP", tagged(30, "a"), tagged(31, "b"), "1")).isEqualTo(CROSSSLOT);
            assertThat(c.call("BLMOVE", tagged(30, "a"), tagged(31, "b"), "LEFT", "LEFT", "1")).isEqualTo(CROSSSLOT);
            assertThat(c.call("XREAD", "BLOCK", "10", "STREAMS", tagged(30, "a"), tagged(31, "b"), "0", "0")).isEqualTo(CROSSSLOT);
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void aBlockedCallHoldsUpNoOtherClientOfItsLoop() throws Exception {
        String queue = tagged(40, "queue");
        try (RawClient blocked = proxy.raw()) {
            blocked.sendBytes(RawClient.encode("BLPOP", queue, "0"));
            Await.until("BLPOP blocks on its backend", () -> blockedClients(SERVERS.get(0)) == 1);
            List<Jedis> others = new ArrayList<>();
            try {
                List<CompletableFuture<String>> replies = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    Jedis other = proxy.jedis();
                    others.add(other);
                    String key = tagged(40, "other" + i); // the same backend as the blocked call
                    replies.add(CompletableFuture.supplyAsync(() -> {
                        other.set(key, "v");
                        return other.get(key);
                    }));
                }
                for (CompletableFuture<String> reply : replies) {
                    assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("v");
                }
            } finally {
                others.forEach(Jedis::close);
            }
            try (RawClient pusher = proxy.raw()) {
                assertThat(pusher.call("RPUSH", queue, "job")).isEqualTo(":1\r\n");
            }
            assertThat(blocked.readReply()).isEqualTo("*2\r\n$" + queue.length() + "\r\n" + queue + "\r\n$3\r\njob\r\n");
            assertThat(blocked.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void pastTheLimitTheCallIsRefusedAndAKilledClientGivesItsConnectionBack() {
        List<RawClient> blocked = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawClient c = proxy.raw();
                blocked.add(c);
                c.sendBytes(RawClient.encode("BLPOP", tagged(51, "limit" + i), "0"));
            }
            Await.until("three calls block", () -> blockedClients(SERVERS.get(3)) == 3);
            try (RawClient c = proxy.raw()) {
                assertThat(c.call("BLPOP", tagged(51, "more"), "0"))
                        .isEqualTo("-ERR handle request, max number of owned backend connections reached\r\n");
                assertThat(c.call("GET", tagged(51, "more"))).isEqualTo("$-1\r\n");
            }
            blocked.remove(0).close(); // killed while blocked
            Await.until("its backend connection is closed", () -> blockedClients(SERVERS.get(3)) == 2);
            try (RawClient c = proxy.raw()) {
                assertThat(c.call("BLPOP", tagged(51, "more"), "0.05")).isEqualTo("*-1\r\n");
            }
        } finally {
            blocked.forEach(RawClient::close);
        }
        Await.until("every blocked call ended", () -> blockedClients(SERVERS.get(3)) == 0);
    }

    static int blockedClients(RedisServer server) {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            String info = jedis.info("clients");
            for (String line : info.split("\r\n")) {
                if (line.startsWith("blocked_clients:")) {
                    return Integer.parseInt(line.substring("blocked_clients:".length()));
                }
            }
            throw new IllegalStateException("no blocked_clients in " + info);
        }
    }
}
