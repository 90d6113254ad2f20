package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a backend connection still serves, checked by the loop's housekeeping tick (every 100 ms):
 * backend_send_timeout (the socket has not taken writes for that long), backend_recv_timeout (the
 * connection has waited that long for a reply without getting one), the keepalive PING after
 * backend_ping_period without a write, and the data-stale state a {@code MASTERDOWN} or {@code LOADING}
 * error sets, which the keepalive then checks with INFO until the server is linked and loaded again.
 * The hot path only sets flags ({@link #written}, {@link #replied}); the tick reads the clock.
 * Loop-confined.
 */
final class Liveness {

    private static final Logger LOG = LoggerFactory.getLogger(Liveness.class);

    /** What the tick found for a connection that serves. */
    enum Verdict { FINE, TIMED_OUT, KEEPALIVE_DUE }

    private final BackendSettings settings;
    /** How the connection is named in the log: {@code backend conn [id] to addr, db-n}. */
    private final String name;
    private final ReplyHandler pingReply = new KeepaliveReply(false);
    private final ReplyHandler infoReply = new KeepaliveReply(true);
    private boolean stale;
    /**
     * Since when the connection has waited for a reply without getting one, as the tick last saw it:
     * a write to an idle connection or a reply only sets {@link #progressed}, and the next tick takes
     * the time.
     */
    private long awaitingSinceNanos;
    private boolean progressed;
    /** A request was written since the last tick, which then moves {@link #lastWriteNanos}. */
    private boolean wroteSinceTick;
    /** When the socket stopped accepting writes (0 while writable). */
    private long unwritableSinceNanos;
    private long lastWriteNanos = System.nanoTime();

    Liveness(BackendSettings settings, String name) {
        this.settings = settings;
        this.name = name;
    }

    /** Answers MASTERDOWN or LOADING came since the connection was last found fresh. */
    boolean isStale() {
        return stale;
    }

    /** A request was written; {@code firstInFlight} when no other awaits its reply. */
    void written(boolean firstInFlight) {
        if (firstInFlight) {
            progressed = true;
        }
        wroteSinceTick = true;
    }

    /** A reply arrived. */
    void replied(RespReply reply) {
        progressed = true;
        if (reply.isError() && reply.type() == '-' && !stale) {
            boolean loading = reply.textStartsWith("LOADING");
            if (loading || reply.textStartsWith("MASTERDOWN")) {
                stale = true;
                LOG.warn("{} state = DataStale, caused by '{}'", name, loading ? "LOADING" : "MASTERDOWN");
            }
        }
    }

    void writabilityChanged(boolean writable, long nowNanos) {
        unwritableSinceNanos = writable ? 0 : nowNanos;
    }

    /** The connection failed: a new one starts writable and fresh. */
    void reset() {
        unwritableSinceNanos = 0;
        stale = false;
    }

    /**
     * The housekeeping tick at {@code now}; {@code serving} when connected, {@code awaiting} while
     * replies are due, {@code idle} when no request waits to be written.
     */
    Verdict tick(long now, boolean serving, boolean awaiting, boolean idle) {
        if (wroteSinceTick) {
            wroteSinceTick = false;
            lastWriteNanos = now;
        }
        if (progressed) {
            progressed = false;
            awaitingSinceNanos = now;
        }
        if (!serving) {
            return Verdict.FINE;
        }
        if (unwritableSinceNanos != 0 && expired(settings.sendTimeoutNanos(), now - unwritableSinceNanos)) {
            return Verdict.TIMED_OUT;
        }
        if (awaiting) {
            return expired(settings.recvTimeoutNanos(), now - awaitingSinceNanos) ? Verdict.TIMED_OUT : Verdict.FINE;
        }
        return idle && expired(settings.pingPeriodNanos(), now - lastWriteNanos) ? Verdict.KEEPALIVE_DUE : Verdict.FINE;
    }

    private static boolean expired(long limitNanos, long elapsedNanos) {
        return limitNanos > 0 && elapsedNanos > limitNanos;
    }

    /** The keepalive command: PING, or INFO while stale. */
    String keepaliveCommand() {
        return stale ? "INFO" : "PING";
    }

    /** The handler of the {@link #keepaliveCommand()} just chosen. */
    ReplyHandler keepaliveReply() {
        return stale ? infoReply : pingReply;
    }

    /** A keepalive PING's reply is dropped; an INFO's decides whether the connection is fresh again. */
    private final class KeepaliveReply implements ReplyHandler {
        private final boolean info;

        KeepaliveReply(boolean info) {
            this.info = info;
        }

        @Override
        public void onReply(RespReply reply) {
            try {
                if (info && (reply.type() == '$' || reply.type() == '=') && !reply.isNull()) { // '=': INFO's verbatim text on RESP3
                    String text = reply.text();
                    if (!text.contains("master_link_status:down") && !text.contains("loading:1")) {
                        stale = false;
                        LOG.warn("{} state = Connected (keepalive)", name);
                    }
                }
            } finally {
                reply.release();
            }
        }

        @Override
        public void onFailure(String error) {
        }
    }
}
