package io.codis.proxy.session;

import io.codis.common.resp.RespProtocolException;
import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.proxy.forward.Forwarder;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Loop-confined: reads requests, has {@link Dispatch} handle each (answered
 * locally, split, or sent by the session's {@link Forwarder}), and writes replies strictly in request
 * order. A request for a held slot (a fill in progress) is kept, with every request after it, and
 * reading stops until the slot is released; the event loop never blocks.
 */
final class Session extends ChannelInboundHandlerAdapter implements io.codis.proxy.pacing.WriteBatch.Member {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final Sessions shared;
    private final long id;
    private final long createdSeconds = System.currentTimeMillis() / 1000;
    private final LoopContext loop;
    private final Forwarder forwarder;
    private Channel channel;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<RespRequest> held = new ArrayDeque<>();
    private boolean counted;
    private boolean active;
    private boolean closed;
    private boolean quit;
    private boolean parked;
    private boolean writeBlocked;
    private long unwritableSince;
    private boolean authorized;
    private long ops;
    private long flushStamp;
    /** Replies written during the current round, copied together (flushed by the loop's batch). */
    private final io.codis.proxy.backend.Coalescer coalescer = new io.codis.proxy.backend.Coalescer();
    private String closeReason = "EOF";
    /** When the last request was read: the start of its (and its held successors') latency, and of session_recv_timeout. */
    private long readNanos;

    Session(Sessions shared, LoopContext loop) {
        this.shared = shared;
        this.loop = loop;
        this.id = shared.ids.incrementAndGet();
        this.forwarder = new Forwarder(loop.pool, (int) (id * 0x9E3779B97F4A7C15L >>> 32), shared.router, shared.migrate);
    }

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        counted = true;
        long alive = shared.stats.sessionOpened();
        if (alive > shared.maxClients) {
            rejectAndClose("ERR max number of clients reached");
            return;
        }
        if (!shared.router.isOnline()) {
            rejectAndClose("ERR router is not online");
            return;
        }
        active = true;
        readNanos = System.nanoTime();
        authorized = shared.sessionAuth.isEmpty();
        loop.sessions.add(this);
        if (LOG.isInfoEnabled()) {
            LOG.info("session [{}] create: {}", Long.toHexString(id), describe());
        }
    }

    private void rejectAndClose(String message) {
        closed = true;
        channel.config().setAutoRead(false);
        channel.writeAndFlush(Replies.error(message)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (counted) {
            counted = false;
            shared.stats.sessionClosed();
        }
        RespRequest request;
        while ((request = held.poll()) != null) {
            request.release();
        }
        for (Pending pending : queue) {
            if (pending.done) {
                ReferenceCountUtil.release(pending.reply);
                pending.reply = null;
            }
        }
        queue.clear();
        coalescer.discard();
        if (active) {
            active = false;
            loop.sessions.remove(this);
            if (LOG.isInfoEnabled()) {
                LOG.info("session [{}] closed: {}, {}", Long.toHexString(id), describe(),
                        quit ? "quit" : "error: " + closeReason);
            }
        }
    }

    private String describe() {
        return "{\"ops\":" + ops + ",\"create\":" + createdSeconds + ",\"remote\":\"" + remote() + "\"}";
    }

    private String remote() {
        Object addr = channel.remoteAddress();
        if (addr instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(addr);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof RespProtocolException) && !(cause instanceof java.io.IOException)) {
            LOG.warn("session [{}] failed", Long.toHexString(id), cause);
        }
        closeReason = String.valueOf(cause.getMessage());
        close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writeBlocked = !channel.isWritable();
        unwritableSince = writeBlocked ? System.nanoTime() : 0;
        updateAutoRead();
    }

    void tick(long now) {
        long idle = shared.recvTimeoutNanos;
        if (idle > 0 && now - readNanos > idle) {
            closeReason = "i/o timeout";
            close();
            return;
        }
        long timeout = shared.sendTimeoutNanos;
        if (writeBlocked && timeout > 0 && unwritableSince != 0 && now - unwritableSince > timeout) {
            closeReason = "write i/o timeout";
            close();
        }
    }

    private void close() {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    /** Data plane shutdown: answer what is ready, then close. */
    void closeGracefully() {
        if (closed) {
            return;
        }
        writeReady();
        closeAfterWrites();
    }

    /** Writes what is buffered, then closes. */
    private void closeAfterWrites() {
        closed = true;
        coalescer.writeOut(channel);
        channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void updateAutoRead() {
        if (channel != null && !closed) {
            channel.config().setAutoRead(!parked && !quit && !writeBlocked);
        }
    }

    // ---- reading ---------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RespRequest request = (RespRequest) msg;
        readNanos = System.nanoTime();
        if (closed || quit || !active) {
            request.release();
            return;
        }
        ops++;
        shared.stats.request();
        if (parked) {
            held.add(request);
            return;
        }
        int maxPipeline = shared.maxPipeline;
        if (maxPipeline > 0 && queue.size() > maxPipeline) {
            closeReason = "too many pipelined requests";
            request.release();
            close();
            return;
        }
        if (Dispatch.handle(this, request)) {
            request.release();
        } else {
            held.add(request);
        }
        writeReady();
    }

    private void resume() {
        if (closed) {
            return;
        }
        parked = false;
        while (!held.isEmpty() && !parked && !closed && !quit) {
            RespRequest request = held.peek();
            if (!Dispatch.handle(this, request)) {
                break;
            }
            held.poll().release();
        }
        if (closed || quit) {
            RespRequest request;
            while ((request = held.poll()) != null) {
                request.release();
            }
        }
        updateAutoRead();
        writeReady();
    }

    /** Keeps the current request and every later one until {@code slot} is released. */
    void park(SlotState slot) {
        parked = true;
        updateAutoRead();
        slot.onRelease(() -> loop.loop.execute(this::resume));
    }

    // ---- replies ---------------------------------------------------------------------------

    boolean isClosed() {
        return closed;
    }

    /** A queued request got its reply (backend or merged); called on this session's loop. */
    void complete(Pending pending, Object reply) {
        if (closed) {
            ReferenceCountUtil.release(reply);
            return;
        }
        pending.reply = reply;
        pending.done = true;
        if (queue.peek() == pending) {
            writeReady();
        }
    }

    private void writeReady() {
        if (closed) {
            return;
        }
        boolean wrote = false;
        boolean breakNow = false;
        Pending pending;
        long now = 0;
        while ((pending = queue.peek()) != null && pending.done) {
            queue.poll();
            if (now == 0) {
                now = System.nanoTime();
            }
            Object reply = pending.reply;
            pending.reply = null;
            coalescer.write(channel, reply instanceof RespReply r ? r.frame() : (ByteBuf) reply);
            wrote = true;
            pending.count(shared.stats, now);
            if (pending.failed && shared.breakOnFailure) {
                breakNow = true;
                break;
            }
        }
        if (breakNow || (quit && queue.isEmpty())) {
            closeAfterWrites();
            return;
        }
        if (wrote) {
            flushStamp = loop.batch.add(this, flushStamp);
        }
    }

    @Override
    public void flushBatch() {
        if (closed && !channel.isActive()) {
            coalescer.discard();
            return;
        }
        coalescer.writeOut(channel);
        channel.flush();
    }

    /** Queues a request (of {@code slot}, entered, or null) whose reply comes later. */
    Pending enqueue(String name, SlotState slot) {
        Pending pending = new Pending(this, name, readNanos, slot);
        queue.add(pending);
        return pending;
    }

    /** Queues the proxy's own reply to the current request. */
    void reply(String name, ByteBuf reply) {
        Pending pending = enqueue(name, null);
        pending.reply = reply;
        pending.done = true;
    }

    /** Queues an error reply that counts the current request as failed. */
    void fail(String name, String message) {
        Pending pending = enqueue(name, null);
        pending.reply = Replies.error(message);
        pending.done = true;
        pending.failed = true;
    }

    // ---- what handling a request reads and changes ---------------------------------------------

    Sessions shared() {
        return shared;
    }

    Forwarder forwarder() {
        return forwarder;
    }

    long id() {
        return id;
    }

    /** When the current request was read. */
    long readNanos() {
        return readNanos;
    }

    boolean isAuthorized() {
        return authorized;
    }

    void authorize(boolean value) {
        authorized = value;
    }

    /** QUIT: reads no more; the connection closes once the queued replies are written. */
    void quit() {
        quit = true;
        updateAutoRead();
    }
}
