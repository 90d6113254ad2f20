package io.codis.common.resp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/**
 * Fails a test that leaked a Netty buffer: turns leak detection to PARANOID (every buffer tracked),
 * captures the {@code LEAK:} reports Netty logs, and after each test forces garbage collection and
 * a new allocation so that buffers dropped without {@code release()} get reported.
 * Use with {@code @ExtendWith(NettyLeakCheck.class)}; {@code NettyLeakCheckTest} proves it catches a leak.
 */
public final class NettyLeakCheck implements AfterEachCallback {

    private static final List<String> LEAKS = new ArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        if (!logger.isErrorEnabled()) {
            logger.setLevel(Level.ERROR);
        }
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    synchronized (LEAKS) {
                        LEAKS.add(event.getFormattedMessage());
                    }
                }
            }
        };
        appender.setName("netty-leak-check");
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Collects garbage and returns (and forgets) the leaks Netty reported since the last call. */
    public static List<String> collectLeaks() {
        for (int round = 0; round < 2; round++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // the detector reports collected leaks when it tracks a new buffer
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
        }
        synchronized (LEAKS) {
            List<String> leaks = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return leaks;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " ByteBuf leak(s) in " + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }
}
