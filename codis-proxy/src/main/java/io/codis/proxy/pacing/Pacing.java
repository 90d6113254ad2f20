package io.codis.proxy.pacing;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.SelectStrategyFactory;
import java.util.concurrent.ThreadFactory;

/**
 * The one switch of the data plane's pacing: on unless the JVM runs with
 * {@code -Dcodis.proxy.pacing=false} (in a proxy: {@code JAVA_OPTS=-Dcodis.proxy.pacing=false}). On,
 * the event loops wait with {@link PacedSelect}, and their threads run with {@link BatchScheduling}
 * and a fine {@link TimerSlack}; off, the loops wait as Netty's default strategy has them and their
 * threads keep the scheduling they are created with. Either way the {@link WriteBatch} flushes each
 * round's writes once; only a paced loop is ever busy, so only its backend writes wait.
 */
public final class Pacing {

    /** The system property that turns pacing off when {@code false}. */
    public static final String PROPERTY = "codis.proxy.pacing";

    static final boolean ENABLED = !"false".equals(System.getProperty(PROPERTY));

    private Pacing() {
    }

    /** How the data plane's event loops wait for I/O. */
    public static SelectStrategyFactory selectStrategy() {
        return ENABLED ? PacedSelect.FACTORY : DefaultSelectStrategyFactory.INSTANCE;
    }

    /** The threads of the data plane's event loops, made by {@code factory}. */
    public static ThreadFactory loopThreads(ThreadFactory factory) {
        return ENABLED ? BatchScheduling.setting(TimerSlack.setting(TimerSlack.LOOP_SLACK_NANOS, factory)) : factory;
    }
}
