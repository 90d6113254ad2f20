package io.codis.common.cli;

import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT handled by the process itself, so that it closes cleanly (the dashboard
 * releases its lock, the proxy deletes its Jodis node) and exits with status 0 as the original
 * does (a JVM killed by a signal would exit 143 or 130).
 */
public final class ProcessSignals {
    /** The names Go prints for the signals ({@code os.Signal.String()}). */
    private static final Map<String, String> GO_NAMES = Map.of("TERM", "terminated", "INT", "interrupt");

    private ProcessSignals() {
    }

    /** Runs {@code handler} with the signal's Go name on SIGTERM and SIGINT. */
    public static void onTermination(Consumer<String> handler) {
        GO_NAMES.forEach((name, goName) -> Signal.handle(new Signal(name), signal -> handler.accept(goName)));
    }
}
