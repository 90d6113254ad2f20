package io.codis.common.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints, when a test fails, the log tail of every server process the test kit has running, so a
 * failure shows what the servers said. Registered for every test through JUnit's extension
 * auto-detection (see junit-platform.properties in this test-jar).
 */
public final class ServerLogsOnFailure implements TestWatcher {
    private static final int LINES = 60;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (ExternalProcess process : ExternalProcess.started()) {
            System.err.println("----- " + process + " log: " + process.logFile() + " (last " + LINES + " lines) -----");
            System.err.println(process.logTail(LINES));
        }
    }
}
