package io.codis.proxy.pacing;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

/**
 * How the threads of paced event loops are scheduled on Linux: with the {@code SCHED_BATCH} policy at
 * nice {@link #LOOP_NICE}. A batch thread that wakes (its gather sleep ends, a socket becomes ready) does
 * not preempt the task running on its CPU, and the higher nice gives it a smaller share of a contended
 * CPU. Where the proxy shares cores with the Redis servers and clients it serves, those then finish what
 * they are doing instead of being cut off by the loop, and each round of the loop finds more to read and
 * write. A proxy with cores of its own gets every cycle it asks for either way; on a host shared with
 * other work it yields to that work too. Used when {@link Pacing} is on.
 *
 * <p>Neither needs a privilege. Best effort: where the C library or a call is missing (not Linux) or
 * refused, the thread keeps what it has.
 */
final class BatchScheduling {

    /** Linux's numbers for the policies ({@code sched.h}). */
    static final int SCHED_OTHER = 0;
    static final int SCHED_BATCH = 3;
    /** The nice value of the loop threads. */
    static final int LOOP_NICE = 5;

    private static final int PRIO_PROCESS = 0;
    /** Indexes among the fields of {@code /proc/<tid>/stat} after the command name (fields 19 and 41). */
    private static final int NICE_FIELD = 19 - 3;
    private static final int POLICY_FIELD = 41 - 3;

    private interface CLibrary extends Library {
        /** {@code pid} 0 is the calling thread; {@code param} is {@code struct sched_param}, one int. */
        int sched_setscheduler(int pid, int policy, int[] param);

        /** With {@code PRIO_PROCESS} and {@code who} 0, the nice value of the calling thread only (Linux keeps it per thread). */
        int setpriority(int which, int who, int prio);
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

    /** Threads of {@code factory} that take the batch policy and {@link #LOOP_NICE} before they run. */
    static ThreadFactory setting(ThreadFactory factory) {
        return task -> factory.newThread(() -> {
            setForCurrentThread(SCHED_BATCH, LOOP_NICE);
            task.run();
        });
    }

    /** Gives the calling thread {@code policy} and {@code nice}; false where either cannot be done. */
    static boolean setForCurrentThread(int policy, int nice) {
        if (C == null) {
            return false;
        }
        try {
            return C.sched_setscheduler(0, policy, new int[] {0}) == 0 && C.setpriority(PRIO_PROCESS, 0, nice) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** A thread's policy and nice value. */
    record Setting(int policy, int nice) {
    }

    /** The calling thread's policy and nice value, or null where they cannot be read. */
    static Setting ofCurrentThread() {
        try {
            String[] rest = fieldsAfterCommandName().split(" ");
            return new Setting(Integer.parseInt(rest[POLICY_FIELD]), Integer.parseInt(rest[NICE_FIELD]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fields of the calling thread's {@code /proc/thread-self/stat} after its command name. */
    private static String fieldsAfterCommandName() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2);
    }
}
