package io.codis.dashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.config.DashboardConfig;
import io.codis.common.testkit.RedisServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class MoverSettingsTest {
    @Test
    void takesTheMigrationSettingsOfDashboardToml() {
        MoverSettings settings = MoverSettings.of(DashboardConfig.parse("""
                product_auth = "secret"
                migration_timeout = "7s"
                migration_async_numkeys = 300
                migration_async_maxbytes = "1mb"
                migration_async_maxbulks = 100
                """));
        assertThat(settings).isEqualTo(new MoverSettings("secret", Duration.ofSeconds(7), 300, 1 << 20, 100));
        assertThat(settings.timeoutMillis()).isEqualTo(5000);
        assertThat(settings.temporaryTtlMillis()).isEqualTo(21_000);
        assertThat(MoverSettings.of(DashboardConfig.defaults()))
                .isEqualTo(new MoverSettings("", Duration.ofSeconds(30), 500, 32 << 20, 200));
        MoverSettings sync = MoverSettings.of(DashboardConfig.parse("""
                migration_method = "sync"
                migration_timeout = "7s"
                """));
        assertThat(sync.oneTagPerBatch()).isTrue();
        assertThat(sync.timeoutMillis()).isEqualTo(7000);
    }

    @Test
    void withProductAuthMigrateAuthenticatesOnTheTarget() {
        try (RedisServer source = RedisServer.builder().password("pw").start();
                RedisServer target = RedisServer.builder().password("pw").start()) {
            try (Jedis src = new Jedis("127.0.0.1", source.port())) {
                src.auth("pw");
                src.set(MoverServers.key(70, "k"), "v");
            }
            MoverSettings settings = new MoverSettings("pw", Duration.ofSeconds(5), 500, 32 << 20, 200);
            SlotOutcome slot = new SourcePass(source.addr(), settings, new MoveCounters(), BatchPacer.NONE)
                    .run(Map.of(70, target.addr())).get(70);
            assertThat(slot.failed()).as(slot.status()).isFalse();
            try (Jedis t = new Jedis("127.0.0.1", target.port())) {
                t.auth("pw");
                assertThat(t.get(MoverServers.key(70, "k"))).isEqualTo("v");
            }
        }
    }
}
