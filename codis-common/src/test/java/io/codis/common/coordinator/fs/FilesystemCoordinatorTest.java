package io.codis.common.coordinator.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorContractTest;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on the filesystem store, plus its on-disk layout and its lock against other processes. */
class FilesystemCoordinatorTest extends CoordinatorContractTest {
    private static Path root;
    private ExternalProcess lockHolder;

    @BeforeAll
    static void createRoot() {
        root = TempDirs.create("codis-fs-");
    }

    @AfterAll
    static void removeRoot() {
        TempDirs.delete(root);
    }

    @Override
    protected Coordinator connect() {
        return Coordinators.open("filesystem", root.toString(), "", Duration.ofSeconds(3));
    }

    /** "Down" for a directory: another process holds its lock. */
    @Override
    protected void takeServerDown() {
        lockHolder = holdLockInAnotherProcess();
    }

    @Override
    protected void bringServerBack() {
        lockHolder.close();
    }

    @Override
    protected boolean supportsEphemeral() {
        return false;
    }

    @Test
    void nodesAreFilesUnderDataWrittenThroughTemp() throws IOException {
        client.create("/codis3/demo/topom", bytes("{\"token\":\"t\"}"));

        Path file = root.resolve("data/codis3/demo/topom");
        assertThat(Files.readString(file)).isEqualTo("{\"token\":\"t\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.isDirectory(root.resolve("temp"))).isTrue();
        try (Stream<Path> temps = Files.list(root.resolve("temp"))) {
            assertThat(temps).isEmpty();
        }
        assertThat(root.resolve("data.lck")).exists().isEmptyFile();
        client.delete("/codis3/demo/topom");
    }

    @Test
    void listIsSortedAndDeleteIsRecursive() {
        for (String name : List.of("slot-0002", "slot-0000", "slot-0001")) {
            client.update(base + "/slots/" + name, bytes(name));
        }
        assertThat(client.list(base + "/slots"))
                .containsExactly(base + "/slots/slot-0000", base + "/slots/slot-0001", base + "/slots/slot-0002");

        client.delete(base);

        assertThat(client.list(base)).isEmpty();
        assertThat(root.resolve("data" + base)).doesNotExist();
    }

    @Test
    void readingADirectoryOrListingAFileFails() {
        client.update(base + "/dir/file", bytes("x"));

        assertThatThrownBy(() -> client.read(base + "/dir")).isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> client.list(base + "/dir/file")).isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void lockHeldByAnotherProcessFailsNamingTheLockAndItsHolder() {
        client.update(base + "/node", bytes("x"));
        try (ExternalProcess holder = holdLockInAnotherProcess()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.update(base + "/node", bytes("y")))
                    .isInstanceOf(CoordinatorException.class)
                    .hasMessageContaining("update " + base + "/node")
                    .hasMessageContaining(realRoot() + "/data.lck")
                    .hasMessageContaining("\"pid\": " + holder.pid());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(FilesystemCoordinator.LOCK_WAIT);
        }
        assertThat(text(client.readExisting(base + "/node"))).isEqualTo("x");
    }

    @Test
    void aLockReleasedWithinTheWaitIsTaken() throws Exception {
        ExternalProcess holder = holdLockInAnotherProcess();
        Thread releaser = new Thread(() -> {
            pause(Duration.ofMillis(500));
            holder.kill();
            holder.close();
        });
        releaser.start();
        client.update(base + "/patient", bytes("waited"));
        releaser.join();
        assertThat(text(client.readExisting(base + "/patient"))).isEqualTo("waited");
    }

    @Test
    void racersInSeparateProcessesHaveExactlyOneWinner() throws Exception {
        String node = base + "/topom";
        Path start = root.resolve("start-" + System.nanoTime());
        List<ExternalProcess> racers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                ExternalProcess racer = startJava("create racer " + i, CreateRacer.class,
                        root.toString(), node, start.toString(), "racer-" + i);
                racers.add(racer);
            }
            for (ExternalProcess racer : racers) {
                racer.awaitReady(() -> logOf(racer).contains("ready"), Duration.ofSeconds(20));
            }
            Files.createFile(start);
            Await.until("every racer to say won or lost", Duration.ofSeconds(20),
                    () -> racers.stream().allMatch(racer -> logOf(racer).matches("(?s).*(won|lost).*")));
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < racers.size(); i++) {
                if (logOf(racers.get(i)).contains("won")) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(text(client.readExisting(node))).isEqualTo("racer-" + winners.get(0));
        } finally {
            racers.forEach(ExternalProcess::close);
        }
    }

    private static String logOf(ExternalProcess process) {
        try {
            return Files.exists(process.logFile()) ? Files.readString(process.logFile()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static ExternalProcess startJava(String name, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return ExternalProcess.start(name, command, root, root.resolve(name.replace(' ', '-') + "-" + System.nanoTime() + ".log"));
    }

    private static String realRoot() {
        try {
            return root.toRealPath().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ExternalProcess holdLockInAnotherProcess() {
        ExternalProcess holder = startJava("data.lck holder", DataLockHolder.class, root.resolve("data.lck").toString());
        holder.awaitReady(() -> logOf(holder).contains("locked"), Duration.ofSeconds(20));
        return holder;
    }
}
