package io.codis.proxy.pacing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

/**
 * A thread's timer slack on Linux ({@code /proc/<tid>/timerslack_ns}): how late the kernel may end
 * the thread's timed sleeps, to merge wake-ups; 50 us unless set. With that default, a paced event
 * loop's gather sleep ({@link PacedSelect#GATHER_NANOS}, 10 us) lasts several times longer than asked
 * on a busy host, while the requests it gathered wait, and the backends and clients with them; the
 * loops' threads take a slack of {@link #LOOP_SLACK_NANOS} instead when {@link Pacing} is on. Best
 * effort: where the file is missing (not Linux) or refused, nothing changes.
 */
final class TimerSlack {

    /** The slack of the threads of paced event loops. */
    static final long LOOP_SLACK_NANOS = 1_000;

    private TimerSlack() {
    }

    /** Threads of {@code factory} that set their slack to {@code nanos} before they run. */
    static ThreadFactory setting(long nanos, ThreadFactory factory) {
        return task -> factory.newThread(() -> {
            setForCurrentThread(nanos);
            task.run();
        });
    }

    /** Sets the calling thread's slack; false where that cannot be done. */
    static boolean setForCurrentThread(long nanos) {
        try {
            Files.writeString(ownFile(), Long.toString(nanos));
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The calling thread's slack, or -1 where it cannot be read. */
    static long ofCurrentThread() {
        try {
            return Long.parseLong(Files.readString(ownFile()).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code /proc/<tid>/timerslack_ns} of the calling thread ({@code /proc/thread-self} names {@code <pid>/task/<tid>}). */
    private static Path ownFile() throws IOException {
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        return Path.of("/proc", self.substring(self.lastIndexOf('/') + 1), "timerslack_ns");
    }
}
