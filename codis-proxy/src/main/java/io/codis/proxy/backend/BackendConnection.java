package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespReplyDecoder;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.pacing.WriteBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipelined connection from an event loop to a backend for one DB. Loop-confined: every method
 * runs on {@link #loop()}. Requests are written in order and replies matched FIFO; the connection is
 * dialled lazily, runs its {@link Handshake}, and re-dials after a failure as its {@link Backoff}
 * allows (requests arriving during the delay fail at once with {@code backend conn reset}); its
 * {@link Liveness} times it out and keeps it alive.
 */
public final class BackendConnection implements WriteBatch.Member {

    public static final String CONN_RESET = "backend conn reset";
    public static final String CONN_FAILURE = "backend conn failure, ";

    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);

    private enum State { IDLE, CONNECTING, READY, BACKOFF, CLOSED }

    /** Where the request {@link #beginRequest begun} last is being written. */
    private enum Begun { IN_PLACE, MSET_PART, APART }

    private final String addr;
    private final int db;
    /** How the log names this connection. */
    private final String name;
    private final BackendSettings settings;
    private final WriteBatch batch;
    private final Dialer dialer;
    /** The handlers of the requests written, in order, until their replies come. */
    private final ArrayDeque<ReplyHandler> inflight = new ArrayDeque<>();
    private final WaitingRequests waiting = new WaitingRequests();
    private final Backoff backoff = new Backoff();
    private final Liveness liveness;
    /** Requests written since the batch last flushed this connection. */
    private final RoundWriter round = new RoundWriter();
    private Channel channel;
    private State state = State.IDLE;
    private long flushStamp;
    private Begun begun = Begun.IN_PLACE;
    /** The key-value pairs of the MSET part begun last. */
    private int begunPairs;
    /** The request begun last when built apart. */
    private ByteBuf apart;
    /** False for a connection a session owns: after a failure it stays closed (its transaction or blocked call is gone). */
    private boolean redials = true;
    /** The server's {@code CLIENT ID} of this connection, when an owned one asked for it; else 0. */
    private long serverClientId;
    /** Where a subscribed connection's replies go when no request waits for one (pub/sub messages). */
    private ReplyHandler pushes;

    BackendConnection(String addr, int db, BackendSettings settings, WriteBatch batch, Dialer dialer) {
        this.addr = addr;
        this.db = db;
        this.name = "backend conn [" + Integer.toHexString(System.identityHashCode(this)) + "] to " + addr + ", db-" + db;
        this.settings = settings;
        this.batch = batch;
        this.dialer = dialer;
        this.liveness = new Liveness(settings, name);
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
        return state == State.READY && !liveness.isStale();
    }

    public boolean isConnected() {
        return state == State.READY;
    }

    /**
     * After a failure, stays closed instead of dialling again: what a session's own connection needs,
     * or a request after the failure would run outside the MULTI (or the WATCH) the server forgot.
     */
    void neverRedial() {
        redials = false;
    }

    /** The server's id of this connection ({@code CLIENT ID}), 0 when unknown. */
    public long serverClientId() {
        return serverClientId;
    }

    void serverClientId(long id) {
        serverClientId = id;
    }

    /**
     * Makes this (owned) connection a subscriber's: a reply that comes when no request waits for one
     * (a pub/sub message, a confirmation past the first of a multi-channel SUBSCRIBE) goes to {@code handler}.
     */
    public void receivePushes(ReplyHandler handler) {
        pushes = handler;
    }

    /** No request waits for its reply or to be written. */
    public boolean isQuiet() {
        return inflight.isEmpty() && waiting.isEmpty();
    }

    public boolean isDataStale() {
        return liveness.isStale();
    }

    /** Starts dialling if idle (replicas are dialled ahead of their first use). */
    public void warmUp() {
        if (state == State.IDLE || (state == State.BACKOFF && backoff.mayRetry(System.nanoTime()))) {
            connect();
        }
    }

    /**
     * Sends one request already built, as the client sent it or apart (takes ownership of
     * {@code payload}); {@code handler} gets its reply or failure. A request made of some of a client
     * request's arguments is written with {@link #beginRequest} instead, in place when it can be.
     */
    public void send(ByteBuf payload, ReplyHandler handler) {
        switch (state) {
            case CLOSED -> {
                payload.release();
                handler.onFailure(CONN_RESET);
                return;
            }
            case BACKOFF -> {
                if (!backoff.mayRetry(System.nanoTime())) {
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
            writeNow(payload, handler);
        } else if (state == State.READY || state == State.CONNECTING) {
            waiting.add(payload, handler);
        } else {
            payload.release();
            handler.onFailure(CONN_RESET);
        }
    }

    /**
     * Starts a request of {@code argc} arguments, the first being {@code request}'s command name as the
     * client sent it, and returns where the caller writes the other arguments ({@code argsSize} bytes at
     * most) before calling {@link #endRequest}. The request goes out in this round's order like one
     * {@link #send sent}: written in place in the round's buffer when the connection can take it at once
     * (connected, nothing waiting, room in the pipeline, not large), built apart and queued otherwise.
     * With {@code msetPart} its arguments are key-value pairs of one part of a split MSET, which joins
     * the MSET parts before it on this connection in this round as one {@link CombinedMset}.
     */
    public ByteBuf beginRequest(RespRequest request, int argc, int argsSize, boolean msetPart) {
        if (msetPart && writesAtOnce(argsSize)) {
            ByteBuf pairs = round.joinMset(channel, argsSize);
            if (pairs == null) {
                written(round.openMset(channel, argsSize));
                pairs = round.mset().room(argsSize);
            }
            begun = Begun.MSET_PART;
            begunPairs = (argc - 1) / 2;
            return pairs;
        }
        int size = 32 + request.argLength(0) + argsSize;
        ByteBuf out;
        if (writesAtOnce(size)) {
            out = round.room(channel, size);
            begun = Begun.IN_PLACE;
        } else {
            out = PooledByteBufAllocator.DEFAULT.buffer(size);
            apart = out;
            begun = Begun.APART;
        }
        RespWriter.writeArrayHeader(out, argc);
        request.writeBulkArgs(out, 0, 1);
        return out;
    }

    /** The request {@link #beginRequest begun} last is written; {@code handler} gets its reply or failure. */
    public void endRequest(ReplyHandler handler) {
        if (begun == Begun.IN_PLACE) {
            written(handler);
        } else if (begun == Begun.MSET_PART) {
            round.mset().add(handler, begunPairs);
        } else {
            ByteBuf out = apart;
            apart = null;
            send(out, handler);
        }
    }

    private boolean writesAtOnce(int size) {
        return state == State.READY && waiting.isEmpty() && inflight.size() < settings.maxPipeline()
                && size <= Coalescer.COPY_LIMIT;
    }

    private void written(ReplyHandler handler) {
        liveness.written(inflight.isEmpty());
        inflight.add(handler);
        flushStamp = batch.addDeferred(this, flushStamp);
    }

    /** Writes a request on this connection, serving, behind those before it. */
    void writeNow(ByteBuf payload, ReplyHandler handler) {
        round.write(channel, payload);
        written(handler);
    }

    @Override
    public void flushBatch() {
        Channel ch = channel;
        if (ch == null) {
            round.discard();
            return;
        }
        round.flush(ch);
    }

    private void drainWaiting() {
        while (state == State.READY && !waiting.isEmpty() && inflight.size() < settings.maxPipeline()) {
            ByteBuf payload = waiting.headPayload();
            ReplyHandler handler = waiting.headHandler();
            waiting.removeHead();
            if (handler.isBroken()) {
                payload.release();
                handler.onFailure("request is broken");
                continue;
            }
            writeNow(payload, handler);
        }
    }

    private void connect() {
        state = State.CONNECTING;
        ChannelFuture future = dialer.dial(addr, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new RespReplyDecoder(), new ReplyReader(ch));
            }
        });
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
            LOG.warn("{} start service", name);
            if (!Handshake.start(this, ch, settings)) {
                backoff.succeeded();
            }
            drainWaiting();
        });
    }

    /** The last step of the handshake succeeded. */
    void handshakeDone() {
        backoff.succeeded();
    }

    /** Called by the loop's housekeeping: timeouts and keepalive. */
    void tick(long now) {
        boolean serving = state == State.READY;
        switch (liveness.tick(now, serving, !inflight.isEmpty(), waiting.isEmpty())) {
            case TIMED_OUT -> fail(channel, "i/o timeout", true);
            case KEEPALIVE_DUE -> writeNow(Commands.of(liveness.keepaliveCommand()), liveness.keepaliveReply());
            case FINE -> {
            }
        }
    }

    /** Fails what is queued and closes for good. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        Channel ch = channel;
        List<ReplyHandler> failed = takeAll(null);
        round.discard();
        state = State.CLOSED;
        channel = null;
        if (ch != null) {
            ch.close();
        }
        notifyFailed(failed, null);
    }

    /**
     * The connection on {@code ch} failed with {@code error}: with {@code headFails}, the oldest request
     * in flight gets {@code backend conn failure, <error>} and the others {@code backend conn reset}.
     */
    void fail(Channel ch, String error, boolean headFails) {
        if (ch != channel || state == State.CLOSED) {
            return;
        }
        ReplyHandler head = headFails ? inflight.poll() : null;
        List<ReplyHandler> failed = takeAll(head);
        round.discard();
        channel = null;
        serverClientId = 0;
        liveness.reset();
        int failures = backoff.failed(System.nanoTime());
        state = redials ? State.BACKOFF : State.CLOSED;
        LOG.warn("{} failed ({} in a row): {}", name, failures, error);
        ch.close();
        notifyFailed(failed, head == null ? null : error);
    }

    private List<ReplyHandler> takeAll(ReplyHandler head) {
        List<ReplyHandler> failed = new ArrayList<>(inflight.size() + waiting.size() + 1);
        if (head != null) {
            failed.add(head);
        }
        failed.addAll(inflight);
        inflight.clear();
        waiting.releaseInto(failed);
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

    /** Hands the replies read on {@code ch} to the requests in flight, in order, and notices its failure. */
    private final class ReplyReader extends ChannelInboundHandlerAdapter {
        private final Channel ch;

        ReplyReader(Channel ch) {
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
                handler = pushes;
            }
            if (handler == null) {
                reply.release();
                fail(ch, "unexpected reply", false);
                return;
            }
            liveness.replied(reply);
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
                liveness.writabilityChanged(ch.isWritable(), System.nanoTime());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ch, describe(cause), true);
        }
    }
}
