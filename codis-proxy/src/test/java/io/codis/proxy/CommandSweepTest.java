package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.RedisServer;
import io.codis.proxy.CommandExamples.Check;
import io.codis.proxy.CommandExamples.Example;
import io.codis.proxy.command.TableNames;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Every command the table allows, sent through the proxy (slots over four servers), replies exactly as the
 * same invocation sent to a plain Redis 7 (command-examples.txt), one by one and all pipelined in one write,
 * and in RESP3 (after HELLO 3 on both) exactly as plain Redis' RESP3,
 * and every key it writes lands on the server of its slot; every command the table refuses gets the exact
 * refusal.
 */
class CommandSweepTest extends FourServerProxyTest {

    static RedisServer plain;
    static List<Example> examples;

    @BeforeAll
    static void startPlainRedisAndLoadTheFunctionLibraryEverywhere() {
        plain = RedisServer.start();
        for (RedisServer server : everyServer()) {
            try (RawClient direct = new RawClient(server.port())) {
                assertThat(direct.call("FUNCTION", "LOAD", CommandExamples.FUNCTION_LIBRARY)).isEqualTo("$5\r\nsweep\r\n");
            }
        }
        examples = CommandExamples.load(SERVERS.get(0).addr());
    }

    @AfterAll
    static void stopPlainRedis() {
        if (plain != null) {
            plain.close();
        }
    }

    @Test
    void theExamplesCoverExactlyTheCommandsTheTableAllows() {
        SortedSet<String> exemplified = examples.stream().map(Example::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(without(TableNames.allowed(), exemplified)).as("allowed commands without an example").isEmpty();
        assertThat(without(exemplified, TableNames.allowed())).as("examples of commands the table refuses or lacks").isEmpty();
    }

    @Test
    void everyExampleRepliesThroughTheProxyAsOnPlainRedis() {
        flushEveryServer();
        List<String> mismatches = new ArrayList<>();
        try (RawClient viaProxy = proxy.raw(); RawClient direct = new RawClient(plain.port())) {
            for (Example example : examples) {
                String[] args = example.args().toArray(String[]::new);
                String reply = viaProxy.call(args);
                String plainReply = example.check() == Check.PROXY_REPLY ? null : direct.call(args);
                mismatch(example, reply, plainReply).ifPresent(mismatches::add);
            }
        }
        assertThat(mismatches).isEmpty();
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                Set<String> keys = direct.keys("*");
                assertThat(keys).as("keys on " + server.addr()).isNotEmpty()
                        .allSatisfy(key -> assertThat(ForwardingTest.ownerOf(key)).as(key).isSameAs(server));
            }
        }
    }

    @Test
    void everyExampleRepliesInResp3AsOnPlainRedisInResp3() {
        flushEveryServer();
        List<String> mismatches = new ArrayList<>();
        try (RawClient viaProxy = proxy.raw(); RawClient direct = new RawClient(plain.port())) {
            assertThat(shape(viaProxy.call("HELLO", "3"))).isEqualTo(shape(direct.call("HELLO", "3"))).isEqualTo("%");
            for (Example example : examples) {
                if (example.name().equals("HELLO")) {
                    continue; // the protocol stays RESP3 throughout (HELLO 2 would end it)
                }
                String[] args = example.args().toArray(String[]::new);
                String reply = viaProxy.call(args);
                if (example.check() == Check.PROXY_REPLY) {
                    continue; // the proxy's own texts are written for RESP2; read (so well framed), not compared
                }
                mismatch(example, reply, direct.call(args)).ifPresent(mismatches::add);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theExamplesPipelinedInOneWriteGetTheSameRepliesInOrder() {
        flushEveryServer();
        List<String> mismatches = new ArrayList<>();
        try (RawClient viaProxy = proxy.raw(); RawClient direct = new RawClient(plain.port())) {
            ByteArrayOutputStream toProxy = new ByteArrayOutputStream();
            ByteArrayOutputStream toPlain = new ByteArrayOutputStream();
            for (Example example : examples) {
                byte[] request = RawClient.encode(example.args().toArray(String[]::new));
                toProxy.writeBytes(request);
                if (example.check() != Check.PROXY_REPLY) {
                    toPlain.writeBytes(request);
                }
            }
            viaProxy.sendBytes(toProxy.toByteArray());
            direct.sendBytes(toPlain.toByteArray());
            for (Example example : examples) {
                String reply = viaProxy.readReply();
                String plainReply = example.check() == Check.PROXY_REPLY ? null : direct.readReply();
                mismatch(example, reply, plainReply).ifPresent(mismatches::add);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** What is wrong with the proxy's reply to {@code example}, given plain Redis' one (null if not asked). */
    private static Optional<String> mismatch(Example example, String reply, String plainReply) {
        String expected = switch (example.check()) {
            case PROXY_REPLY -> example.proxyReply();
            case SAME_SHAPE -> shape(plainReply);
            case SAME, SAME_ERROR -> plainReply;
        };
        String actual = example.check() == Check.SAME_SHAPE ? shape(reply) : reply;
        boolean errorAsExpected = example.check() == Check.PROXY_REPLY
                || reply.startsWith("-") == (example.check() == Check.SAME_ERROR);
        if (actual.equals(expected) && errorAsExpected) {
            return Optional.empty();
        }
        return Optional.of(example + " [" + example.check() + "]\n  proxy: " + reply.strip() + "\n  wanted: " + expected.strip());
    }

    /** Each run of the examples starts from empty servers (the function library stays). */
    private static void flushEveryServer() {
        for (RedisServer server : everyServer()) {
            try (RawClient direct = new RawClient(server.port())) {
                assertThat(direct.call("FLUSHALL")).isEqualTo("+OK\r\n");
            }
        }
    }

    @Test
    void everyCommandTheTableRefusesGetsTheExactRefusal() {
        try (RawClient c = proxy.raw()) {
            for (String name : TableNames.notAllowed()) {
                assertThat(c.call(name.toLowerCase(), "sweep:k", "0"))
                        .isEqualTo("-ERR handle request, command '" + name + "' is not allowed\r\n");
            }
        }
    }

    /** The four servers behind the proxy and the plain one. */
    private static List<RedisServer> everyServer() {
        return Stream.concat(SERVERS.stream(), Stream.of(plain)).toList();
    }

    private static SortedSet<String> without(SortedSet<String> names, SortedSet<String> removed) {
        SortedSet<String> rest = new TreeSet<>(names);
        rest.removeAll(removed);
        return rest;
    }

    /** The RESP type, and for an array its length: what a reply whose text varies by server must keep. */
    private static String shape(String reply) {
        return reply.startsWith("*") ? reply.substring(0, reply.indexOf('\r')) : reply.substring(0, 1);
    }
}
