package io.codis.proxy.command;

import io.codis.common.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.codis.proxy.command.TestRequests.keyIndexes;
import static io.codis.proxy.command.TestRequests.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** The table's keys equal what a real Redis 7 says ({@code COMMAND GETKEYS}) for every command it knows. */
class RedisKeySpecsTest {

    /** Extra filler arguments after the minimum, for commands with a variable number of arguments. */
    private static final int EXTRA_ARGUMENTS = 3;

    private static RedisServer redis;
    private static Jedis jedis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        jedis = new Jedis("127.0.0.1", redis.port());
    }

    @AfterAll
    static void stopRedis() {
        if (jedis != null) {
            jedis.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void knowsEveryCommandOfRedis() {
        List<String> unknown = redisCommands().keySet().stream().filter(name -> spec(name).isUnknown()).toList();

        assertThat(unknown).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> findsTheKeysRedisFinds() throws IOException {
        Map<String, List<List<String>>> samples = samples();
        List<List<String>> invocations = new ArrayList<>();
        redisCommands().forEach((name, info) -> invocations.addAll(samples.getOrDefault(name, fillerInvocations(name, info))));
        return invocations.stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            List<Integer> indexes = keyIndexes(args);
            List<String> keys = indexes.stream().map(args::get).toList();

            assertThat(keys).containsExactlyInAnyOrderElementsOf(redisKeys(args));
            assertThat(indexes).isSortedAccordingTo(Integer::compare).doesNotHaveDuplicates();
        }));
    }

    /** Redis' commands by upper-case name, each as its COMMAND reply entry. */
    private static Map<String, List<Object>> redisCommands() {
        Map<String, List<Object>> commands = new LinkedHashMap<>();
        for (Object entry : (List<?>) jedis.sendCommand(Protocol.Command.COMMAND)) {
            List<Object> info = list(entry);
            commands.put(text(info.get(0)).toUpperCase(), info);
        }
        return commands;
    }

    /** {@code name x1 x2 ...} with as many fillers as its arity asks; a container: one per subcommand. */
    private static List<List<String>> fillerInvocations(String name, List<Object> info) {
        List<Object> subcommands = info.size() > 9 ? list(info.get(9)) : List.of();
        if (subcommands.isEmpty()) {
            return List.of(withFillers(List.of(name), arity(info)));
        }
        return subcommands.stream().map(sub -> {
            List<Object> subInfo = list(sub);
            String subName = text(subInfo.get(0));
            return withFillers(List.of(name, subName.substring(subName.indexOf('|') + 1).toUpperCase()), arity(subInfo));
        }).toList();
    }

    private static long arity(List<Object> info) {
        return (Long) info.get(1);
    }

    private static List<String> withFillers(List<String> head, long arity) {
        int count = (int) (arity > 0 ? arity : -arity + EXTRA_ARGUMENTS);
        List<String> args = new ArrayList<>(head);
        IntStream.range(args.size(), count).forEach(i -> args.add("x" + i));
        return args;
    }

    /** COMMAND GETKEYS; no key when Redis says the command has none (or it has no argument, which GETKEYS refuses). */
    private static List<String> redisKeys(List<String> args) {
        if (args.size() == 1) {
            return List.of();
        }
        String[] getKeys = Stream.concat(Stream.of("GETKEYS"), args.stream()).toArray(String[]::new);
        try {
            return list(jedis.sendCommand(Protocol.Command.COMMAND, getKeys)).stream().map(RedisKeySpecsTest::text).toList();
        } catch (JedisDataException e) {
            if (e.getMessage().contains("has no key arguments")) {
                return List.of();
            }
            throw new AssertionError("fix the sample " + args + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<List<String>>> samples() throws IOException {
        Map<String, List<List<String>>> samples = new LinkedHashMap<>();
        try (InputStream in = RedisKeySpecsTest.class.getResourceAsStream("redis7-key-samples.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    List<String> args = List.of(line.split(" "));
                    samples.computeIfAbsent(args.get(0).toUpperCase(), k -> new ArrayList<>()).add(args);
                }
            }
        }
        return samples;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object reply) {
        return (List<Object>) reply;
    }

    private static String text(Object reply) {
        return new String((byte[]) reply, StandardCharsets.UTF_8);
    }
}
