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
    private KeySlots keySlots;
    /** The connections of this session's blocking calls; null until the first. */
    private OwnedLinks ownedLinks;
    /** The session's WATCH or MULTI until EXEC, DISCARD, UNWATCH or RESET; null outside one. */
    private Transaction transaction;
    private PubSub pubSub;
    /** CLIENT SETNAME's name, or null. */
    private String clientName;
    /** The name of the last command read, for CLIENT LIST's {@code cmd=}. */
    private String lastCommand = "NULL";
    private Channel channel;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<RespRequest> held = new ArrayDeque<>();
    private boolean counted;
    private boolean active;
    private boolean closed;
    private boolean quit;
    /** Stopped reading after a malformed request (its error is queued): logged as an error, not a quit. */
    private boolean protocolFailed;
    private boolean parked;
    /** Parked until every queued request is answered (a protocol switch waits for them), then resumed. */
    private boolean parkedForReplies;
    /** Speaks RESP3 (after HELLO 3): its requests go over the loop's RESP3 connections. */
    private boolean resp3;
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
        endTransaction();
        if (ownedLinks != null) {
            ownedLinks.closeAll();
        }
        if (pubSub != null) {
            pubSub.closeAll();
        }
        if (active) {
            active = false;
            loop.sessions.remove(this);
            if (LOG.isInfoEnabled()) {
                LOG.info("session [{}] closed: {}, {}", Long.toHexString(id), describe(),
                        quit && !protocolFailed ? "quit" : "error: " + closeReason);
            }
        }
    }

    private String describe() {
        return "{\"ops\":" + ops + ",\"create\":" + createdSeconds + ",\"remote\":\"" + remote() + "\"}";
    }

    private String remote() {
        return address(channel.remoteAddress());
    }

    private static String address(Object addr) {
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
        if (cause instanceof RespProtocolException protocol && protocol.replyBeforeClose() && active && !closed && !quit) {
            // as Redis: the replies to the requests before it, then -ERR Protocol error: ..., then close
            ByteBuf error = Replies.buffer(closeReason.length() + 8);
            protocol.writeErrorReply(error);
            reply(null, error);
            protocolFailed = true;
            quit();
            writeReady();
            return;
        }
        close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writeBlocked = !channel.isWritable();
        unwritableSince = writeBlocked ? System.nanoTime() : 0;
        updateAutoRead();
    }

    void tick(long now) {
        if (ownedLinks != null) {
            ownedLinks.unblockMoved(forwarder, shared.router);
        }
        long idle = shared.recvTimeoutNanos;
        if (idle > 0 && now - readNanos > idle && (ownedLinks == null || !ownedLinks.isBlocking()) && !isSubscribed()) {
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

    /** Closes the session for {@code reason} (logged when it closed). */
    void closeFor(String reason) {
        if (!closed) {
            closeReason = reason;
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

    /** Whether the session keeps its requests until a held slot is released. */
    boolean isParked() {
        return parked;
    }

    /** Whether some request read earlier still waits for its reply. */
    boolean hasRepliesDue() {
        return !queue.isEmpty();
    }

    /** Keeps the current request and every later one until every request before them is answered. */
    void parkUntilAnswered() {
        parked = true;
        parkedForReplies = true;
        updateAutoRead();
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

    /** Bytes written to the client's connection that it has not taken yet (Netty's outbound buffer). */
    long unsentBytes() {
        io.netty.channel.ChannelOutboundBuffer out = channel == null ? null : channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
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
        if (parkedForReplies && queue.isEmpty()) {
            parkedForReplies = false;
            loop.loop.execute(this::resume);
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

    /** Checks the keys of multi-key commands that are not split. */
    KeySlots keySlots() {
        if (keySlots == null) {
            keySlots = new KeySlots(shared.router);
        }
        return keySlots;
    }

    long id() {
        return id;
    }

    io.netty.channel.EventLoop loop() {
        return loop.loop;
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

    String clientName() {
        return clientName;
    }

    /** CLIENT SETNAME, HELLO SETNAME: a valid name ({@link ClientCommand#isValidName}); empty clears it. */
    void setClientName(byte[] name) {
        clientName = name.length == 0 ? null : new String(name, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Dispatch read a command of this name. */
    void commandRead(String name) {
        lastCommand = name;
    }

    /** The connections of this session's blocking calls. */
    OwnedLinks ownedLinks() {
        if (ownedLinks == null) {
            ownedLinks = new OwnedLinks(ownedConnections());
        }
        return ownedLinks;
    }

    /** The loop's connections a session may own, in the session's protocol. */
    io.codis.proxy.backend.OwnedConnections ownedConnections() {
        return forwarder.pool().owned();
    }

    PubSub pubSub() {
        if (pubSub == null) {
            pubSub = new PubSub(this);
        }
        return pubSub;
    }

    /** Speaks RESP3 (HELLO 3): the proxy's own replies are RESP3's, the backend's come from RESP3 connections. */
    boolean isResp3() {
        return resp3;
    }

    /**
     * HELLO's protocol ({@code 3} or {@code 2}), RESET's RESP2: later requests go over the loop's
     * connections of that protocol (made when the loop's first RESP3 session needs them). Called with
     * no request outstanding ({@link #hasRepliesDue()}) and no transaction (its connection keeps its
     * protocol), so no blocking call's connection is owned either.
     */
    void useProtocol(int protocol) {
        boolean three = protocol == 3;
        if (three == resp3) {
            return;
        }
        resp3 = three;
        forwarder.usePool(three ? loop.pool.resp3() : loop.pool);
        if (ownedLinks != null && !ownedLinks.isBlocking()) {
            ownedLinks = null;
        }
    }

    /** Subscribed to some channel or pattern: only the commands of subscribed mode are allowed. */
    boolean isSubscribed() {
        return pubSub != null && pubSub.isSubscribed();
    }

    /** The session's transaction (from WATCH or MULTI), or null. */
    Transaction transaction() {
        return transaction;
    }

    void transaction(Transaction value) {
        transaction = value;
    }

    /** Ends the session's transaction, if any, without running it: its owned connection is closed. */
    private void endTransaction() {
        if (transaction != null) {
            transaction.abandon();
            transaction = null;
        }
    }

    /** RESET: back to a new session's state (DB 0, no name, authorized only if no session_auth, no transaction). */
    void reset() {
        endTransaction();
        if (pubSub != null) {
            pubSub.closeAll();
        }
        forwarder.select(0);
        useProtocol(2);
        clientName = null;
        authorized = shared.sessionAuth.isEmpty();
    }

    /**
     * This session as a line of Redis 7's {@code CLIENT LIST} (no newline); {@code command} overrides the
     * {@code cmd=} of the last command (the session asking). Called on this session's loop.
     */
    String describeClient(long now, String command) {
        long ageSeconds = Math.max(0, System.currentTimeMillis() / 1000 - createdSeconds);
        long idleSeconds = Math.max(0, (now - readNanos) / 1_000_000_000L);
        return "id=" + id + " addr=" + remote() + " laddr=" + address(channel.localAddress()) + " fd=-1 name="
                + (clientName == null ? "" : clientName) + " age=" + ageSeconds + " idle=" + idleSeconds + " flags=" + clientFlags() + " db="
                + forwarder.db() + " sub=" + (pubSub == null ? 0 : pubSub.channelCount())
                + " psub=" + (pubSub == null ? 0 : pubSub.patternCount()) + " ssub=" + (pubSub == null ? 0 : pubSub.shardChannelCount())
                + " multi=" + (transaction == null ? -1 : transaction.queuedCount())
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0"
                + " obl=0 oll=" + queue.size() + " omem=0 tot-mem=0 events=r cmd="
                + (command != null ? command : lastCommand.toLowerCase(java.util.Locale.ROOT))
                + " user=default redir=-1 resp=" + (resp3 ? 3 : 2);
    }

    /** CLIENT LIST's flags: {@code x} in MULTI, {@code b} while a blocking call waits, {@code P} subscribed, else {@code N}. */
    private String clientFlags() {
        boolean multi = transaction != null && transaction.isQueueing();
        boolean blocked = ownedLinks != null && ownedLinks.isBlocking();
        return multi ? (blocked ? "bx" : "x") : blocked ? "b" : isSubscribed() ? "P" : "N";
    }

    /** Whether this session is open and counted (CLIENT LIST lists it). */
    boolean isListed() {
        return active && !closed;
    }

    /** QUIT: reads no more; the connection closes once the queued replies are written. */
    void quit() {
        quit = true;
        updateAutoRead();
    }
}
