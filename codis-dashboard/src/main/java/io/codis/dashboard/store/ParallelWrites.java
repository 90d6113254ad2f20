package io.codis.dashboard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent coordinator writes (one node each) sent side by side, so that a step of many slot
 * actions costs a few round trips of the store rather than one per slot; the caller goes on once every
 * write has ended, and the first failure is thrown after all have.
 */
final class ParallelWrites {
    private static final int WRITERS = 8;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(WRITERS, task -> {
        Thread thread = new Thread(task, "dashboard-store-writer-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private ParallelWrites() {
    }

    static void runAll(List<Runnable> writes) {
        if (writes.size() == 1) {
            writes.get(0).run();
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>(writes.size());
        writes.forEach(write -> running.add(CompletableFuture.runAsync(write, POOL)));
        RuntimeException first = null;
        for (CompletableFuture<Void> each : running) {
            try {
                each.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
