package io.codis.common.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisServerTest {

    @Test
    void servesOnAFreeLoopbackPortWithoutPersistence() {
        try (RedisServer server = RedisServer.start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            jedis.set("k", "v");
            assertThat(jedis.get("k")).isEqualTo("v");
            assertThat(server.addr()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(jedis.configGet("save")).containsEntry("save", "");
            assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "no");
        }
    }

    @Test
    void passwordIsRequiredWhenSet() {
        try (RedisServer server = RedisServer.builder().password("s3cret").start();
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThatThrownBy(jedis::ping).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
            jedis.auth("s3cret");
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void restartsOnTheSamePortAfterAStopOrACrash() {
        try (RedisServer server = RedisServer.start()) {
            int port = server.port();
            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.restart();
            server.kill();
            server.restart();
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void aFrozenServerAnswersOnlyOnceThawedAndStillCloses() {
        RedisServer server = RedisServer.start();
        try (Jedis jedis = new Jedis("127.0.0.1", server.port(), 300)) {
            server.freeze();
            assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);
            server.thaw();
        }
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
        server.freeze();
        server.close();
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void closeStopsTheServerAndRemovesItsDirectory() throws Exception {
        RedisServer server = RedisServer.builder().persistence(true).start();
        Path dir;
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            dir = Path.of(jedis.configGet("dir").get("dir"));
        }
        assertThat(dir).isDirectory();
        server.close();
        assertThat(server.isRunning()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        assertThat(ExternalProcess.started()).noneMatch(p -> p.name().equals("redis-server:" + server.port()));
    }

    @Test
    void aServerThatCannotStartFailsWithItsLog() {
        assertThatThrownBy(() -> RedisServer.builder().args("--no-such-directive", "1").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with status")
                .hasMessageContaining("no-such-directive");
    }

    @Test
    void failedTestsPrintTheLogsOfRunningServers() {
        try (RedisServer server = RedisServer.start()) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream original = System.err;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                new ServerLogsOnFailure().testFailed(null, new AssertionError("boom"));
            } finally {
                System.setErr(original);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8))
                    .contains("redis-server:" + server.port())
                    .contains("Ready to accept connections");
        }
    }

    @Test
    void sentinelMonitorsWhatItIsToldAndRemembersItAcrossARestart() {
        try (RedisServer master = RedisServer.start(); SentinelServer sentinel = SentinelServer.start()) {
            try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port())) {
                assertThat(jedis.sentinelMasters()).isEmpty();
                jedis.sentinelMonitor("codis-demo-1", "127.0.0.1", master.port(), 1);
            }
            sentinel.stop();
            sentinel.restart();
            try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port())) {
                assertThat(jedis.sentinelGetMasterAddrByName("codis-demo-1"))
                        .containsExactly("127.0.0.1", Integer.toString(master.port()));
            }
        }
    }
}
