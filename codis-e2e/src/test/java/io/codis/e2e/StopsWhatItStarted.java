package io.codis.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** A test that starts servers and processes: after each test they are stopped, the last started first. */
abstract class StopsWhatItStarted {
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    final void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }

    /** {@code closeable}, to be closed after the test. */
    final <T extends AutoCloseable> T started(T closeable) {
        started.add(closeable);
        return closeable;
    }
}
