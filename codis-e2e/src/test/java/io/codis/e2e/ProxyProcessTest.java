package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.TempDirs;
import io.codis.proxy.CommandExamples;
import io.codis.proxy.CommandExamples.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged codis-proxy as an operator runs it without a dashboard: started from its launcher,
 * filled with {@code codis-admin --proxy=ADDR --fillslots=FILE}, put online with {@code --start},
 * used with {@code redis-cli} (every allowed command of codis-proxy's command-examples.txt prints what it
 * prints against a plain Redis), stopped with SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyProcessTest {
    private static final int SERVERS = 4;
    private static final List<RedisServer> REDIS = new ArrayList<>();
    /** A Redis on its own, to compare the proxy's replies with. */
    private static RedisServer plain;
    private static Path dir;
    private static int proxyPort;
    private static String adminAddr;
    private static ExternalProcess proxy;

    @BeforeAll
    static void startProxyOverFourServers() throws IOException {
        for (int i = 0; i < SERVERS; i++) {
            REDIS.add(RedisServer.start());
        }
        plain = RedisServer.start();
        dir = TempDirs.create("proxy-e2e-");
        proxyPort = FreePorts.next();
        adminAddr = "127.0.0.1:" + FreePorts.next();
        Path config = ConfigFile.shipped("proxy.toml")
                .set("proxy_addr", "127.0.0.1:" + proxyPort)
                .set("admin_addr", adminAddr)
                .writeTo(dir.resolve("proxy.toml"));
        Files.writeString(dir.resolve("slots.json"), slotsOverServers());
        proxy = Launcher.start("codis-proxy", "codis-proxy", dir, "--ncpu=2", "--config=" + config, "--log-level=INFO");
        proxy.awaitReady(() -> AdminHttp.get(adminAddr, "/api/proxy/model").isPresent(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopEverything() {
        if (proxy != null) {
            proxy.close();
        }
        REDIS.forEach(RedisServer::close);
        if (plain != null) {
            plain.close();
        }
        if (dir != null) {
            TempDirs.delete(dir);
        }
    }

    @Test
    @Order(1)
    void clientsAreToldTheRouterIsNotOnlineUntilStarted() {
        assertThat(redisCli("PING").stdout()).isEqualTo("ERR router is not online\n\n");
    }

    @Test
    @Order(2)
    void codisAdminFillsTheSlotsAndStartsTheProxy() {
        Launcher.Result fill = Launcher.run("codis-admin", "--proxy=" + adminAddr, "--fillslots=" + dir.resolve("slots.json"));
        assertThat(fill.exitCode()).as(fill.stderr()).isZero();
        assertThat(fill.stdout()).isEmpty();

        Launcher.Result start = Launcher.run("codis-admin", "--proxy=" + adminAddr, "--start");
        assertThat(start.exitCode()).as(start.stderr()).isZero();
        assertThat(start.stdout()).isEmpty();
        assertThat(redisCli("PING").stdout()).isEqualTo("PONG\n");
    }

    @Test
    @Order(3)
    void redisCliReadsAndWritesThroughTheProxyAndKeysLandOnTheirSlotsServer() {
        assertThat(redisCli("SET", "user1000", "alice").stdout()).isEqualTo("OK\n");
        assertThat(redisCli("GET", "user1000").stdout()).isEqualTo("alice\n");
        RedisServer owner = REDIS.get(SlotHash.slotOf("user1000") * SERVERS / 1024);
        assertThat(directCli(owner, "GET", "user1000")).isEqualTo("alice\n");

        assertThat(redisCli("MSET", "a", "1", "foo", "2", "bar", "3", "hello", "4").stdout()).isEqualTo("OK\n");
        assertThat(redisCli("MGET", "a", "foo", "bar", "hello", "missing").stdout()).isEqualTo("1\n2\n3\n4\n\n");
        assertThat(redisCli("EXISTS", "a", "foo", "missing").stdout()).isEqualTo("2\n");
        assertThat(redisCli("DEL", "a", "foo", "bar", "hello").stdout()).isEqualTo("4\n");
        assertThat(redisCli("HSET", "h", "f", "v").stdout()).isEqualTo("1\n");
        assertThat(redisCli("HGETALL", "h").stdout()).isEqualTo("f\nv\n");
        assertThat(redisCli("LPUSH", "l", "x", "y").stdout()).isEqualTo("2\n");
        assertThat(redisCli("LRANGE", "l", "0", "-1").stdout()).isEqualTo("y\nx\n");
        assertThat(redisCli("INCR", "counter").stdout()).isEqualTo("1\n");
        assertThat(redisCli("KEYS", "*").stdout()).isEqualTo("ERR handle request, command 'KEYS' is not allowed\n\n");
        assertThat(redisCli("SELECT", "16").stdout()).isEqualTo("ERR invalid DB index, only accept DB [0,16)\n\n");
    }

    @Test
    @Order(4)
    void redisCliPrintsWhatPlainRedisPrintsForEveryAllowedCommand() {
        for (RedisServer server : Stream.concat(REDIS.stream(), Stream.of(plain)).toList()) {
            assertThat(directCli(server, "FUNCTION", "LOAD", CommandExamples.FUNCTION_LIBRARY)).isEqualTo("sweep\n");
        }
        List<String> mismatches = new ArrayList<>();
        // the examples the proxy answers itself name slot 0's backend; the ones run here do not
        List<Example> examples = CommandExamples.load("").stream().filter(Example::repliesAsPlainRedis).toList();
        for (Example example : examples) {
            String[] args = example.args().toArray(String[]::new);
            String viaProxy = redisCli(args).stdout();
            String direct = directCli(plain, args);
            if (viaProxy.isEmpty() || !viaProxy.equals(direct)) {
                mismatches.add(example + "\n  via the proxy: " + viaProxy + "  plain Redis: " + direct);
            }
        }
        assertThat(examples).hasSizeGreaterThan(200);
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(5)
    void redisCliInteractiveSessionWorks() {
        Launcher.Result result = Launcher.runCommand(List.of("sh", "-c",
                "printf 'SET k v\\nGET k\\nDEL k\\nQUIT\\n' | redis-cli -p " + proxyPort), Map.of());
        assertThat(result.stdout()).isEqualTo("OK\nv\n1\n");
    }

    @Test
    @Order(6)
    void sigtermStopsTheProxyCleanly() {
        assertThat(proxy.stop()).isZero();
        assertThat(redisCli("PING").exitCode()).isNotZero();
    }

    /** What redis-cli prints when it is not on a terminal: errors end with an empty line. */
    private static Launcher.Result redisCli(String... args) {
        return Launcher.redisCli(proxyPort, args);
    }

    private static String directCli(RedisServer server, String... args) {
        return Launcher.redisCli(server.port(), args).stdout();
    }

    /** Slots in four contiguous ranges, one per server, as an operator's fillslots file. */
    private static String slotsOverServers() {
        StringJoiner slots = new StringJoiner(",\n", "[\n", "\n]\n");
        for (int sid = 0; sid < 1024; sid++) {
            int index = sid * SERVERS / 1024;
            slots.add(String.format("{\"id\": %d, \"backend_addr\": \"%s\", \"backend_addr_group_id\": %d}",
                    sid, REDIS.get(index).addr(), index + 1));
        }
        return slots.toString();
    }
}
