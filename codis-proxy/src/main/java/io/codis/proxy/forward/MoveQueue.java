package io.codis.proxy.forward;

import io.codis.proxy.backend.BackendConnection;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * The order of one session's requests while some of them move keys: a request goes to its backend
 * only after every request of the session read before it has gone (or was refused), so a target sees
 * a session's commands in the order the client sent them (a pipelined {@code SET k 1}, {@code GET k}
 * on a migrating slot: the GET never overtakes the SET). The MIGRATEs themselves are sent at once, to
 * every source in parallel: requests naming the same key name it on the same source connection, whose
 * replies come in order. Loop-confined.
 */
final class MoveQueue {

    private final ArrayDeque<KeyMove> moves = new ArrayDeque<>();
    private boolean finishing;

    /** Some request of the session waits for a MIGRATE or for one before it: later requests queue too. */
    boolean isBusy() {
        return !moves.isEmpty();
    }

    /**
     * Queues {@code request} for {@code target} behind the session's earlier requests, to go once its
     * {@code migrates} MIGRATEs (sent by the caller with the returned move as their handler) have answered.
     */
    KeyMove add(BackendConnection target, ByteBuf request, ForwardHandler handler, int migrates) {
        KeyMove move = new KeyMove(this, target, request, handler, migrates);
        moves.add(move);
        if (migrates == 0) {
            settled();
        }
        return move;
    }

    /** A move settled: forward (or refuse) the settled ones at the head, in order. */
    void settled() {
        if (finishing) {
            return;
        }
        finishing = true;
        try {
            KeyMove head;
            while ((head = moves.peek()) != null && head.isSettled()) {
                moves.poll();
                head.finish();
            }
        } finally {
            finishing = false;
        }
    }
}
