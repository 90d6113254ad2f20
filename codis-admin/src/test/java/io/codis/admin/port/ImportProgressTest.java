package io.codis.admin.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress of {@code --import}: rewritten in place on a terminal, one line each time otherwise. */
class ImportProgressTest {
    private final StringWriter printed = new StringWriter();

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndAMessageGoesBelowIt() {
        ImportProgress progress = new ImportProgress(new PrintWriter(printed), true);
        progress.loaded.set(5);
        progress.tick(-1, () -> -1);
        progress.loaded.set(9);
        progress.tick(-1, () -> -1);
        progress.say("link to source lost");
        assertThat(printed.toString()).matches("\rsnapshot: 5 keys loaded, \\d+ keys/s\033\\[K"
                + "\rsnapshot: 9 keys loaded, \\d+ keys/s\033\\[K" + nl() + "link to source lost" + nl());
    }

    @Test
    void onATerminalTheSnapshotShowsABarOfTheSourcesKeys() {
        ImportProgress progress = new ImportProgress(new PrintWriter(printed), true);
        progress.expectKeys(10);
        progress.loaded.set(5);
        progress.tick(-1, () -> -1);
        progress.loaded.set(12);
        progress.tick(-1, () -> -1);
        assertThat(printed.toString()).matches("\r\\[#{15}\\.{15}]  50% snapshot: 5 keys loaded, \\d+ keys/s\033\\[K"
                + "\r\\[#{30}] 100% snapshot: 12 keys loaded, \\d+ keys/s\033\\[K");
    }

    @Test
    void plainLinesHaveNoBar() {
        ImportProgress progress = new ImportProgress(new PrintWriter(printed), false);
        progress.expectKeys(10);
        progress.loaded.set(5);
        progress.tick(-1, () -> -1);
        assertThat(printed.toString().lines().toList()).singleElement().asString()
                .matches("snapshot: 5 keys loaded, \\d+ keys/s");
    }

    @Test
    void elsewhereEachTickIsALineAndTheStreamShowsItsLag() {
        ImportProgress progress = new ImportProgress(new PrintWriter(printed), false);
        progress.snapshotDone();
        progress.applied.set(3);
        progress.tick(100, () -> 160);
        progress.tick(100, () -> -1);
        assertThat(printed.toString().lines().toList()).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).matches("stream: offset 100, lag 60 bytes, 3 ops applied, \\d+ ops/s"))
                .satisfies(lines -> assertThat(lines.get(1)).startsWith("stream: offset 100, lag unknown, 3 ops applied"));
    }

    @Test
    void theSummaryNamesTheKeysTheClusterHadAndWhatWasNotApplied() {
        ImportProgress progress = new ImportProgress(new PrintWriter(printed), false);
        progress.loaded.set(7);
        progress.busy("user:1".getBytes());
        progress.skipped("FLUSHALL cannot go through a proxy");
        progress.snapshotDone();
        progress.summary("127.0.0.1:6379", 42, true);
        assertThat(printed.toString()).containsPattern("^import from 127.0.0.1:6379: 7 keys loaded in [0-9.]+ s \\(\\d+ keys/s\\)")
                .contains("1 keys already in the cluster, not overwritten (use --replace): user:1" + nl())
                .containsPattern("stream: 0 ops applied up to offset 42 \\(\\d+ ops/s\\)")
                .contains("1 commands not applied: FLUSHALL cannot go through a proxy" + nl());
    }

    private static String nl() {
        return System.lineSeparator();
    }
}
