package io.codis.proxy.pacing;

import io.codis.proxy.backend.Transport;
import io.codis.proxy.loops.ActiveLoops;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** Asks something of the threads of a data-plane loop group, as the proxy makes them. */
final class LoopThreads {

    private LoopThreads() {
    }

    /** What {@code question} answers on each thread of a new group of two loops, which is then shut down. */
    static <T> List<T> answers(Callable<T> question) throws Exception {
        EventLoopGroup group = new ActiveLoops(1).newGroup(Transport.best(), 2, "loop-threads-test");
        try {
            List<T> answers = new ArrayList<>();
            for (var loop : group) {
                answers.add(loop.submit(question).get(10, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** What {@code attempt} returns on a new thread of its own (false if it does not end within 10 s). */
    static boolean onNewThread(BooleanSupplier attempt) throws InterruptedException {
        AtomicBoolean result = new AtomicBoolean();
        Thread thread = new Thread(() -> result.set(attempt.getAsBoolean()));
        thread.start();
        thread.join(10_000);
        return result.get();
    }
}
