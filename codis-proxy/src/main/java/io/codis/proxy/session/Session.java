package io.codis.proxy.session;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespProtocolException;
import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.CommandTable;
import io.codis.proxy.command.LocalCommand;
import io.codis.proxy.router.SlotState;
import io.codis.proxy.stats.CommandCounter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Loop-confined: reads requests, answers local ones, routes the others to the
 * loop's backend connections and writes replies strictly in request order. A request for a held slot
 * (a fill in progress) is kept, with every request after it, and reading stops until the slot is
 * released; the event loop never blocks.
 */
final class Session extends ChannelInboundHandlerAdapter implements io.codis.proxy.backend.WriteBatch.Member {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final Sessions shared;
    private final long id;
    private final long createdSeconds = System.currentTimeMillis() / 1000;
    private LoopContext loop;
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
    private int db;
    private long ops;
    private long flushStamp;
    /** Replies written during the current round, copied together (flushed by the loop's batch). */
    private final io.codis.proxy.backend.Coalescer coalescer = new io.codis.proxy.backend.Coalescer();
    /** Picks this session's connection among backend_primary_parallel ones (the same for all its requests). */
    private final int primarySeed;
    private String closeReason = "EOF";
    /** When the last request was read: the start of its (and its held successors') latency, and of session_recv_timeout. */
    private long readNanos;

