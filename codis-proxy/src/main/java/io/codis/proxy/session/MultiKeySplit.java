package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.LocalCommand;
import io.codis.proxy.forward.ForwardHandler;
import io.codis.proxy.forward.Forwarder;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Splits a multi-key command (MGET, MSET, DEL, EXISTS, TOUCH, UNLINK) per backend connection, not per
 * key: one part per connection with that connection's keys in the client's order, merged by
 * {@link MultiKey}. A command with a key of an offline slot fails as the original's ({@link #offlineKey});
 * while a key is in a migrating slot, or the session waits for keys to move, every part goes through
 * {@link Forwarder#forwardPart} (move-on-access, request order).
 */
final class MultiKeySplit {

    private MultiKeySplit() {
    }

    /** The slot of argument {@code index}, hashed where it lies in the request's buffer. */
    static int slotOfArg(RespRequest request, int index) {
        return SlotHash.slotOf(request.argBuffer(), request.argIndex(index), request.argLength(index));
    }

    /** Splits and sends {@code request}; false when it must wait for a held slot (nothing was sent then). */
    static boolean split(Session session, RespRequest request, CommandSpec cmd) {
        LocalCommand kind = cmd.local();
        int argc = request.argCount();
        int step = kind == LocalCommand.MSET ? 2 : 1;
        if (argc < 2 || (argc - 1) % step != 0) {
            // the reference lists the original's upper-case texts; TOUCH and UNLINK, which it does not split, get Redis 7's
            boolean original = kind != LocalCommand.TOUCH && kind != LocalCommand.UNLINK;
            session.reply(cmd.name(), Replies.arity(original ? cmd.name() : cmd.name().toLowerCase(java.util.Locale.ROOT)));
            return true;
        }
        int keys = (argc - 1) / step;
        if (keys == 1 && (kind == LocalCommand.MGET || kind == LocalCommand.MSET)) {
            return Dispatch.forward(session, request, cmd, slotOfArg(request, 1));
        }
        SlotState[] states = new SlotState[keys];
        for (int k = 0; k < keys; k++) {
            SlotState state = session.shared().router.slot(slotOfArg(request, 1 + k * step));
            if (!state.tryEnter()) {
                for (int j = 0; j < k; j++) {
                    states[j].exit();
                }
                session.park(state);
                return false;
            }
            states[k] = state;
        }
        Forwarder forwarder = session.forwarder();
        int seed = ThreadLocalRandom.current().nextInt();
        boolean needsMaster = cmd.needsMaster();
        boolean migrating = false;
        // group the keys per backend connection, in key order: parts are few, so a linear search
        BackendConnection[] conns = new BackendConnection[Math.min(keys, 8)];
        int[] counts = new int[conns.length];
        int[] sizes = new int[conns.length];
        int[] partOfKey = new int[keys];
        int[] posInPart = new int[keys];
        int partCount = 0;
        for (int k = 0; k < keys; k++) {
            if (states[k].isOffline()) {
                offlineKey(session, request, cmd, states, k, step, seed);
                return true;
            }
            migrating |= states[k].isMigrating();
            BackendConnection conn = forwarder.choose(states[k], needsMaster, seed);
            int p = 0;
            while (p < partCount && conns[p] != conn) {
                p++;
            }
            if (p == partCount) {
                if (p == conns.length) {
                    int grown = Math.min(keys, p * 2);
                    conns = Arrays.copyOf(conns, grown);
                    counts = Arrays.copyOf(counts, grown);
                    sizes = Arrays.copyOf(sizes, grown);
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
        migrating |= forwarder.isMoving();
        Pending parent = session.enqueue(cmd.name(), null);
        MultiKey merge = new MultiKey(parent, kind, partOfKey, posInPart, partCount, states);
        if (partCount == 1) {
            MultiKey.Part part = merge.part(0, counts[0]);
            if (migrating) {
                int[] all = new int[keys];
                Arrays.setAll(all, k -> k);
                forwarder.forwardPart(conns[0], request, states, all, 0, keys, step, request.takeRaw(), part);
            } else {
                conns[0].send(request.takeRaw(), part);
            }
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
            if (migrating) {
                ByteBuf out = partRequest(request, Replies.buffer(16 + nameSize + sizes[p]), keysByPart, from, to, step);
                forwarder.forwardPart(conns[p], request, states, keysByPart, from, to, step, out, part);
                continue;
            }
            ByteBuf out = conns[p].beginRequest(request, 1 + counts[p] * step, sizes[p], kind == LocalCommand.MSET);
            writeKeyArgs(request, out, keysByPart, from, to, step);
            conns[p].endRequest(part);
        }
        return true;
    }

    /** Writes to {@code out} the command with the arguments of keys {@code keysByPart[from .. to)}; returns {@code out}. */
    private static ByteBuf partRequest(RespRequest request, ByteBuf out, int[] keysByPart, int from, int to, int step) {
        RespWriter.writeArrayHeader(out, 1 + (to - from) * step);
        request.writeBulkArgs(out, 0, 1);
        writeKeyArgs(request, out, keysByPart, from, to, step);
        return out;
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
    private static void offlineKey(Session session, RespRequest request, CommandSpec cmd, SlotState[] states,
            int offline, int step, int seed) {
        LocalCommand kind = cmd.local();
        int keys = states.length;
        for (int j = offline; j < keys; j++) {
            states[j].exit();
        }
        boolean writes = kind != LocalCommand.MGET && kind != LocalCommand.EXISTS;
        Forwarder forwarder = session.forwarder();
        for (int j = 0; j < offline; j++) {
            if (!writes) {
                states[j].exit();
                continue;
            }
            int first = 1 + j * step;
            int size = 32 + request.argLength(0);
            for (int s = 0; s < step; s++) {
                size += request.argLength(first + s) + 16;
            }
            ByteBuf part = Replies.buffer(size);
            RespWriter.writeArrayHeader(part, 1 + step);
            request.writeBulkArgs(part, 0, 1);
            request.writeBulkArgs(part, first, step);
            BackendConnection conn = forwarder.choose(states[j], true, seed);
            forwarder.forwardPart(conn, request, states, new int[] {j}, 0, 1, step, part, new Discarded(states[j]));
        }
        session.fail(cmd.name(), Replies.SLOT_NOT_READY);
    }

    /** A part sent only for its side effect (its command already failed): the reply is dropped. */
    private static final class Discarded implements ForwardHandler {
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

        @Override
        public void onRefused(String message) {
            slot.exit();
        }
    }
}
