package io.codis.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Writers and readers through the proxies while slots move, as an application keeps running: each
 * key has one writer (so its last acknowledged version is well defined), which raises its version
 * one write at a time and records what was attempted and what was acknowledged; readers on another
 * proxy check that a key never reads older than what was acknowledged before the read was sent, nor
 * newer than what was attempted after its reply (a stale read). Every error reply or broken
 * connection is a client error. The first few of both are kept with their text.
 */
final class CheckedLoad {
    private static final int ERRORS_KEPT = 10;

    private final int keys;
    private final List<Integer> proxyPorts;
    private final int writers;
    private final int readers;
    private final long nanosPerOp;
    private final AtomicIntegerArray attempted;
    private final AtomicIntegerArray acknowledged;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder writes = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder staleReads = new LongAdder();
    private final LongAdder clientErrors = new LongAdder();
    private final Queue<String> errorTexts = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    /** {@code opsPerSecond} in all, shared by {@code writers + readers} clients, each on one of the proxies in turn. */
    CheckedLoad(int keys, List<Integer> proxyPorts, int writers, int readers, int opsPerSecond) {
        this.keys = keys;
        this.proxyPorts = proxyPorts;
        this.writers = writers;
        this.readers = readers;
        this.nanosPerOp = TimeUnit.SECONDS.toNanos(1) * (writers + readers) / opsPerSecond;
        this.attempted = new AtomicIntegerArray(keys);
        this.acknowledged = new AtomicIntegerArray(keys);
    }

    static String key(int index) {
        return "check:" + index;
    }

    void start() {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            startClient("writer-" + w, proxyPorts.get(w % proxyPorts.size()), jedis -> write(jedis, writer));
        }
        for (int r = 0; r < readers; r++) {
            startClient("reader-" + r, proxyPorts.get((r + 1) % proxyPorts.size()), this::read);
        }
    }

    /** Stops every client and waits for it: after this the counts and versions are final. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    int attempted(int index) {
        return attempted.get(index);
    }

    int acknowledged(int index) {
        return acknowledged.get(index);
    }

    long writes() {
        return writes.sum();
    }

    long reads() {
        return reads.sum();
    }

    long staleReads() {
        return staleReads.sum();
    }

    long clientErrors() {
        return clientErrors.sum();
    }

    List<String> errorTexts() {
        return List.copyOf(errorTexts);
    }

    private interface Op {
        void run(Jedis jedis);
    }

    private void startClient(String name, int port, Op op) {
        Thread thread = new Thread(() -> {
            Jedis jedis = new Jedis("127.0.0.1", port);
            long next = System.nanoTime();
            while (running.get()) {
                try {
                    op.run(jedis);
                } catch (RuntimeException e) {
                    clientError(name + ": " + e);
                    jedis.close();
                    jedis = new Jedis("127.0.0.1", port);
                }
                next += nanosPerOp;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            jedis.close();
        }, "checked-load-" + name);
        threads.add(thread);
        thread.start();
    }

    private void write(Jedis jedis, int writer) {
        int owned = (keys - writer + writers - 1) / writers;
        int index = writer + writers * ThreadLocalRandom.current().nextInt(owned);
        int version = attempted.get(index) + 1;
        attempted.set(index, version);
        Pipeline pipeline = jedis.pipelined();
        CheckedKind.of(index).write(pipeline, key(index), version);
        pipeline.syncAndReturnAll().stream()
                .filter(RuntimeException.class::isInstance)
                .findFirst()
                .ifPresentOrElse(error -> clientError("write " + key(index) + ": " + error),
                        () -> acknowledged.set(index, version));
        writes.increment();
    }

    private void read(Jedis jedis) {
        int index = ThreadLocalRandom.current().nextInt(keys);
        int atLeast = acknowledged.get(index);
        Pipeline pipeline = jedis.pipelined();
        Response<?> reply = CheckedKind.of(index).read(pipeline, key(index));
        pipeline.sync();
        Integer version = CheckedKind.of(index).version(reply.get());
        int atMost = attempted.get(index);
        reads.increment();
        if (version == null || version < atLeast || version > atMost) {
            staleReads.increment();
            keep("read " + key(index) + ": version " + version + ", expected " + atLeast + ".." + atMost);
        }
    }

    private void clientError(String text) {
        clientErrors.increment();
        keep(text);
    }

    private void keep(String text) {
        if (errorTexts.size() < ERRORS_KEPT) {
            errorTexts.add(text);
        }
    }
}