    Session(Sessions shared) {
        this.shared = shared;
        this.id = shared.ids.incrementAndGet();
        this.primarySeed = (int) (id * 0x9E3779B97F4A7C15L >>> 32);
    }

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        loop = shared.context(channel.eventLoop());
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
        if (handle(request)) {
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
            if (!handle(request)) {
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

    private void park(SlotState slot) {
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
            count(pending, now);
            if (pending.failed && shared.breakOnFailure) {
                breakNow = true;
                break;
            }
        }
        if (breakNow || (quit && queue.isEmpty())) {
            closed = true;
            coalescer.writeOut(channel);
            channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
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

    private void count(Pending pending, long now) {
        if (pending.name == null) {
            if (pending.failed) {
                shared.stats.failed();
            }
            return;
        }
        CommandCounter counter = shared.stats.command(pending.name);
        counter.called(now - pending.startNanos);
        if (pending.failed) {
            counter.failed();
            shared.stats.failed();
        } else if (pending.redisError) {
            counter.redisError();
            shared.stats.redisError();
        }
    }

    private void reply(String name, ByteBuf reply) {
        Pending pending = new Pending(this, name, readNanos, null);
        pending.reply = reply;
        pending.done = true;
        queue.add(pending);
    }

    private void fail(String name, String message) {
        Pending pending = new Pending(this, name, readNanos, null);
        pending.reply = Replies.error(message);
        pending.done = true;
        pending.failed = true;
        queue.add(pending);
    }

    // ---- handling --------------------------------------------------------------------------

    /** Handles one request; false when it must wait for a held slot (nothing was done then). */
    private boolean handle(RespRequest request) {
        int nameLength = request.argLength(0);
        if (nameLength == 0 || nameLength > RespRequest.MAX_COMMAND_NAME_LENGTH) {
            fail(null, "ERR handle request, bad command length, too short or too long");
            return true;
        }
        CommandSpec cmd = CommandTable.lookup(request.argBuffer(), request.argIndex(0), nameLength);
        if (cmd.isNotAllowed()) {
            fail(cmd.name(), "ERR handle request, command '" + cmd.name() + "' is not allowed");
            return true;
        }
        switch (cmd.local()) {
            case QUIT -> {
                reply(cmd.name(), Replies.simple("OK"));
                quit = true;
                updateAutoRead();
                return true;
            }
            case AUTH -> {
                auth(request, cmd.name());
                return true;
            }
            case HELLO -> {
                Hello.Answer answer = Hello.answer(request, authorized, shared.sessionAuth, id);
                authorized |= answer.authorizes();
                reply(cmd.name(), answer.reply());
                return true;
            }
            default -> {
            }
        }
        if (!authorized) {
            reply(cmd.name(), Replies.error("NOAUTH Authentication required"));
            return true;
        }
        switch (cmd.local()) {
            case SELECT -> {
                select(request, cmd.name());
                return true;
            }
            case PING, INFO -> {
                if (request.argCount() == 1) {
                    return forward(request, cmd, (int) Math.floorMod(readNanos, (long) SlotHash.SLOT_COUNT));
                }
                String addr = request.arg(1).toString(StandardCharsets.UTF_8);
                Object[] args = new Object[request.argCount() - 1];
                args[0] = request.arg(0);
                for (int i = 2; i < request.argCount(); i++) {
                    args[i - 1] = request.arg(i);
                }
                sendTo(addr, cmd.name(), Replies.command(args));
                return true;
            }
            case SLOTSINFO -> {
                if (request.argCount() != 2) {
                    reply(cmd.name(), Replies.arity("SLOTSINFO"));
                    return true;
                }
                sendTo(request.arg(1).toString(StandardCharsets.UTF_8), cmd.name(), Replies.command("SLOTSINFO"));
                return true;
            }
            case SLOTSSCAN -> {
                if (request.argCount() <= 2) {
                    reply(cmd.name(), Replies.arity("SLOTSSCAN"));
                    return true;
                }
                String text = request.arg(1).toString(StandardCharsets.UTF_8);
                int slot = SlotsMapping.slotNumber(text);
                if (slot < 0) {
                    reply(cmd.name(), SlotsMapping.badSlotNumber(text));
                    return true;
                }
                return forward(request, cmd, slot);
            }
            case SLOTSMAPPING -> {
                reply(cmd.name(), SlotsMapping.reply(request, shared.router));
                return true;
            }
            case MGET, MSET, DEL, EXISTS, TOUCH, UNLINK -> {
                return multiKey(request, cmd);
            }
            default -> {
                int keyIndex = cmd.routingKeyIndex(request);
                int slot = keyIndex < 0 ? 0 : slotOfArg(request, keyIndex);
                return forward(request, cmd, slot);
            }
        }
    }

    /** The slot of argument {@code index}, hashed where it lies in the request's buffer. */
    private static int slotOfArg(RespRequest request, int index) {
        return SlotHash.slotOf(request.argBuffer(), request.argIndex(index), request.argLength(index));
    }

    /** Forwards the request as it came to the backend of {@code slotId}. */
    private boolean forward(RespRequest request, CommandSpec cmd, int slotId) {
        SlotState state = shared.router.slot(slotId);
        if (!state.tryEnter()) {
            park(state);
            return false;
        }
        if (state.isOffline()) {
            state.exit();
            fail(cmd.name(), Replies.SLOT_NOT_READY);
            return true;
        }
        // TODO(issue: slot migration in the proxy, proxy-dataplane.md "Slots under migration"): a slot with
        // migrate_from set must first move the request's key from the source (MIGRATE of that key, sync or
        // semi-async per forward_method) before forwarding; for now it simply forwards to backend_addr.
        BackendConnection conn = choose(state, cmd.needsMaster(), 0);
        Pending pending = new Pending(this, cmd.name(), readNanos, state);
        pending.readOnly = !cmd.needsMaster();
        queue.add(pending);
        conn.send(request.takeRaw(), pending);
        return true;
    }

    /** The connection for a request of a slot entered with {@link SlotState#tryEnter()}. */
    private BackendConnection choose(SlotState state, boolean needsMaster, int seed) {
        Slot slot = state.slot();
        if (!needsMaster && state.readsReplicas()) {
            if (seed == 0) {
                seed = ThreadLocalRandom.current().nextInt();
            }
            for (List<String> tier : slot.replicaGroups()) {
                int n = tier.size();
                if (n == 0) {
                    continue;
                }
                int start = Math.floorMod(seed, n);
                for (int i = 0; i < n; i++) {
                    BackendConnection conn = loop.pool.replica(tier.get((start + i) % n), db, seed);
                    if (conn != null) {
                        return conn;
                    }
                }
            }
        }
        return loop.pool.primary(state.id(), slot, db, primarySeed);
    }

    private void sendTo(String addr, String name, ByteBuf payload) {
        if (!shared.router.isBackendAddress(addr)) {
            payload.release();
            reply(name, Replies.error("ERR backend server '" + addr + "' not found"));
            return;
        }
        Pending pending = new Pending(this, name, readNanos, null);
        queue.add(pending);
        loop.pool.primary(addr, db, primarySeed).send(payload, pending);
    }

    private boolean multiKey(RespRequest request, CommandSpec cmd) {
        LocalCommand kind = cmd.local();
        int argc = request.argCount();
        int step = kind == LocalCommand.MSET ? 2 : 1;
        if (argc < 2 || (argc - 1) % step != 0) {
            reply(cmd.name(), Replies.arity(cmd.name()));
            return true;
        }
        int keys = (argc - 1) / step;
        if (keys == 1 && (kind == LocalCommand.MGET || kind == LocalCommand.MSET)) {
            return forward(request, cmd, slotOfArg(request, 1));
        }
        SlotState[] states = new SlotState[keys];
        for (int k = 0; k < keys; k++) {
            SlotState state = shared.router.slot(slotOfArg(request, 1 + k * step));
            if (!state.tryEnter()) {
                for (int j = 0; j < k; j++) {
                    states[j].exit();
                }
                park(state);
                return false;
            }
            states[k] = state;
        }
        int seed = ThreadLocalRandom.current().nextInt();
        boolean needsMaster = cmd.needsMaster();
        // group the keys per backend connection, in key order: parts are few, so a linear search
        BackendConnection[] conns = new BackendConnection[Math.min(keys, 8)];
        int[] counts = new int[conns.length];
        int[] sizes = new int[conns.length];
        int[] partOfKey = new int[keys];
        int[] posInPart = new int[keys];
        int partCount = 0;
        for (int k = 0; k < keys; k++) {
            if (states[k].isOffline()) {
                offlineKey(request, cmd, states, k, step, seed);
                return true;
            }
            BackendConnection conn = choose(states[k], needsMaster, seed);
            int p = 0;
            while (p < partCount && conns[p] != conn) {
                p++;
            }
            if (p == partCount) {
                if (p == conns.length) {
                    int grown = Math.min(keys, p * 2);
                    conns = java.util.Arrays.copyOf(conns, grown);
                    counts = java.util.Arrays.copyOf(counts, grown);
                    sizes = java.util.Arrays.copyOf(sizes, grown);
                }
                conns[p] = conn;
                partCount++;
            }
            partOfKey[k] = p;
            posInPart[k] = counts[p]++;
            int first = 1 + k * step;
            for (int s = 0; s < step; s++) {
                sizes[p] += request.argLength(first + s) + 16;
            }
        }
        Pending parent = new Pending(this, cmd.name(), readNanos, null);
        queue.add(parent);
        MultiKey merge = new MultiKey(parent, kind, partOfKey, posInPart, partCount, states);
        if (partCount == 1) {
            conns[0].send(request.takeRaw(), merge.part(0, counts[0]));
            return true;
        }
        // the keys of part p, in the client's order, are keysByPart[start[p] .. start[p] + counts[p])
        int[] start = new int[partCount];
        for (int p = 1; p < partCount; p++) {
            start[p] = start[p - 1] + counts[p - 1];
        }
        int[] keysByPart = new int[keys];
        for (int k = 0; k < keys; k++) {
            keysByPart[start[partOfKey[k]] + posInPart[k]] = k;
        }
        int nameSize = request.argLength(0) + 16;
        for (int p = 0; p < partCount; p++) {
            MultiKey.Part part = merge.part(p, counts[p]);
            int from = start[p];
            int to = from + counts[p];
            ByteBuf pairs = kind == LocalCommand.MSET ? conns[p].msetRoom(sizes[p]) : null;
            if (pairs != null) {
                writeKeyArgs(request, pairs, keysByPart, from, to, step);
                conns[p].msetWritten(part, counts[p]);
                continue;
            }
            int size = 16 + nameSize + sizes[p];
            ByteBuf room = conns[p].requestRoom(size);
            ByteBuf out = room != null ? room : Replies.buffer(size);
            RespWriter.writeArrayHeader(out, 1 + counts[p] * step);
            request.writeBulkArgs(out, 0, 1);
            writeKeyArgs(request, out, keysByPart, from, to, step);
            if (room != null) {
                conns[p].written(part);
            } else {
                conns[p].send(out, part);
            }
        }
        return true;
    }

    /** The arguments of keys {@code keysByPart[from .. to)} ({@code step} arguments a key, from the key on). */
    private static void writeKeyArgs(RespRequest request, ByteBuf out, int[] keysByPart, int from, int to, int step) {
        for (int i = from; i < to; i++) {
            request.writeBulkArgs(out, 1 + keysByPart[i] * step, step);
        }
    }

    /**
     * Key {@code offline} of a multi-key request has no backend: as the original, which sends one part
     * per key in order, the writes before it are still executed (their replies are dropped); reads are
     * not sent. The request fails with "slot is not ready".
     */
    private void offlineKey(RespRequest request, CommandSpec cmd, SlotState[] states, int offline, int step, int seed) {
        LocalCommand kind = cmd.local();
        int keys = states.length;
        for (int j = offline; j < keys; j++) {
            states[j].exit();
        }
        boolean writes = kind != LocalCommand.MGET && kind != LocalCommand.EXISTS;
        for (int j = 0; j < offline; j++) {
            if (writes) {
                int first = 1 + j * step;
                int size = 32 + request.argLength(0);
                for (int s = 0; s < step; s++) {
                    size += request.argLength(first + s) + 16;
                }
                ByteBuf part = Replies.buffer(size);
                RespWriter.writeArrayHeader(part, 1 + step);
                request.writeBulkArgs(part, 0, 1);
                request.writeBulkArgs(part, first, step);
                choose(states[j], true, seed).send(part, new Discarded(states[j]));
            } else {
                states[j].exit();
            }
        }
        fail(cmd.name(), Replies.SLOT_NOT_READY);
    }

    /** A part sent only for its side effect (its command already failed): the reply is dropped. */
    private static final class Discarded implements io.codis.proxy.backend.ReplyHandler {
        private final SlotState slot;

        Discarded(SlotState slot) {
            this.slot = slot;
        }

        @Override
        public void onReply(RespReply reply) {
            slot.exit();
            reply.release();
        }

        @Override
        public void onFailure(String error) {
            slot.exit();
        }
    }

    // ---- local commands ----------------------------------------------------------------------

    private void auth(RespRequest request, String name) {
        if (request.argCount() != 2) {
            reply(name, Replies.arity("AUTH"));
            return;
        }
        String expected = shared.sessionAuth;
        if (expected.isEmpty()) {
            reply(name, Replies.error("ERR Client sent AUTH, but no password is set"));
            return;
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), request.argBytes(1))) {
            authorized = false;
            reply(name, Replies.error("ERR invalid password"));
            return;
        }
        authorized = true;
        reply(name, Replies.simple("OK"));
    }

    private void select(RespRequest request, String name) {
        if (request.argCount() != 2) {
            reply(name, Replies.arity("SELECT"));
            return;
        }
        int n;
        try {
            n = Integer.parseInt(request.arg(1).toString(StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            reply(name, Replies.error("ERR invalid DB index"));
            return;
        }
        int dbs = shared.numberDatabases;
        if (n < 0 || n >= dbs) {
            reply(name, Replies.error("ERR invalid DB index, only accept DB [0," + dbs + ")"));
            return;
        }
        db = n;
        reply(name, Replies.simple("OK"));
    }
}
