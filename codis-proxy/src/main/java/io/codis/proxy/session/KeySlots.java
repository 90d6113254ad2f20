package io.codis.proxy.session;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespRequest;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.router.Router;
import io.codis.proxy.router.SlotState;
import java.util.function.IntConsumer;

/**
 * Checks that every key of a multi-key command the proxy does not split ({@code RENAME}, {@code SMOVE},
 * {@code SINTERSTORE}, {@code EVAL}...) goes where its routing key goes: to the routing key's slot, or
 * to a slot served the same way (the same backend, the same migration source), where the backend
 * holds it as the original, which routed these by one key, relied on; and, while a slot migrates,
 * the move on access names it with the others. A session reuses its one instance (loop-confined), so a
 * check allocates nothing.
 */
final class KeySlots implements IntConsumer {

    private final Router router;
    private RespRequest request;
    private SlotState routed;
    /** The first key slot that is not served as {@link #routed}, or is held by a fill. */
    private SlotState outlier;

    KeySlots(Router router) {
        this.router = router;
    }

    /**
     * The slot of a key of {@code request} that goes elsewhere than {@code routed} (entered, online) or
     * is being filled ({@link SlotState#isHeld()}: its backend may change), else null.
     */
    SlotState outlier(RespRequest request, CommandSpec cmd, SlotState routed) {
        this.request = request;
        this.routed = routed;
        this.outlier = null;
        cmd.forEachKey(request, this);
        this.request = null;
        this.routed = null;
        return outlier;
    }

    @Override
    public void accept(int arg) {
        if (outlier != null) {
            return;
        }
        int slot = MultiKeySplit.slotOfArg(request, arg);
        if (slot == routed.id()) {
            return;
        }
        SlotState other = router.slot(slot);
        if (other.isHeld() || !servedAlike(other.slot(), routed.slot())) {
            outlier = other;
        }
    }

    /** Whether {@code other} goes where {@code routed} goes: the same backend, the same migration source. */
    static boolean servedAlike(Slot other, Slot routed) {
        return !other.backendAddr().isEmpty() && other.backendAddr().equals(routed.backendAddr())
                && other.migrateFrom().equals(routed.migrateFrom());
    }
}
