package io.codis.dashboard;

import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT handled by the process itself, so that the dashboard releases its lock and
 * exits with status 0 as the original does.
 */
final class ProcessSignals {
    private static final Map<String, String> GO_NAMES = Map.of("TERM", "terminated", "INT", "interrupt");

    private ProcessSignals() {
    }

    static void onTermination(Consumer<String> handler) {
        GO_NAMES.forEach((name, goName) -> Signal.handle(new Signal(name), signal -> handler.accept(goName)));
    }
}
