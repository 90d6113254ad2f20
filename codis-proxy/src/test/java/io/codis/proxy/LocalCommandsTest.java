package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.model.Slot;
import io.codis.common.testkit.RedisServer;
import io.codis.proxy.stats.CommandStats;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** Every locally answered command and proxy error reply, byte for byte (proxy-dataplane.md). */
class LocalCommandsTest {

    static RedisServer redis;
    static RedisServer replica;
    static ProxyFixture proxy;
    static final int OFFLINE_SLOT = 5;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        replica = RedisServer.start();
        proxy = ProxyFixture.start("").fillSpread(List.of(redis.addr())).online();
        proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(OFFLINE_SLOT, "", false),
                new Slot(7, false, redis.addr(), 1, "", 0, 0, List.of(List.of(replica.addr())))));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        redis.close();
        replica.close();
    }

    @Test
    void exactErrorReplies() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("KEYS", "*")).isEqualTo("-ERR handle request, command 'KEYS' is not allowed\r\n");
            assertThat(c.call("keys", "*")).isEqualTo("-ERR handle request, command 'KEYS' is not allowed\r\n");
            assertThat(c.call("x".repeat(65))).isEqualTo("-ERR handle request, bad command length, too short or too long\r\n");
            c.send("*1\r\n$0\r\n\r\n");
            assertThat(c.readReply()).isEqualTo("-ERR handle request, bad command length, too short or too long\r\n");
            assertThat(c.call("AUTH", "x")).isEqualTo("-ERR Client sent AUTH, but no password is set\r\n");
            assertThat(c.call("AUTH", "u", "p")).isEqualTo("-ERR wrong number of arguments for 'AUTH' command\r\n");
            assertThat(c.call("SELECT")).isEqualTo("-ERR wrong number of arguments for 'SELECT' command\r\n");
            assertThat(c.call("SELECT", "x")).isEqualTo("-ERR invalid DB index\r\n");
            assertThat(c.call("SELECT", "16")).isEqualTo("-ERR invalid DB index, only accept DB [0,16)\r\n");
            assertThat(c.call("SELECT", "-1")).isEqualTo("-ERR invalid DB index, only accept DB [0,16)\r\n");
            for (String cmd : List.of("MGET", "DEL", "EXISTS")) {
                assertThat(c.call(cmd)).isEqualTo("-ERR wrong number of arguments for '" + cmd + "' command\r\n");
            }
            assertThat(c.call("MSET", "k")).isEqualTo("-ERR wrong number of arguments for 'MSET' command\r\n");
            assertThat(c.call("MSET", "k", "v", "k2")).isEqualTo("-ERR wrong number of arguments for 'MSET' command\r\n");
            assertThat(c.call("SLOTSINFO")).isEqualTo("-ERR wrong number of arguments for 'SLOTSINFO' command\r\n");
            assertThat(c.call("SLOTSSCAN", "1")).isEqualTo("-ERR wrong number of arguments for 'SLOTSSCAN' command\r\n");
            assertThat(c.call("SLOTSSCAN", "abc", "0"))
                    .isEqualTo("-ERR parse slotnum 'abc' failed, strconv.ParseInt: parsing \"abc\": invalid syntax\r\n");
            assertThat(c.call("SLOTSSCAN", "1024", "0")).isEqualTo("-ERR parse slotnum '1024' failed, out of range\r\n");
            assertThat(c.call("SLOTSMAPPING", "1", "2")).isEqualTo("-ERR wrong number of arguments for 'SLOTSMAPPING' command\r\n");
            assertThat(c.call("SLOTSMAPPING", "-1")).isEqualTo("-ERR parse slotnum '-1' failed, out of range\r\n");
            assertThat(c.call("PING", "1.2.3.4:5")).isEqualTo("-ERR backend server '1.2.3.4:5' not found\r\n");
            assertThat(c.call("INFO", "nowhere:1", "replication")).isEqualTo("-ERR backend server 'nowhere:1' not found\r\n");
            assertThat(c.call("SLOTSINFO", "nowhere:1")).isEqualTo("-ERR backend server 'nowhere:1' not found\r\n");
            assertThat(c.call("GET", keyIn(OFFLINE_SLOT)))
                    .isEqualTo("-ERR handle request, slot is not ready, may be offline\r\n");
            assertThat(c.call("MGET", "a", keyIn(OFFLINE_SLOT)))
                    .isEqualTo("-ERR handle request, slot is not ready, may be offline\r\n");
            // the parts before the offline key are still executed, as in the original
            assertThat(c.call("MSET", "before:k", "1", keyIn(OFFLINE_SLOT), "2", "after:k", "3"))
                    .isEqualTo("-ERR handle request, slot is not ready, may be offline\r\n");
            assertThat(c.call("GET", "before:k")).isEqualTo("$1\r\n1\r\n");
            assertThat(c.call("GET", "after:k")).isEqualTo("$-1\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void pingAndInfoGoToTheNamedBackend() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("PING", redis.addr(), "hello")).isEqualTo("$5\r\nhello\r\n");
            assertThat(c.call("PING", redis.addr())).isEqualTo("+PONG\r\n");
            assertThat(c.call("INFO", redis.addr())).startsWith("$").contains("redis_version:");
            assertThat(c.call("INFO")).startsWith("$").contains("redis_version:");
            assertThat(c.call("ECHO", "hi")).isEqualTo("$2\r\nhi\r\n");
        }
    }

    @Test
    void slotsMappingWireFormat() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SLOTSMAPPING", "0")).isEqualTo("*4\r\n+0\r\n+" + redis.addr() + "\r\n+\r\n*0\r\n");
            assertThat(c.call("SLOTSMAPPING", "5")).isEqualTo("*4\r\n+5\r\n+\r\n+\r\n*0\r\n");
            assertThat(c.call("SLOTSMAPPING", "7"))
                    .isEqualTo("*4\r\n+7\r\n+" + redis.addr() + "\r\n+\r\n*1\r\n*1\r\n+" + replica.addr() + "\r\n");
            String all = c.call("SLOTSMAPPING");
            assertThat(all).startsWith("*1024\r\n*4\r\n+0\r\n").endsWith("*4\r\n+1023\r\n+" + redis.addr() + "\r\n+\r\n*0\r\n");
        }
    }

    @Test
    void slotsInfoAndSlotsScanAreRefusedAfterTheOriginalsChecks() {
        String refusal = " is not supported: the backends are stock Redis, which has no slot commands\r\n";
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SLOTSSCAN", "3", "0")).isEqualTo("-ERR handle request, command 'SLOTSSCAN'" + refusal);
            assertThat(c.call("SLOTSSCAN", "3", "0", "COUNT", "10")).isEqualTo("-ERR handle request, command 'SLOTSSCAN'" + refusal);
            assertThat(c.call("SLOTSINFO", redis.addr())).isEqualTo("-ERR handle request, command 'SLOTSINFO'" + refusal);
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void selectChoosesTheBackendDatabase() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SELECT", "3")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "sel:k", "in-db-3")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "sel:k")).isEqualTo("$7\r\nin-db-3\r\n");
            assertThat(c.call("SELECT", "0")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "sel:k")).isEqualTo("$-1\r\n");
        }
        try (Jedis direct = new Jedis("127.0.0.1", redis.port())) {
            direct.select(3);
            assertThat(direct.get("sel:k")).isEqualTo("in-db-3");
            direct.select(0);
            assertThat(direct.get("sel:k")).isNull();
        }
    }

    @Test
    void helloIsAnsweredLocally() {
        try (RawClient c = proxy.raw()) {
            String hello = c.call("HELLO");
            assertThat(hello).startsWith("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n")
                    .contains("$5\r\nproto\r\n:2\r\n").endsWith("$7\r\nmodules\r\n*0\r\n");
            assertThat(c.call("HELLO", "2")).startsWith("*14\r\n");
            assertThat(c.call("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(c.call("HELLO", "x")).isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
            assertThat(c.call("SET", "hello:k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("HELLO", "3")).startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n")
                    .contains("$5\r\nproto\r\n:3\r\n").endsWith("$7\r\nmodules\r\n*0\r\n");
            assertThat(c.call("GET", "hello:none")).isEqualTo("_\r\n");
        }
    }

    @Test
    void quitAnswersThenCloses() {
        try (RawClient c = proxy.raw()) {
            c.send("*3\r\n$3\r\nSET\r\n$6\r\nquit:k\r\n$1\r\nv\r\n*1\r\n$4\r\nQUIT\r\n*2\r\n$3\r\nGET\r\n$6\r\nquit:k\r\n");
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void malformedInputClosesOnlyThatSession() {
        try (RawClient good = proxy.raw(); RawClient bad = proxy.raw(); RawClient bad2 = proxy.raw()) {
            assertThat(good.call("SET", "mal:k", "v")).isEqualTo("+OK\r\n");
            bad.send("*0\r\n");
            assertThat(bad.isClosedByPeer()).isTrue();
            bad2.send("*3\r\n$3\r\nSET\r\n$5\r\nmal:j\r\n$1\r\nw\r\n*1\r\n:5\r\n");
            assertThat(bad2.readReply()).isEqualTo("+OK\r\n");
            assertThat(bad2.readReply()).isEqualTo("-ERR Protocol error: expected '$', got ':'\r\n");
            assertThat(bad2.isClosedByPeer()).isTrue();
            assertThat(good.call("GET", "mal:k")).isEqualTo("$1\r\nv\r\n");
        }
    }

    @Test
    void protocolErrorsAreAnsweredAsRedisDoesThenTheConnectionCloses() {
        for (String[] sent : new String[][] {
                {"*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
                {"*1\r\n$x\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
                {"set \"a\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"}}) {
            try (RawClient c = proxy.raw()) {
                c.send(sent[0]);
                assertThat(c.readReply()).as(sent[0]).isEqualTo(sent[1]);
                assertThat(c.isClosedByPeer()).isTrue();
            }
        }
    }

    @Test
    void timeEchoResetAndClientAreTheProxysOwn() {
        try (RawClient c = proxy.raw(); RawClient other = proxy.raw()) {
            String time = c.call("TIME");
            long seconds = Long.parseLong(time.split("\r\n")[2]);
            assertThat(seconds).isBetween(System.currentTimeMillis() / 1000 - 5, System.currentTimeMillis() / 1000 + 5);
            assertThat(time).matches("\\*2\r\n\\$\\d+\r\n\\d+\r\n\\$\\d+\r\n\\d+\r\n");
            assertThat(c.call("TIME", "x")).isEqualTo("-ERR wrong number of arguments for 'time' command\r\n");
            assertThat(c.call("ECHO", keyIn(OFFLINE_SLOT))).as("local: no slot involved")
                    .isEqualTo("$" + keyIn(OFFLINE_SLOT).length() + "\r\n" + keyIn(OFFLINE_SLOT) + "\r\n");
            assertThat(c.call("ECHO")).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
            assertThat(c.call("TOUCH")).isEqualTo("-ERR wrong number of arguments for 'touch' command\r\n");

            assertThat(c.call("CLIENT", "SETNAME", "first")).isEqualTo("+OK\r\n");
            assertThat(other.call("HELLO", "2", "SETNAME", "second")).startsWith("*14\r\n");
            assertThat(other.call("HELLO", "2", "SETNAME", "a\nb"))
                    .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
            assertThat(other.call("SELECT", "3")).isEqualTo("+OK\r\n");
            assertThat(other.call("GET", "client:k")).isEqualTo("$-1\r\n");
            String id = c.call("CLIENT", "ID").substring(1).strip();
            String otherId = other.call("CLIENT", "ID").substring(1).strip();
            String info = c.call("CLIENT", "INFO");
            assertThat(info).matches("(?s)\\$\\d+\r\nid=" + id + " addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:" + proxy.port
                    + " fd=-1 name=first age=\\d+ idle=0 flags=N db=0 .* cmd=client\\|info user=default redir=-1 resp=2\n\r\n");
            String list = c.call("CLIENT", "LIST");
            assertThat(list).contains("id=" + id + " ").contains("name=first ").contains("cmd=client|list ")
                    .contains("id=" + otherId + " ").contains("name=second ").contains(" db=3 ").contains("cmd=client ");
            assertThat(c.call("CLIENT", "LIST", "ID", otherId)).contains("name=second ").doesNotContain("name=first ");
            assertThat(c.call("CLIENT", "LIST", "TYPE", "pubsub")).isEqualTo("$0\r\n\r\n");
            assertThat(c.call("CLIENT", "LIST", "ID", "x")).isEqualTo("-ERR Invalid client ID\r\n");
            assertThat(c.call("CLIENT", "SETNAME", "a b"))
                    .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");

            assertThat(other.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(other.call("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            assertThat(c.call("CLIENT", "LIST", "ID", otherId)).contains(" db=0 ");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void commandListsWhatTheProxyAllows() {
        try (RawClient c = proxy.raw(); Jedis jedis = proxy.jedis()) {
            long count = Long.parseLong(c.call("COMMAND", "COUNT").substring(1).strip());
            List<Object> all = (List<Object>) jedis.sendCommand(Protocol.Command.COMMAND);
            assertThat(all).hasSize((int) count);
            List<String> names = all.stream().map(e -> new String((byte[]) ((List<Object>) e).get(0))).toList();
            assertThat(names).contains("get", "rename", "client", "eval").doesNotContain("keys", "flushall", "subscribe");
            assertThat(c.call("COMMAND", "LIST")).startsWith("*" + count + "\r\n");
            String docs = c.call("COMMAND", "DOCS", "KEYS", "GET");
            assertThat(docs).startsWith("*2\r\n$3\r\nget\r\n").doesNotContain("keys");
        }
    }

    @Test
    void statsCountCommandsAndFailures() {
        proxy.plane.stats().reset();
        try (RawClient c = proxy.raw()) {
            c.call("SET", "st:k", "v");
            c.call("GET", "st:k");
            c.call("KEYS", "*");
            c.call("LPUSH", "st:k", "x");
        }
        var ops = proxy.plane.stats().ops();
        assertThat(ops.total()).isGreaterThanOrEqualTo(4);
        assertThat(ops.fails()).isGreaterThanOrEqualTo(1);
        assertThat(ops.redisErrors()).isGreaterThanOrEqualTo(1);
        assertThat(ops.commands()).extracting(CommandStats::opstr).contains("GET", "SET", "KEYS", "LPUSH");
        assertThat(ops.commands()).filteredOn(s -> s.opstr().equals("KEYS")).first()
                .satisfies(s -> assertThat(s.fails()).isEqualTo(1));
        assertThat(ops.commands()).filteredOn(s -> s.opstr().equals("LPUSH")).first()
                .satisfies(s -> assertThat(s.redisErrtype()).isEqualTo(1));
    }
}
