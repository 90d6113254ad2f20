package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespReplyDecoder;
import io.codis.common.resp.RespWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipelined connection from an event loop to a backend for one DB. Loop-confined: every method
 * runs on {@link #loop()}. Requests are written in order and replies matched FIFO; the connection is
 * dialled lazily, authenticates with product_auth, selects its DB, and re-dials after a failure with
 * the reference's back-off (10 immediate retries, then 50 ms doubling to 5 s; requests arriving
 * during the delay fail at once with {@code backend conn reset}).
 */
public final class BackendConnection implements WriteBatch.Member {

    public static final String CONN_RESET = "backend conn reset";
    public static final String CONN_FAILURE = "backend conn failure, ";

    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);
    private static final long MIN_DELAY_NANOS = 50_000_000L;
    private static final long MAX_DELAY_NANOS = 5_000_000_000L;

    private enum State { IDLE, CONNECTING, READY, BACKOFF, CLOSED }

    private final String addr;
    private final String host;
    private final int port;
    private final int db;
    private final BackendSettings settings;
    private final WriteBatch batch;
    private final Bootstrap bootstrap;
    private final ArrayDeque<ReplyHandler> inflight = new ArrayDeque<>();
    /** Pairs payload, handler of requests not written yet (connecting, or pipeline full). */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private Channel channel;
    private State state = State.IDLE;
    private int failures;
    private long retryAtNanos;
    private boolean stale;
    /**
     * Since when the connection has waited for a reply without getting one, as the housekeeping tick
     * last saw it: a write to an idle connection or a reply only sets {@link #progressed}, and the
     * next tick (every 100 ms) takes the time, so the hot path reads no clock.
     */
    private long awaitingSinceNanos;
    private boolean progressed;
    /** A request was written since the last tick, which then moves {@link #lastWriteNanos}. */
    private boolean wroteSinceTick;
    /** When the socket stopped accepting writes (0 while writable): backend_send_timeout. */
    private long unwritableSinceNanos;
    private long lastWriteNanos = System.nanoTime();
    private long flushStamp;
    /** Requests written since the batch last flushed this connection, copied together. */
    private final Coalescer coalescer = new Coalescer();
    /** The MSET parts written in a row most recently, not queued yet: see {@link #msetRoom}. */
    private CombinedMset openMset;

    BackendConnection(String addr, int db, BackendSettings settings, WriteBatch batch, Transport transport) {
        this.addr = addr;
        int colon = addr.lastIndexOf(':');
        String h = colon < 0 ? addr : addr.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        this.host = h;
        this.port = colon < 0 ? 0 : parsePort(addr.substring(colon + 1));
        this.db = db;
        this.settings = settings;
        this.batch = batch;
        this.bootstrap = new Bootstrap().group(batch.loop()).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, io.netty.buffer.PooledByteBufAllocator.DEFAULT);
        if (settings.recvBufsize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, settings.recvBufsize());
        }
        if (settings.sendBufsize() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, settings.sendBufsize());
        }
        if (settings.keepAliveSeconds() > 0) {
            bootstrap.option(ChannelOption.SO_KEEPALIVE, true);
            if (transport.isEpoll()) {
                int period = (int) Math.min(Integer.MAX_VALUE, settings.keepAliveSeconds());
                bootstrap.option(EpollChannelOption.TCP_KEEPIDLE, period).option(EpollChannelOption.TCP_KEEPINTVL, period);
            }
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String addr() {
        return addr;
    }

    public int db() {
        return db;
    }

    public EventLoop loop() {
        return batch.loop();
    }

    /** Connected and not data-stale: what a replica read needs. */
    public boolean isUsable() {
        return state == State.READY && !stale;
    }

    public boolean isConnected() {
        return state == State.READY;
    }

    public boolean isDataStale() {
        return stale;
    }

    /** Starts dialling if idle (replicas are dialled ahead of their first use). */
    public void warmUp() {
        if (state == State.IDLE || (state == State.BACKOFF && System.nanoTime() >= retryAtNanos)) {
            connect();
        }
    }

    /** Sends one request (takes ownership of {@code payload}); {@code handler} gets its reply or failure. */
    public void send(ByteBuf payload, ReplyHandler handler) {
        switch (state) {
            case CLOSED -> {
                payload.release();
                handler.onFailure(CONN_RESET);
                return;
            }
            case BACKOFF -> {
                if (System.nanoTime() - retryAtNanos < 0) {
                    payload.release();
                    handler.onFailure(CONN_RESET);
                    return;
                }
                connect();
            }
            case IDLE -> connect();
            default -> {
            }
        }
        if (state == State.READY && waiting.isEmpty() && inflight.size() < settings.maxPipeline()) {
            write(payload, handler);
        } else if (state == State.READY || state == State.CONNECTING) {
            waiting.add(payload);
            waiting.add(handler);
        } else {
            payload.release();
            handler.onFailure(CONN_RESET);
        }
    }

    /**
     * Where a request of up to {@code size} bytes can be written in place, to go out with this round's
     * other requests; the caller then calls {@link #written}. Null when it cannot go out at once (not
     * connected, requests waiting, pipeline full) or is large: then it is built apart and {@link #send sent}.
     */
    public ByteBuf requestRoom(int size) {
        if (!writesAtOnce(size)) {
            return null;
        }
        closeMset();
        return coalescer.room(channel, size);
    }

    private boolean writesAtOnce(int size) {
        return state == State.READY && waiting.isEmpty() && inflight.size() < settings.maxPipeline()
                && size <= Coalescer.COPY_LIMIT;
    }

    /** The request just written into {@link #requestRoom}'s buffer is complete; {@code handler} gets its reply. */
    public void written(ReplyHandler handler) {
        if (inflight.isEmpty()) {
            progressed = true;
        }
        wroteSinceTick = true;
        inflight.add(handler);
        flushStamp = batch.addDeferred(this, flushStamp);
    }

    /**
     * Where the key-value pairs (bulk strings, up to {@code size} bytes) of one part of a split MSET can
     * be written, to go out in one MSET with the parts that follow it on this connection in this round
     * (see {@link CombinedMset}); the caller then calls {@link #msetWritten}. Null when the part cannot
     * go out at once (as {@link #requestRoom}): then it is built whole and {@link #send sent}.
     */
    public ByteBuf msetRoom(int size) {
        if (!writesAtOnce(size)) {
            return null;
        }
        if (openMset != null) {
            ByteBuf room = openMset.room(size);
            if (room != null) {
                return room;
            }
            closeMset();
        }
        openMset = new CombinedMset(channel.alloc(), size);
        written(openMset);
        return openMset.room(size);
    }

    /** The {@code pairs} pairs just written into {@link #msetRoom}'s buffer are a part whose reply goes to {@code part}. */
    public void msetWritten(ReplyHandler part, int pairs) {
        openMset.add(part, pairs);
    }

    /** Queues the combined MSET, if one is open, before whatever is written next. */
    private void closeMset() {
        CombinedMset mset = openMset;
        if (mset != null) {
            openMset = null;
            coalescer.write(channel, mset.command());
        }
    }

    private void write(ByteBuf payload, ReplyHandler handler) {
        closeMset();
        coalescer.write(channel, payload);
        written(handler);
    }

    @Override
    public void flushBatch() {
        Channel ch = channel;
        if (ch == null) {
            discardWrites();
            return;
        }
        closeMset();
        coalescer.writeOut(ch);
        ch.flush();
    }

    /** Drops what was written and not handed to the channel yet (their handlers are failed apart). */
    private void discardWrites() {
        if (openMset != null) {
            openMset.discard();
            openMset = null;
        }
        coalescer.discard();
    }

    private void drainWaiting() {
        while (state == State.READY && !waiting.isEmpty() && inflight.size() < settings.maxPipeline()) {
            ByteBuf payload = (ByteBuf) waiting.poll();
            ReplyHandler handler = (ReplyHandler) waiting.poll();
            if (handler.isBroken()) {
                payload.release();
                handler.onFailure("request is broken");
                continue;
            }
            write(payload, handler);
        }
    }

    private void connect() {
        state = State.CONNECTING;
        ChannelFuture future = bootstrap.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new RespReplyDecoder(), new Handler(ch));
            }
        }).connect(host, port);
        Channel ch = future.channel();
        channel = ch;
        flushStamp = 0;
        future.addListener(f -> {
            if (channel != ch || state != State.CONNECTING) {
                return;
            }
            if (!f.isSuccess()) {
                fail(ch, describe(f.cause()), false);
                return;
            }
            state = State.READY;
            LOG.warn("backend conn [{}] to {}, db-{} start service", Integer.toHexString(System.identityHashCode(this)), addr, db);
            boolean handshake = false;
            if (!settings.productAuth().isEmpty()) {
                write(command("AUTH", settings.productAuth()), new Handshake(ch, db == 0));
                handshake = true;
            }
            if (db != 0) {
                write(command("SELECT", Integer.toString(db)), new Handshake(ch, true));
                handshake = true;
            }
            if (!handshake) {
                failures = 0;
            }
            drainWaiting();
        });
    }

    /** Called by the loop's housekeeping: receive timeout and keepalive PING/INFO. */
    void tick(long now) {
        if (wroteSinceTick) {
            wroteSinceTick = false;
            lastWriteNanos = now;
        }
        if (progressed) {
            progressed = false;
            awaitingSinceNanos = now;
        }
        if (state != State.READY) {
            return;
        }
        if (unwritableSinceNanos != 0 && settings.sendTimeoutNanos() > 0
                && now - unwritableSinceNanos > settings.sendTimeoutNanos()) {
            fail(channel, "i/o timeout", true);
            return;
        }
        if (!inflight.isEmpty()) {
            if (settings.recvTimeoutNanos() > 0 && now - awaitingSinceNanos > settings.recvTimeoutNanos()) {
                fail(channel, "i/o timeout", true);
            }
            return;
        }
        if (settings.pingPeriodNanos() > 0 && waiting.isEmpty() && now - lastWriteNanos > settings.pingPeriodNanos()) {
            write(command(stale ? "INFO" : "PING"), new Keepalive(stale));
        }
    }

    /** Fails what is queued and closes for good. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        Channel ch = channel;
        List<ReplyHandler> failed = takeAll(null);
        discardWrites();
        state = State.CLOSED;
        channel = null;
        if (ch != null) {
            ch.close();
        }
        notifyFailed(failed, null);
    }

    private void fail(Channel ch, String error, boolean headFails) {
        if (ch != channel || state == State.CLOSED) {
            return;
        }
        ReplyHandler head = headFails ? inflight.poll() : null;
        List<ReplyHandler> failed = takeAll(head);
        discardWrites();
        channel = null;
        unwritableSinceNanos = 0;
        failures++;
        state = State.BACKOFF;
        long delay = failures <= 10 ? 0 : Math.min(MAX_DELAY_NANOS, MIN_DELAY_NANOS << Math.min(20, failures - 11));
        retryAtNanos = System.nanoTime() + delay;
        stale = false;
        LOG.warn("backend conn [{}] to {}, db-{} failed ({} in a row): {}",
                Integer.toHexString(System.identityHashCode(this)), addr, db, failures, error);
        ch.close();
        notifyFailed(failed, head == null ? null : error);
    }

    private List<ReplyHandler> takeAll(ReplyHandler head) {
        List<ReplyHandler> failed = new ArrayList<>(inflight.size() + waiting.size() / 2 + 1);
        if (head != null) {
            failed.add(head);
        }
        failed.addAll(inflight);
        inflight.clear();
        while (!waiting.isEmpty()) {
            ((ByteBuf) waiting.poll()).release();
            failed.add((ReplyHandler) waiting.poll());
        }
        return failed;
    }

    private static void notifyFailed(List<ReplyHandler> failed, String headError) {
        for (int i = 0; i < failed.size(); i++) {
            ReplyHandler handler = failed.get(i);
            try {
                handler.onFailure(i == 0 && headError != null ? CONN_FAILURE + headError : CONN_RESET);
            } catch (RuntimeException e) {
                LOG.error("reply handler failed", e);
            }
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connect: connection refused";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    static ByteBuf command(String... args) {
        ByteBuf out = io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(32);
        RespWriter.writeArrayHeader(out, args.length);
        for (String arg : args) {
            RespWriter.writeBulk(out, arg.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        private final Channel ch;

        Handler(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ch != channel) {
                ReferenceCountUtil.release(msg);
                return;
            }
            RespReply reply = (RespReply) msg;
            ReplyHandler handler = inflight.poll();
            if (handler == null) {
                reply.release();
                fail(ch, "unexpected reply", false);
                return;
            }
            if (reply.isError() && reply.type() == '-' && (reply.textStartsWith("MASTERDOWN") || reply.textStartsWith("LOADING"))) {
                if (!stale) {
                    stale = true;
                    LOG.warn("backend conn [{}] to {}, db-{} state = DataStale, caused by '{}'",
                            Integer.toHexString(System.identityHashCode(BackendConnection.this)), addr, db,
                            reply.textStartsWith("LOADING") ? "LOADING" : "MASTERDOWN");
                }
            }
            progressed = true;
            handler.onReply(reply);
            drainWaiting();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ch, "EOF", true);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ch == channel) {
                unwritableSinceNanos = ch.isWritable() ? 0 : System.nanoTime();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ch, describe(cause), true);
        }
    }

    /** AUTH / SELECT after connecting: anything but a simple string fails the connection. */
    private final class Handshake implements ReplyHandler {
        private final Channel ch;
        private final boolean last;

        Handshake(Channel ch, boolean last) {
            this.ch = ch;
            this.last = last;
        }

        @Override
        public void onReply(RespReply reply) {
            try {
                if (reply.type() != '+') {
                    String text = reply.isError() ? reply.text() : "bad handshake reply " + reply.typeName();
                    fail(ch, text, false);
                } else if (last) {
                    failures = 0;
                }
            } finally {
                reply.release();
            }
        }

        @Override
        public void onFailure(String error) {
        }
    }

    /** Keepalive PING (reply ignored) or, when data-stale, INFO deciding whether the connection is fresh again. */
    private final class Keepalive implements ReplyHandler {
        private final boolean info;

        Keepalive(boolean info) {
            this.info = info;
        }

        @Override
        public void onReply(RespReply reply) {
            try {
                if (info && reply.type() == '$' && !reply.isNull()) {
                    String text = reply.text();
                    if (!text.contains("master_link_status:down") && !text.contains("loading:1")) {
                        stale = false;
                        LOG.warn("backend conn [{}] to {}, db-{} state = Connected (keepalive)",
                                Integer.toHexString(System.identityHashCode(BackendConnection.this)), addr, db);
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
