package io.codis.dashboard.core;

/** A task that runs from the moment the dashboard goes online until it closes (the slot-action and stats loops). */
public interface Background {
    void start();

    /** Asks the task to stop and interrupts it; does not wait. */
    void stop();
}
