package io.codis.e2e;

import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the launchers in {@code scripts/} as an operator would, and captures what it printed. */
final class Launcher {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    static final List<String> PROGRAMS = List.of("codis-proxy", "codis-dashboard", "codis-admin", "codis-fe", "codis-ha");

    private Launcher() {
    }

    record Result(int exitCode, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    static Result run(String program, String... args) {
        return run(program, Map.of(), args);
    }

    static Result run(String program, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("scripts").resolve(program).toString());
        command.addAll(List.of(args));
        return runCommand(command, environment);
    }

    /** UTF-8, with any byte that is not (e.g. a DUMP payload printed by redis-cli) replaced. */
    private static String text(Path output) throws IOException {
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    }

    /** Runs {@code scripts/codis-admin ARGS...}. */
    static Result admin(String... args) {
        return run("codis-admin", args);
    }

    /** {@code redis-cli -p PORT ARGS...}; not on a terminal, it prints an error reply followed by an empty line. */
    static Result redisCli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return runCommand(command, Map.of());
    }

    /** Starts a server program (codis-dashboard, codis-proxy) in {@code dir}, its output in {@code dir/NAME.out}. */
    static ExternalProcess start(String name, String program, Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("scripts").resolve(program).toString());
        command.addAll(List.of(args));
        return ExternalProcess.start(name, command, dir, dir.resolve(name + ".out"));
    }

    /** Runs any command (e.g. redis-cli) the same way, in a fresh working directory, for at most a minute. */
    static Result runCommand(List<String> command, Map<String, String> environment) {
        Path cwd = TempDirs.create("launcher-cwd");
        try {
            return runCommand(command, environment, cwd, Duration.ofSeconds(60));
        } finally {
            TempDirs.delete(cwd);
        }
    }

    /** Runs {@code command} in {@code cwd}; fails with what it printed if it runs longer than {@code timeout}. */
    static Result runCommand(List<String> command, Map<String, String> environment, Path cwd, Duration timeout) {
        String program = command.get(0);
        try {
            Path out = Files.createTempFile("launcher", ".out");
            Path err = Files.createTempFile("launcher", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(cwd.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(program + " did not exit within " + timeout.toSeconds() + " s; output:\n"
                            + text(out) + text(err));
                }
                return new Result(process.exitValue(), text(out), text(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
