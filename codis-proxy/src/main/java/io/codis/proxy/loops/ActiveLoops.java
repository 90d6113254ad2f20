package io.codis.proxy.loops;

import io.codis.proxy.backend.Transport;
import io.codis.proxy.pacing.Pacing;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java form of the original's {@code GOMAXPROCS}: the data plane has {@code --max-ncpu} event loops
 * from the start, and new client connections are handed, in turn, only to the first {@link #count()}
 * of them. Changing the count moves no session: a session stays on the loop that accepted it, and a
 * loop that never had a session holds no backend connection (they are dialled by the first request
 * of a session on that loop). So a smaller count means fewer busy threads, a larger one spreads the
 * new clients over more threads, which is what raising {@code GOMAXPROCS} gives a Go proxy.
 */
public final class ActiveLoops implements EventExecutorChooserFactory {

    private final AtomicInteger turn = new AtomicInteger();
    private volatile int count;
    private volatile EventExecutor[] loops = new EventExecutor[0];

    /** {@code count} loops take new connections at first. */
    public ActiveLoops(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + ", should be at least 1");
        }
        this.count = count;
    }

    /** A group of {@code threads} event loops that hands new channels to the active ones only. */
    public EventLoopGroup newGroup(Transport transport, int threads, String name) {
        if (threads < count) {
            throw new IllegalArgumentException("threads = " + threads + ", should be at least " + count);
        }
        ThreadFactory factory = new DefaultThreadFactory(name, true);
        Executor executor = new ThreadPerTaskExecutor(Pacing.loopThreads(factory));
        SelectStrategyFactory strategy = Pacing.selectStrategy();
        return transport.isEpoll()
                ? new EpollEventLoopGroup(threads, executor, this, strategy)
                : new NioEventLoopGroup(threads, executor, this, SelectorProvider.provider(), strategy);
    }

    /** How many loops take new connections. */
    public int count() {
        return count;
    }

    /** From now on the first {@code count} loops take the new connections (1 to the number of loops). */
    public void setCount(int count) {
        if (count < 1 || count > loops.length) {
            throw new IllegalArgumentException("count = " + count + ", should be between 1 and " + loops.length);
        }
        this.count = count;
    }

    /** Whether {@code loop} is one of the first {@link #count()} loops, those that take new connections. */
    public boolean isActive(EventExecutor loop) {
        EventExecutor[] all = loops;
        int active = Math.min(count, all.length);
        for (int i = 0; i < active; i++) {
            if (all[i] == loop) {
                return true;
            }
        }
        return false;
    }

    @Override
    public EventExecutorChooser newChooser(EventExecutor[] executors) {
        EventExecutor[] all = executors.clone();
        loops = all;
        return () -> all[Math.floorMod(turn.getAndIncrement(), count)];
    }
}
