package io.codis.proxy.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The data plane's {@link TrafficStats}: LongAdders on the hot path, summed when read. */
public final class DataPlaneStats implements TrafficStats {

    private final LongAdder total = new LongAdder();
    private final LongAdder fails = new LongAdder();
    private final LongAdder redisErrors = new LongAdder();
    private final LongAdder sessionsTotal = new LongAdder();
    private final LongAdder sessionsAlive = new LongAdder();
    private volatile ConcurrentHashMap<String, CommandCounter> commands = new ConcurrentHashMap<>();
    private long lastTotal;
    private volatile long qps;

    /** A request was read. */
    public void request() {
        total.increment();
    }

    /** The proxy failed a request ({@code ops.fails}); the command's own counter is updated separately. */
    public void failed() {
        fails.increment();
    }

    /** A backend answered with an error ({@code ops.redis.errors}). */
    public void redisError() {
        redisErrors.increment();
    }

    /** The counters of {@code opstr}, created on first use. */
    public CommandCounter command(String opstr) {
        ConcurrentHashMap<String, CommandCounter> map = commands;
        CommandCounter counter = map.get(opstr);
        if (counter == null) {
            counter = map.computeIfAbsent(opstr, CommandCounter::new);
        }
        return counter;
    }

    /** A connection was accepted; returns sessions.alive including it. */
    public long sessionOpened() {
        sessionsTotal.increment();
        sessionsAlive.increment();
        return sessionsAlive.sum();
    }

    public void sessionClosed() {
        sessionsAlive.decrement();
    }

    /** Called once a second: ops.qps = requests read during the last second. */
    public synchronized void sampleSecond() {
        long now = total.sum();
        qps = Math.max(0, now - lastTotal);
        lastTotal = now;
    }

    @Override
    public OpsStats ops() {
        List<CommandStats> list = new ArrayList<>();
        for (CommandCounter counter : commands.values()) {
            list.add(counter.snapshot());
        }
        list.sort(Comparator.comparing(CommandStats::opstr));
        return new OpsStats(total.sum(), fails.sum(), redisErrors.sum(), qps, list);
    }

    @Override
    public SessionStats sessions() {
        return new SessionStats(sessionsTotal.sum(), sessionsAlive.sum());
    }

    @Override
    public synchronized void reset() {
        commands = new ConcurrentHashMap<>();
        total.reset();
        fails.reset();
        redisErrors.reset();
        lastTotal = 0;
        long alive = sessionsAlive.sum();
        sessionsTotal.reset();
        sessionsTotal.add(alive);
    }
}
