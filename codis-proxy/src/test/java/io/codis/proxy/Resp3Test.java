package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RESP3 sessions (HELLO 3) through a proxy of one event loop over four servers (slot i on server i % 4,
 * proxy_max_owned_conns = 8): replies exactly as plain Redis 7 gives them in RESP3 (maps, sets, doubles,
 * nulls, big numbers, verbatim strings, transactions, blocking calls, merged replies), RESP2 and RESP3 sessions side by side on the
 * loop each in its own protocol, the shared RESP2 backend connections never switched (and RESP3 ones
 * made only once a RESP3 session came), HELLO's auth rules, and Lettuce with its default options.
 */
class Resp3Test {

    static ServersBehindProxy cluster;
    static List<RedisServer> servers;
    static RedisServer plain;
    static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        cluster = new ServersBehindProxy("proxy_max_owned_conns = 8", 1);
        servers = cluster.servers;
        plain = cluster.plain;
        proxy = cluster.proxy;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Every reply to {@code requests} sent one by one in RESP3 (after HELLO 3, its reply left out: its id differs). */
    static List<String> resp3Replies(int port, String[]... requests) {
        List<String> replies = new ArrayList<>();
        try (RawClient c = new RawClient(port)) {
            assertThat(c.call("HELLO", "3")).startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n");
            for (String[] request : requests) {
                replies.add(c.call(request));
            }
        }
        return replies;
    }

    static String[] r(String... args) {
        return args;
    }

    @Test
    void resp3RepliesAreRedisOwnOnes() {
        String s = "r3:s:" + keyIn(1);
        String h = "r3:h:" + keyIn(2);
        String z = "r3:z:" + keyIn(3);
        String t = "{" + keyIn(0) + "}";
        String[][] requests = {
            r("SET", s, "v"), r("GET", s), r("GET", "r3:none"), r("HSET", h, "f1", "a", "f2", "b"), r("HGETALL", h),
            r("HGETALL", "r3:none"), r("SADD", "r3:set:" + keyIn(4), "x"), r("SMEMBERS", "r3:set:" + keyIn(4)),
            r("ZADD", z, "1.5", "a", "2", "b"), r("ZRANGE", z, "0", "-1", "WITHSCORES"), r("ZSCORE", z, "a"),
            r("ZSCORE", z, "none"), r("ZPOPMIN", z), r("LPOP", "r3:none"), r("HGET", s, "f"), r("INCRBYFLOAT", s, "1"),
            r("MGET", s, "r3:none", h), r("EXISTS", s, h, "r3:none"), r("OBJECT", "ENCODING", h),
            r("EVAL", "return redis.call('hgetall', KEYS[1])", "1", h), r("CLIENT", "GETNAME"),
            r("EVAL", "return {double=3.5}", "0"), r("EVAL", "return {big_number='1234567890123456789012'}", "0"),
            r("EVAL", "return {verbatim_string={format='txt', string='hi'}}", "0"), r("EVAL", "return {map={a=1}}", "0"),
            r("EVAL", "return {set={a=true}}", "0"), r("EVAL", "redis.setresp(3); return redis.call('hgetall', KEYS[1])", "1", h),
            r("HSET", "h" + t, "f1", "a", "f2", "b"), r("ZADD", "z" + t, "2", "b"),
            r("MULTI"), r("SET", "a" + t, "1"), r("HGETALL", "h" + t), r("ZSCORE", "z" + t, "b"), r("GET", "none" + t), r("EXEC"),
            r("MULTI"), r("INCR", "a" + t), r("DISCARD"), r("WATCH", "a" + t), r("MULTI"), r("GET", "a" + t), r("EXEC"),
            r("ZADD", "zb" + t, "3.25", "m"), r("BZPOPMIN", "zb" + t, "1"), r("BLPOP", "none" + t, "0.01"),
            r("PUBLISH", "r3:channel", "nobody"), r("PUBSUB", "NUMSUB", "r3:channel"),
            r("PUBSUB", "CHANNELS", "r3:*"), r("PUBSUB", "SHARDNUMSUB", "r3:channel"), r("SCRIPT", "EXISTS", "0000"),
            r("FUNCTION", "LIST", "LIBRARYNAME", "r3:none"), r("DEL", s, h, z), r("DEL", "a" + t, "h" + t, "z" + t),
        };
        List<String> expected = resp3Replies(plain.port(), requests);
        assertThat(expected).contains("%2\r\n$2\r\nf1\r\n$1\r\na\r\n$2\r\nf2\r\n$1\r\nb\r\n", "~1\r\n$1\r\nx\r\n",
                ",1.5\r\n", "_\r\n", "(1234567890123456789012\r\n", "=6\r\ntxt:hi\r\n", "*4\r\n+OK\r\n%2\r\n$2\r\nf1\r\n$1\r\na\r\n$2\r\nf2\r\n$1\r\nb\r\n,2\r\n_\r\n",
                "*3\r\n$" + ("zb" + t).length() + "\r\nzb" + t + "\r\n$1\r\nm\r\n,3.25\r\n");
        assertThat(resp3Replies(proxy.port, requests)).isEqualTo(expected);
    }

