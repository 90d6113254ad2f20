package io.codis.common.testkit;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way a test waits for something: it polls a condition, a probe or an assertion until it
 * holds, and fails after a deadline with an {@link AssertionError} naming what it waited for and
 * what it observed last (the last value, or the last exception, which becomes the cause).
 * <p>
 * An exception thrown while polling counts as "not yet" (a server that is not up refuses the
 * connection); an interrupt ends the wait at once. Polling starts at 1 ms and backs off to 50 ms,
 * so a quick condition is seen quickly and a slow one costs little.
 */
public final class Await {
    /** How long a wait lasts unless told otherwise: ample on a loaded 2-core machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long FIRST_POLL_NANOS = Duration.ofMillis(1).toNanos();
    private static final long LAST_POLL_NANOS = Duration.ofMillis(50).toNanos();

    private Await() {
    }

    /** A condition polled until it holds. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** What a wait observes each time it polls. */
    @FunctionalInterface
    public interface Probe<T> {
        T observe() throws Exception;
    }

    /** An assertion retried until it passes. */
    @FunctionalInterface
    public interface Check {
        void verify() throws Exception;
    }

    /** Waits up to {@link #PATIENCE} until {@code condition} holds. */
    public static void until(String what, Condition condition) {
        until(what, PATIENCE, condition);
    }

    /** Waits up to {@code patience} until {@code condition} holds. */
    public static void until(String what, Duration patience, Condition condition) {
        until(what, patience, condition::holds, Boolean.TRUE::equals);
    }

    /** Waits up to {@code patience}, polling every {@code interval}, until {@code condition} holds. */
    public static void until(String what, Duration patience, Duration interval, Condition condition) {
        poll(what, patience, interval.toNanos(), condition::holds, Boolean.TRUE::equals);
    }

    /** Waits up to {@link #PATIENCE} until what {@code probe} observes is {@code done}; returns that. */
    public static <T> T until(String what, Probe<T> probe, Predicate<? super T> done) {
        return until(what, PATIENCE, probe, done);
    }

    /** Waits up to {@code patience} until what {@code probe} observes is {@code done}; returns that. */
    public static <T> T until(String what, Duration patience, Probe<T> probe, Predicate<? super T> done) {
        return poll(what, patience, 0, probe, done);
    }

    /** Retries {@code check} for up to {@link #PATIENCE} until it passes (throws nothing). */
    public static void untilPasses(String what, Check check) {
        untilPasses(what, PATIENCE, check);
    }

    /** Retries {@code check} for up to {@code patience} until it passes (throws nothing). */
    public static void untilPasses(String what, Duration patience, Check check) {
        until(what, patience, () -> {
            check.verify();
            return true;
        });
    }

    /** Polls every {@code intervalNanos}, or backing off from 1 ms to 50 ms when it is 0. */
    private static <T> T poll(String what, Duration patience, long intervalNanos, Probe<T> probe,
            Predicate<? super T> done) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = intervalNanos > 0 ? intervalNanos : FIRST_POLL_NANOS;
        Object lastSeen = "nothing yet";
        Throwable lastFailure = null;
        while (true) {
            try {
                T seen = probe.observe();
                if (done.test(seen)) {
                    return seen;
                }
                lastSeen = seen;
                lastFailure = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            } catch (Exception | AssertionError e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                String last = lastFailure != null ? "last failure: " + lastFailure : "last saw: " + lastSeen;
                throw new AssertionError("timed out after " + patience + " waiting for " + what + "; " + last,
                        lastFailure);
            }
            sleep(Math.min(pause, Math.max(0, deadline - System.nanoTime())), what);
            if (intervalNanos == 0) {
                pause = Math.min(2 * pause, LAST_POLL_NANOS);
            }
        }
    }

    private static void sleep(long nanos, String what) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
