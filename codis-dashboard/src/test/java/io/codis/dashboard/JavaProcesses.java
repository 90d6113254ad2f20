package io.codis.dashboard;

import io.codis.common.testkit.ExternalProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A program of this build (codis-dashboard, codis-proxy) run as a separate JVM on the test class path. */
final class JavaProcesses {
    /** A light JVM: these processes serve a handful of calls, so the quickest start costs the least CPU. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private JavaProcesses() {
    }

    static List<String> command(Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return command;
    }

    /** Starts {@code main} with {@code args} in {@code dir}, its output in {@code dir/{name}.log}. */
    static ExternalProcess start(String name, Class<?> main, Path dir, List<String> args) {
        return ExternalProcess.start(name, command(main, args), dir, dir.resolve(name + ".log"));
    }
}
