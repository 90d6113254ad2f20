package io.codis.proxy.loops;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

/**
 * Linux's {@code SCHED_BATCH} policy for the threads of paced event loops. A batch thread that wakes
 * (its gather sleep ends, a socket becomes ready) does not preempt the task running on its CPU; it runs
 * when that task sleeps or its time slice ends. Where the proxy shares cores with the Redis servers and
 * clients it serves, those then finish what they are doing instead of being cut off by the loop, and the
 * loop finds more to read and write in each round. On two shared cores (the benchmark: 4 Redis servers,
 * redis-benchmark and one loop) MSET -c 50 -P 1 went from 0.73 to 0.77 of direct Redis, -P 16 from 0.93
 * to 1.18, -c 200 from 0.82 to 0.86, with GET and SET unchanged (the policy switched back and forth in
 * one proxy, 6 to 32 alternating runs each). A proxy with cores of its own is never preempted either way.
 *
 * <p>Setting it needs no privilege. Best effort: where the C library or the call is missing (not Linux)
 * or refused, the thread keeps its policy.
 */
final class BatchScheduling {

    /** Linux's numbers for the policies ({@code sched.h}). */
    static final int SCHED_OTHER = 0;
    static final int SCHED_BATCH = 3;

    /** Index of the policy among the fields of {@code /proc/<tid>/stat} after the command name (field 41). */
    private static final int POLICY_FIELD = 41 - 3;

    private interface CLibrary extends Library {
        /** {@code pid} 0 is the calling thread; {@code param} is {@code struct sched_param}, one int. */
        int sched_setscheduler(int pid, int policy, int[] param);
    }

    private static final CLibrary C = load();

    private BatchScheduling() {
    }

    private static CLibrary load() {
        try {
            return Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Threads of {@code factory} that take the batch policy before they run. */
    static ThreadFactory setting(ThreadFactory factory) {
        return task -> factory.newThread(() -> {
            setForCurrentThread(SCHED_BATCH);
            task.run();
        });
    }

    /** Gives the calling thread {@code policy} (priority 0); false where that cannot be done. */
    static boolean setForCurrentThread(int policy) {
        if (C == null) {
            return false;
        }
        try {
            return C.sched_setscheduler(0, policy, new int[] {0}) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** The calling thread's policy, or -1 where it cannot be read. */
    static int ofCurrentThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[POLICY_FIELD]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
