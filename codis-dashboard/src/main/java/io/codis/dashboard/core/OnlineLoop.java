package io.codis.dashboard.core;

import java.util.function.Consumer;

/**
 * A daemon thread that repeats a round while the dashboard is online: after each round it waits the
 * pause the round asked for, after a failed one the error pause, and it ends when it is stopped or
 * the dashboard closes.
 */
public final class OnlineLoop implements Background {
    /** One round of the loop. */
    public interface Round {
        /** Does the work; returns the pause before the next round, in ms. */
        long run() throws InterruptedException;
    }

    private final DashboardCore core;
    private final Round round;
    private final long errorPauseMillis;
    private final Consumer<RuntimeException> failed;
    private final Thread thread;
    private volatile boolean stopped;

    /** {@code failed} is told why a round failed while the dashboard is still online. */
    public OnlineLoop(DashboardCore core, String threadName, Round round, long errorPauseMillis,
            Consumer<RuntimeException> failed) {
        this.core = core;
        this.round = round;
        this.errorPauseMillis = errorPauseMillis;
        this.failed = failed;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void stop() {
        stopped = true;
        thread.interrupt();
    }

    public boolean isStopped() {
        return stopped;
    }

    private boolean running() {
        return !stopped && core.isOnline();
    }

    private void run() {
        while (running()) {
            long pause;
            try {
                pause = round.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running()) {
                    return;
                }
                failed.accept(e);
                pause = errorPauseMillis;
            }
            try {
                if (core.awaitClosed(pause)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
