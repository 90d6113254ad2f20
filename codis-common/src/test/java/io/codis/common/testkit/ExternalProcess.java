package io.codis.common.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server binary started by a test (redis-server, redis-sentinel, etcd, a packaged jar): its output
 * goes to a log file, it is stopped with SIGTERM (then SIGKILL) when closed, and killed when the JVM
 * exits however the test ended. {@link ServerLogsOnFailure} prints the log of every process a failed
 * test had started.
 */
public final class ExternalProcess implements AutoCloseable {
    private static final Set<ExternalProcess> STARTED = ConcurrentHashMap.newKeySet();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(p -> p.process.destroyForcibly()),
                "testkit-process-reaper"));
    }

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private Process process;
    private volatile boolean frozen;

    private ExternalProcess(String name, List<String> command, Path logFile, Process process) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.process = process;
    }

    /** Starts {@code command} in {@code workDir}, appending its stdout and stderr to {@code logFile}. */
    public static ExternalProcess start(String name, List<String> command, Path workDir, Path logFile) {
        ExternalProcess started = new ExternalProcess(name, command, logFile, launch(command, workDir, logFile));
        STARTED.add(started);
        return started;
    }

    /** Every process started and not yet closed, for {@link ServerLogsOnFailure}. */
    static Collection<ExternalProcess> started() {
        return List.copyOf(STARTED);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits until {@code ready} holds; fails with the log's tail if the process dies or time runs out. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        Boolean readyWhileAlive; // null once the process has exited
        try {
            readyWhileAlive = Await.until(name + " to be ready", timeout,
                    () -> process.isAlive() ? ready.getAsBoolean() : null, seen -> seen == null || seen);
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "; its log ends with:\n" + logTail(40), e);
        }
        if (readyWhileAlive == null) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue()
                    + " before it was ready; its log ends with:\n" + logTail(40));
        }
    }

    /** SIGTERM, then SIGKILL if it is still running after a grace period; returns the exit status. */
    public int stop() {
        process.destroy();
        if (frozen) {
            thaw();
        }
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGSTOP: the process stops running until {@link #thaw()}, while the kernel keeps accepting
     * connections and buffering what peers send it, so they wait for answers that do not come.
     */
    public void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** SIGCONT: a {@link #freeze() frozen} process runs on and handles what was sent to it meanwhile. */
    public void thaw() {
        signal("CONT");
        frozen = false;
    }

    /** SIGINT, as Ctrl-C on its terminal would send it; the process decides what to do with it. */
    public void interrupt() {
        signal("INT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + this + " exited with status " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the same command again, in the same directory, appending to the same log. */
    public void restart(Path workDir) {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = launch(command, workDir, logFile);
        STARTED.add(this);
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        STARTED.remove(this);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    private static Process launch(List<String> command, Path workDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            return new ProcessBuilder(new ArrayList<>(command))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }
}
