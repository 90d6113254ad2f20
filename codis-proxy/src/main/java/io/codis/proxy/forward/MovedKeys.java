package io.codis.proxy.forward;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespRequest;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.router.Router;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The keys of one request that one MIGRATE moves, as argument indexes in the client's order, each key
 * once: MIGRATE answers BUSYKEY for a key named twice (after moving it). A session reuses its one
 * instance for request after request (loop-confined), so collecting keys allocates nothing once its
 * arrays have grown.
 */
final class MovedKeys implements IntConsumer {

    /** Up to this many keys a repeat is looked for by scanning; beyond, in a hash table. */
    private static final int SCAN_LIMIT = 16;

    private final Router router;
    private RespRequest request;
    private ByteBuf buf;
    private int[] args = new int[SCAN_LIMIT];
    private int count;
    /** Open addressing over positions + 1 in {@link #args} (0 = empty), while count > SCAN_LIMIT. */
    private int[] table;
    /** The slot the request is routed by, while {@link #collect} runs. */
    private SlotState routed;

    MovedKeys(Router router) {
        this.router = router;
    }

    /**
     * Collects the keys {@code cmd} names in {@code request} that are in slot {@code routed} (migrating)
     * or in another slot migrating from the same source to the same target: the keys its MIGRATE moves.
     */
    void collect(RespRequest request, CommandSpec cmd, SlotState routed) {
        reset(request);
        this.routed = routed;
        cmd.forEachKey(request, this);
        this.routed = null;
    }

    /** Forgets the keys collected so far: the next ones are arguments of {@code request}. */
    void reset(RespRequest request) {
        this.request = request;
        this.buf = request.argBuffer();
        this.count = 0;
        this.table = null;
    }

    @Override
    public void accept(int arg) {
        int slot = SlotHash.slotOf(buf, request.argIndex(arg), request.argLength(arg));
        if (slot == routed.id() || sameMove(router.slot(slot), routed.slot())) {
            add(arg);
        }
    }

    private static boolean sameMove(SlotState other, Slot routed) {
        Slot slot = other.slot();
        return other.isMigrating() && slot.migrateFrom().equals(routed.migrateFrom())
                && slot.backendAddr().equals(routed.backendAddr());
    }

    /** Adds argument {@code arg} unless the same key was added already. */
    void add(int arg) {
        if (table == null) {
            for (int i = 0; i < count; i++) {
                if (sameKey(args[i], arg)) {
                    return;
                }
            }
            append(arg);
            if (count > SCAN_LIMIT) {
                rebuildTable();
            }
            return;
        }
        int mask = table.length - 1;
        int at = hash(arg) & mask;
        for (; table[at] != 0; at = (at + 1) & mask) {
            if (sameKey(args[table[at] - 1], arg)) {
                return;
            }
        }
        append(arg);
        table[at] = count;
        if (count * 2 > table.length) {
            rebuildTable();
        }
    }

    int count() {
        return count;
    }

    /** The collected argument indexes: {@code args()[0 .. count())}. */
    int[] args() {
        return args;
    }

    private void append(int arg) {
        if (count == args.length) {
            args = Arrays.copyOf(args, count * 2);
        }
        args[count++] = arg;
    }

    private void rebuildTable() {
        table = new int[Integer.highestOneBit(count * 4 - 1) << 1];
        int mask = table.length - 1;
        for (int i = 0; i < count; i++) {
            int at = hash(args[i]) & mask;
            while (table[at] != 0) {
                at = (at + 1) & mask;
            }
            table[at] = i + 1;
        }
    }

    private boolean sameKey(int a, int b) {
        int length = request.argLength(a);
        return length == request.argLength(b) && ByteBufUtil.equals(buf, request.argIndex(a), buf, request.argIndex(b), length);
    }

    private int hash(int arg) {
        int from = request.argIndex(arg);
        int to = from + request.argLength(arg);
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf.getByte(i);
        }
        return h ^ (h >>> 16);
    }
}
