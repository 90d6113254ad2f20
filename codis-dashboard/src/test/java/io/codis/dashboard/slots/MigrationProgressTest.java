package io.codis.dashboard.slots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MigrationProgressTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    private final MigrationProgress progress = new MigrationProgress(now::get);

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void theSpeedOfSlotsMovedOneAfterAnotherIsTheSpeedOfTheWholeMove() {
        for (int sid = 0; sid < 4; sid++) {
            progress.started(sid);
            if (sid > 0) {
                assertThat(progress.toJson().path("keys_per_sec").asLong()).as("as slot %d starts", sid).isEqualTo(1000);
            }
            advanceSeconds(1);
            progress.counters().add(sid, 1000, 100_000);
            JsonNode json = progress.toJson();
            assertThat(json.path("keys_per_sec").asLong()).as("after slot %d", sid).isEqualTo(1000);
            assertThat(json.path("slots").get(0).path("keys_moved").asLong()).isEqualTo(1000);
            progress.ended(sid);
        }
        assertThat(progress.toJson().path("keys_per_sec").asLong()).as("nothing running").isZero();
        assertThat(progress.toJson().path("keys_moved").asLong()).isEqualTo(4000);
    }

    @Test
    void aMoveStartedLongAfterTheLastOneIsMeasuredOnItsOwn() {
        progress.started(1);
        advanceSeconds(10);
        progress.counters().add(1, 100, 100);
        progress.ended(1);
        advanceSeconds(MigrationProgress.WAVE_GAP_SECONDS + 1);
        progress.started(2);
        advanceSeconds(1);
        progress.counters().add(2, 500, 500);
        assertThat(progress.toJson().path("keys_per_sec").asLong()).isEqualTo(500);
        assertThat(progress.toJson().path("slots").get(0).path("id").asInt()).isEqualTo(2);
    }
}