    @Test
    void theProxysOwnRepliesAreInResp3() {
        try (RawClient c = proxy.raw()) {
            c.call("HELLO", "3");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("_\r\n");
            assertThat(c.call("CLIENT", "INFO")).startsWith("=").contains("txt:id=").endsWith(" resp=3\n\r\n");
            assertThat(c.call("CLIENT", "LIST")).startsWith("=").contains("txt:id=", " resp=3\n");
            assertThat(c.call("INFO")).startsWith("=").contains("txt:# Server");
            assertThat(c.call("INFO", "keyspace")).startsWith("=").contains("txt:# Keyspace");
            assertThat(c.call("CONFIG", "GET", "databases")).startsWith("%1\r\n$9\r\ndatabases\r\n");
            assertThat(c.call("HELLO")).startsWith("%7\r\n").contains("$5\r\nproto\r\n:3\r\n");
            assertThat(c.call("HELLO", "2")).startsWith("*14\r\n").contains("$5\r\nproto\r\n:2\r\n");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            assertThat(c.call("GET", "r3:none")).isEqualTo("$-1\r\n");
            c.call("HELLO", "3");
            assertThat(c.call("GET", "r3:none")).isEqualTo("_\r\n");
            assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(c.call("GET", "r3:none")).as("RESET is back to RESP2, as Redis").isEqualTo("$-1\r\n");
            assertThat(c.call("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(c.call("HELLO", "x")).isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
            assertThat(c.call("GET", "r3:none")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void aProtocolSwitchInAPipelineWaitsForTheRequestsBeforeIt() {
        String k = "r3:piped:" + keyIn(5);
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            pipeline.append(new String(RawClient.encode("INCR", k)));
        }
        pipeline.append(new String(RawClient.encode("HELLO", "3")));
        pipeline.append(new String(RawClient.encode("GET", k)));
        pipeline.append(new String(RawClient.encode("HELLO", "2")));
        pipeline.append(new String(RawClient.encode("INCR", k)));
        pipeline.append(new String(RawClient.encode("GET", "r3:none")));
        try (RawClient c = proxy.raw()) {
            c.send(pipeline.toString());
            for (int i = 1; i <= 50; i++) {
                assertThat(c.readReply()).isEqualTo(":" + i + "\r\n");
            }
            assertThat(c.readReply()).startsWith("%7\r\n");
            assertThat(c.readReply()).isEqualTo("$2\r\n50\r\n");
            assertThat(c.readReply()).startsWith("*14\r\n");
            assertThat(c.readReply()).isEqualTo(":51\r\n");
            assertThat(c.readReply()).isEqualTo("$-1\r\n");
            c.call("DEL", k);
        }
    }

    @Test
    void helloWhileWatchingKeepsTheProtocolWithAClearError() {
        String k = "r3:watched:" + keyIn(6);
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("WATCH", k)).isEqualTo("+OK\r\n");
            assertThat(c.call("HELLO", "3")).isEqualTo(
                    "-ERR handle request, HELLO cannot change the protocol while keys are watched (UNWATCH or EXEC first)\r\n");
            assertThat(c.call("HELLO", "2")).startsWith("*14\r\n");
            assertThat(c.call("UNWATCH")).isEqualTo("+OK\r\n");
            assertThat(c.call("HELLO", "3")).startsWith("%7\r\n");
            assertThat(c.call("GET", k)).isEqualTo("_\r\n");
        }
    }

    /** The ids of the clients of {@code server} with {@code resp=N}, its own direct connection left out. */
    static List<String> clientsSpeaking(RedisServer server, int protocol) {
        List<String> ids = new ArrayList<>();
        try (RawClient direct = new RawClient(server.port())) {
            String list = direct.call("CLIENT", "LIST");
            for (String line : list.split("\n")) {
                if (line.contains(" resp=" + protocol) && !line.contains("cmd=client|list")) {
                    ids.add(line.replaceAll("^.*?id=(\\d+) .*$", "$1"));
                }
            }
        }
        return ids;
    }

    @Test
    void resp2AndResp3SessionsShareTheLoopEachInItsProtocolAndNoSharedConnectionSwitches() {
        String h = "r3:mixed:{" + keyIn(0) + "}";
        try (RawClient two = proxy.raw(); RawClient three = proxy.raw()) {
            assertThat(two.call("HSET", h, "f", "v")).isEqualTo(":1\r\n");
            List<String> resp2Before = clientsSpeaking(servers.get(0), 2);
            assertThat(resp2Before).isNotEmpty();
            three.call("HELLO", "3");
            for (int i = 0; i < 20; i++) {
                two.send(new String(RawClient.encode("HGETALL", h)) + new String(RawClient.encode("GET", "r3:none")));
                three.send(new String(RawClient.encode("HGETALL", h)) + new String(RawClient.encode("GET", "r3:none")));
                assertThat(three.readReply()).isEqualTo("%1\r\n$1\r\nf\r\n$1\r\nv\r\n");
                assertThat(two.readReply()).isEqualTo("*2\r\n$1\r\nf\r\n$1\r\nv\r\n");
                assertThat(two.readReply()).isEqualTo("$-1\r\n");
                assertThat(three.readReply()).isEqualTo("_\r\n");
            }
            assertThat(clientsSpeaking(servers.get(0), 2)).as("the shared RESP2 connections, still RESP2").containsAll(resp2Before);
            assertThat(clientsSpeaking(servers.get(0), 3)).as("the RESP3 pool's connection").isNotEmpty();
            assertThat(two.call("DEL", h)).isEqualTo(":1\r\n");
        }
    }

    @Test
    void noResp3ConnectionIsMadeBeforeAResp3SessionComes() {
        RedisServer server = RedisServer.start();
        try (ProxyFixture fresh = ProxyFixture.start("", 1).fillSpread(List.of(server.addr())).online();
                RawClient c = fresh.raw()) {
            for (int i = 0; i < 10; i++) {
                assertThat(c.call("SET", "r3:k" + i, "v")).isEqualTo("+OK\r\n");
            }
            assertThat(clientsSpeaking(server, 3)).isEmpty();
            assertThat(clientsSpeaking(server, 2)).hasSize(1);
            c.call("HELLO", "3");
            assertThat(c.call("GET", "r3:k1")).isEqualTo("$1\r\nv\r\n");
            assertThat(clientsSpeaking(server, 3)).hasSize(1);
            assertThat(clientsSpeaking(server, 2)).hasSize(1);
            try (RawClient direct = new RawClient(server.port())) {
                direct.call("FLUSHALL");
            }
            assertThat(c.call("RANDOMKEY")).as("every group empty").isEqualTo("_\r\n");
        } finally {
            server.close();
        }
    }

    @Test
    void helloAuthFollowsSessionAuth() {
        try (ProxyFixture guarded = ProxyFixture.start("session_auth = \"s3cret\"", 1)
                .fillSpread(cluster.addrs()).online(); RawClient c = guarded.raw()) {
            assertThat(c.call("HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already authenticated");
            assertThat(c.call("GET", "r3:none")).isEqualTo("-NOAUTH Authentication required\r\n");
            assertThat(c.call("HELLO", "3", "AUTH", "default", "wrong"))
                    .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("HELLO", "3", "AUTH", "default", "s3cret", "SETNAME", "three")).startsWith("%7\r\n");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$5\r\nthree\r\n");
            assertThat(c.call("GET", "r3:none")).isEqualTo("_\r\n");
        }
    }

    @Test
    void lettuceWithItsDefaultOptionsWorksThroughTheProxy() throws Exception {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + proxy.port);
        try (StatefulRedisConnection<String, String> connection = client.connect();
                StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub()) {
            RedisCommands<String, String> redis = connection.sync();
            String k = "lettuce:{" + keyIn(7) + "}";
            String h = "lettuce:h:" + keyIn(8);
            assertThat(redis.set(k, "v")).isEqualTo("OK");
            assertThat(redis.get(k)).isEqualTo("v");
            assertThat(redis.get("lettuce:none")).isNull();
            assertThat(redis.clientInfo()).as("Lettuce said HELLO 3").contains(" resp=3");
            redis.hset(h, Map.of("a", "1", "b", "2"));
            assertThat(redis.hgetall(h)).isEqualTo(Map.of("a", "1", "b", "2"));
            redis.zadd("lettuce:z", 2.5, "m");
            assertThat(redis.zscore("lettuce:z", "m")).isEqualTo(2.5);

            assertThat(redis.multi()).isEqualTo("OK");
            redis.incr(k + "n");
            redis.get(k);
            TransactionResult result = redis.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat(Arrays.asList(result.get(0), (Object) result.get(1))).containsExactly(1L, "v");

            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.add(channel + "=" + message);
                }
            });
            subscriber.sync().subscribe("lettuce:news");
            assertThat(redis.publish("lettuce:news", "hello")).isEqualTo(1L);
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("lettuce:news=hello");
            assertThat(subscriber.sync().get(k)).as("a RESP3 subscriber may run any command").isEqualTo("v");
            subscriber.sync().unsubscribe("lettuce:news");
            assertThat(redis.del(k, k + "n", h, "lettuce:z")).isEqualTo(4L);
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
