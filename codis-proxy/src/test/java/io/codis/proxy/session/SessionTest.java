package io.codis.proxy.session;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A {@link Session} on an {@link io.netty.channel.embedded.EmbeddedChannel}: the bytes a client sends in,
 * the bytes it gets back, against a real Redis or a backend the test answers by hand.
 */
class SessionTest {

    private static final String CONFIG = "session_auth = \"\"\n";

    static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    static String command(String... args) {
        StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString();
    }

    @Test
    void repliesFollowRequestOrderWhenBackendsAnswerOutOfOrder() throws InterruptedException {
        try (ScriptedBackend first = new ScriptedBackend(); ScriptedBackend second = new ScriptedBackend();
                EmbeddedSession session = new EmbeddedSession(CONFIG, first.addr())) {
            session.fill(second.addr(), 512, SlotHash.MAX_SLOT_ID);
            String a = keyIn(1);
            String b = keyIn(600);
            session.send(command("GET", a) + command("GET", b) + command("SELECT", "0") + command("GET", b));
            assertThat(first.readRequest()).isEqualTo("GET " + a);
            assertThat(second.readRequest()).isEqualTo("GET " + b);
            assertThat(second.readRequest()).isEqualTo("GET " + b);
            second.reply("$2\r\nb1\r\n$2\r\nb2\r\n");
            // give the second backend's replies time to arrive: they and SELECT's must wait behind the first GET
            Thread.sleep(100);
            assertThat(session.received()).isEmpty();
            first.reply("$1\r\na\r\n");
            String expected = "$1\r\na\r\n$2\r\nb1\r\n+OK\r\n$2\r\nb2\r\n";
            assertThat(session.awaitReceived(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void aRequestFragmentedByteByByteIsForwardedWhole() {
        try (EmbeddedSession session = new EmbeddedSession(CONFIG, redis.addr())) {
            String requests = command("SET", "frag:k", "v1") + command("GET", "frag:k") + "PING\r\n";
            session.sendByteByByte(requests);
            assertThat(session.awaitReceived(20)).isEqualTo("+OK\r\n$2\r\nv1\r\n+PONG\r\n");
        }
    }

    @Test
    void pipelinedRequestsGetTheirRepliesInOrder() {
        try (EmbeddedSession session = new EmbeddedSession(CONFIG, redis.addr())) {
            StringBuilder requests = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                String key = "pipe:" + i;
                requests.append(command("SET", key, Integer.toString(i))).append(command("GET", key));
                expected.append("+OK\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
            }
            requests.append(command("MGET", "pipe:0", "pipe:199", "pipe:none"));
            expected.append("*3\r\n$1\r\n0\r\n$3\r\n199\r\n$-1\r\n");
            session.send(requests.toString());
            assertThat(session.awaitReceived(expected.length())).isEqualTo(expected.toString());
        }
    }

    @Test
    void malformedRespGetsRedisErrorAfterTheEarlierRepliesThenTheSessionCloses() {
        try (EmbeddedSession session = new EmbeddedSession(CONFIG, redis.addr())) {
            String[][] cases = {
                {"*0\r\n", null}, // the original closes at once, without a word (Redis ignores it)
                {"*1\r\n:5\r\n", "-ERR Protocol error: expected '$', got ':'\r\n"},
                {"*1\r\n$3\r\nabcd\r\n", "-ERR Protocol error: missing CRLF\r\n"},
                {"*1\r\n$-2\r\n", "-ERR Protocol error: invalid bulk length\r\n"}};
            for (String[] malformed : cases) {
                session.reconnect().send(command("PING") + malformed[0] + command("PING"));
                session.awaitClosed();
                if (malformed[1] == null) {
                    assertThat(session.received()).as(malformed[0]).isIn("", "+PONG\r\n");
                } else {
                    assertThat(session.received()).as(malformed[0]).isEqualTo("+PONG\r\n" + malformed[1]);
                }
            }
        }
    }

    @Test
    void splitCommandsOverAMigratingSlotMoveTheirKeysToTheTargetFirst() {
        try (RedisServer source = RedisServer.start();
                EmbeddedSession session = new EmbeddedSession(CONFIG, source.addr())) {
            session.fill(redis.addr(), source.addr(), 0, 511);
            String migrating = "{" + keyIn(3) + "}:mk";
            String migrating2 = "{" + keyIn(4) + "}:mk";
            String plain = "{" + keyIn(700) + "}:mk";
            try (Jedis from = new Jedis("127.0.0.1", source.port())) {
                from.set(migrating2, "old");
                from.set(plain, "p");
            }
            String expected = "*2\r\n$3\r\nold\r\n$1\r\np\r\n+OK\r\n+OK\r\n*3\r\n$1\r\n1\r\n$3\r\nold\r\n$1\r\n3\r\n:2\r\n";
            session.send(command("MGET", migrating2, plain) + command("MSET", migrating, "1") + command("MSET", plain, "3", migrating, "1")
                    + command("MGET", migrating, migrating2, plain) + command("DEL", migrating2, plain));
            assertThat(session.awaitReceived(expected.length())).isEqualTo(expected);
            try (Jedis target = new Jedis("127.0.0.1", redis.port()); Jedis from = new Jedis("127.0.0.1", source.port())) {
                assertThat(target.get(migrating)).isEqualTo("1");
                assertThat(target.exists(migrating2, plain)).isZero();
                assertThat(from.exists(migrating, migrating2, plain)).isZero();
            }
        }
    }

    @Test
    void theSourceGetsOneMigrateOfTheNamedKeysPerRequestAndRepliesDecide() {
        try (ScriptedBackend source = new ScriptedBackend();
                EmbeddedSession session = new EmbeddedSession(CONFIG, redis.addr())) {
            int sid = 5;
            session.fill(redis.addr(), source.addr(), sid, sid);
            String tag = "{" + keyIn(sid) + "}";
            String migrate = "MIGRATE 127.0.0.1 " + redis.port() + "  0 3000 KEYS ";
            session.send(command("SINTERSTORE", tag + "d", tag + "a", tag + "a", tag + "b")
                    + command("GET", tag + "a") + command("GET", tag + "b") + command("GET", tag + "c"));
            // one MIGRATE per request, each key once, all sent before the first is answered
            assertThat(source.readRequest()).isEqualTo(migrate + tag + "d " + tag + "a " + tag + "b");
            assertThat(source.readRequest()).isEqualTo(migrate + tag + "a");
            assertThat(source.readRequest()).isEqualTo(migrate + tag + "b");
            assertThat(source.readRequest()).isEqualTo(migrate + tag + "c");
            source.reply("+NOKEY\r\n+OK\r\n:1\r\n");
            String expected = ":0\r\n$-1\r\n"
                    + "-ERR handle request, bad slotsmgrt resp: should be OK or NOKEY, but got <int>\r\n";
            assertThat(session.awaitReceived(expected.length())).isEqualTo(expected);
            source.disconnect();
            expected += "-ERR handle request, backend conn failure, EOF\r\n";
            assertThat(session.awaitReceived(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void proxyErrorsReachTheClientInOrder() {
        try (EmbeddedSession session = new EmbeddedSession(CONFIG, redis.addr())) {
            session.fill("", 7, 7);
            String offline = keyIn(7);
            session.send(command("SET", "err:k", "x") + command("KEYS", "*") + command("GET", offline)
                    + command("LPUSH", "err:k", "y") + command("MGET", "err:k", offline) + command("SELECT", "99")
                    + command("SLOTSSCAN", "3", "0") + command("GET", "err:k"));
            String expected = "+OK\r\n"
                    + "-ERR handle request, command 'KEYS' is not allowed\r\n"
                    + "-ERR handle request, slot is not ready, may be offline\r\n"
                    + "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
                    + "-ERR handle request, slot is not ready, may be offline\r\n"
                    + "-ERR invalid DB index, only accept DB [0,16)\r\n"
                    + "-ERR handle request, command 'SLOTSSCAN' is not supported: the backends are stock Redis,"
                    + " which has no slot commands\r\n"
                    + "$1\r\nx\r\n";
            assertThat(session.awaitReceived(expected.length())).isEqualTo(expected);
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Test
    void aDroppedBackendConnectionFailsItsRequestsAndNotTheOthers() {
        try (ScriptedBackend dropping = new ScriptedBackend();
                EmbeddedSession session = new EmbeddedSession(CONFIG, redis.addr())) {
            session.fill(dropping.addr(), 0, 0);
            String lost = keyIn(0);
            session.send(command("SET", "drop:k", "1") + command("GET", lost) + command("GET", "drop:k"));
            assertThat(dropping.readRequest()).isEqualTo("GET " + lost);
            dropping.disconnect();
            String expected = "+OK\r\n-ERR handle response, backend conn failure, EOF\r\n$1\r\n1\r\n";
            assertThat(session.awaitReceived(expected.length())).isEqualTo(expected);
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Test
    void breakOnFailureClosesTheSessionAfterTheFailedReply() {
        try (EmbeddedSession session = new EmbeddedSession(CONFIG + "session_break_on_failure = true\n", redis.addr())) {
            session.send(command("PING") + command("KEYS", "*") + command("PING"));
            session.awaitClosed();
            assertThat(session.received()).isEqualTo("+PONG\r\n-ERR handle request, command 'KEYS' is not allowed\r\n");
        }
    }
}
