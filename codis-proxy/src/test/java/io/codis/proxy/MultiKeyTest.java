package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.RedisServer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** MGET, MSET, DEL, EXISTS, TOUCH, UNLINK split over four backends and merged in key order. */
class MultiKeyTest extends FourServerProxyTest {

    static List<String> keysOnAllBackends(String prefix, int count) {
        List<String> keys = new ArrayList<>();
        Set<Integer> backends = new HashSet<>();
        for (int i = 0; keys.size() < count; i++) {
            String key = prefix + i;
            keys.add(key);
            backends.add(SlotHash.slotOf(key) % 4);
        }
        assertThat(backends).hasSize(4);
        return keys;
    }

    @Test
    void mgetAndMsetAcrossBackends() {
        List<String> keys = keysOnAllBackends("mk:", 20);
        try (Jedis jedis = proxy.jedis()) {
            List<String> kv = new ArrayList<>();
            for (String key : keys) {
                kv.add(key);
                kv.add("v-" + key);
            }
            assertThat(jedis.mset(kv.toArray(new String[0]))).isEqualTo("OK");
            List<String> asked = new ArrayList<>(keys);
            asked.add(2, "mk:missing");
            asked.add(keys.get(0));
            List<String> expected = new ArrayList<>();
            for (String key : asked) {
                expected.add(key.equals("mk:missing") ? null : "v-" + key);
            }
            assertThat(jedis.mget(asked.toArray(new String[0]))).isEqualTo(expected);
            assertThat(jedis.exists(keys.toArray(new String[0]))).isEqualTo(20);
            assertThat(jedis.exists(keys.get(0), keys.get(0), "mk:missing")).isEqualTo(2);
            assertThat(jedis.touch(keys.subList(0, 8).toArray(new String[0]))).isEqualTo(8);
            assertThat(jedis.unlink(keys.subList(0, 4).toArray(new String[0]))).isEqualTo(4);
            assertThat(jedis.del(keys.toArray(new String[0]))).isEqualTo(16);
            assertThat(jedis.exists(keys.toArray(new String[0]))).isZero();
        }
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                assertThat(direct.keys("mk:*")).isEmpty();
            }
        }
    }

    @Test
    void aPartAnsweringAnErrorGivesTheReferenceTexts() {
        List<String> keys = keysOnAllBackends("mkacl:", 12);
        RedisServer denying = SERVERS.get(SlotHash.slotOf(keys.get(3)) % 4);
        String mgetError;
        String existsError;
        try (RawClient direct = new RawClient(denying.port())) {
            assertThat(direct.call("ACL", "SETUSER", "default", "-mget", "-exists")).isEqualTo("+OK\r\n");
            mgetError = direct.call("MGET", "a", "b");
            existsError = direct.call("EXISTS", "a", "b");
        }
        try (RawClient c = proxy.raw()) {
            assertThat(mgetError).startsWith("-NOPERM");
            assertThat(c.call(prepend("MGET", keys))).isEqualTo("-ERR handle response, bad mget resp: <error> array.len = 0\r\n");
            int length = existsError.length() - 3;
            assertThat(c.call(prepend("EXISTS", keys)))
                    .isEqualTo("-ERR handle response, bad exists resp: <error> value.len = " + length + "\r\n");
        } finally {
            try (RawClient direct = new RawClient(denying.port())) {
                direct.call("ACL", "SETUSER", "default", "+@all");
            }
        }
    }

    static String[] prepend(String command, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(args);
        return all.toArray(new String[0]);
    }

    @Test
    void pipelinedMsetsGoOutCombinedAndKeepTheirOrder() {
        List<String> keys = keysOnAllBackends("mkpipe:", 8);
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                direct.configResetStat();
            }
        }
        int msets = 200;
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < msets; i++) {
            List<String> args = new ArrayList<>(List.of("MSET"));
            for (String key : keys) {
                args.add(key);
                args.add(key + "=" + i);
            }
            pipeline.writeBytes(RawClient.encode(args.toArray(new String[0])));
            if (i == msets / 2) {
                pipeline.writeBytes(RawClient.encode("GET", keys.get(5)));
            }
        }
        pipeline.writeBytes(RawClient.encode("MGET", keys.get(0), keys.get(7)));
        try (RawClient c = proxy.raw()) {
            c.sendBytes(pipeline.toByteArray());
            for (int i = 0; i < msets; i++) {
                assertThat(c.readReply()).isEqualTo("+OK\r\n");
                if (i == msets / 2) {
                    String value = keys.get(5) + "=" + i;
                    assertThat(c.readReply()).isEqualTo("$" + value.length() + "\r\n" + value + "\r\n");
                }
            }
            String first = keys.get(0) + "=" + (msets - 1);
            String last = keys.get(7) + "=" + (msets - 1);
            assertThat(c.readReply()).isEqualTo("*2\r\n$" + first.length() + "\r\n" + first + "\r\n$"
                    + last.length() + "\r\n" + last + "\r\n");
        }
        long msetCalls = 0;
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                String stats = direct.info("commandstats");
                Matcher calls = Pattern.compile("cmdstat_mset:calls=(\\d+)").matcher(stats);
                msetCalls += calls.find() ? Long.parseLong(calls.group(1)) : 0;
            }
        }
        // one part per backend per client MSET, but parts in a row on one connection go out as one MSET
        assertThat(msetCalls).isPositive().isLessThan(4L * msets / 2);
    }

    @Test
    void oneKeyMgetIsForwardedAsIs() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SET", "one:k", "1")).isEqualTo("+OK\r\n");
            assertThat(c.call("MGET", "one:k")).isEqualTo("*1\r\n$1\r\n1\r\n");
            assertThat(c.call("MSET", "one:k", "2")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEL", "one:k")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void aFailingPartMakesTheWholeReplyAnError() {
        List<String> keys = keysOnAllBackends("mkerr:", 12);
        // the part on a backend that is paused for writes still answers reads: use a wrongly typed reply
        // instead: MGET parts are arrays whatever the types, so check a backend error through DEL of a
        // key on a server that refuses writes (min-replicas not reachable -> NOREPLICAS)
        RedisServer refusing = SERVERS.get(SlotHash.slotOf(keys.get(0)) % 4);
        try (Jedis direct = new Jedis("127.0.0.1", refusing.port())) {
            direct.configSet("min-replicas-to-write", "1");
        }
        try (RawClient c = proxy.raw()) {
            String reply = c.call("MSET", keys.get(0), "a", keys.get(1), "b");
            assertThat(reply).startsWith("-ERR handle response, bad mset resp: <error> value.len = ");
            assertThat(c.call("DEL", keys.get(1), keys.get(0)))
                    .startsWith("-ERR handle response, bad del resp: <error> value.len = ");
        } finally {
            try (Jedis direct = new Jedis("127.0.0.1", refusing.port())) {
                direct.configSet("min-replicas-to-write", "0");
            }
        }
    }
}
