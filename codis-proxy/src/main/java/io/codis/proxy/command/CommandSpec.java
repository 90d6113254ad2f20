package io.codis.proxy.command;

import io.codis.common.resp.RespRequest;
import java.util.function.IntConsumer;

/**
 * How the proxy treats one command: whether it is allowed, whether it must go to a master, whether
 * the proxy handles it itself, and which arguments are its keys.
 */
public final class CommandSpec {

    private CommandSpec() {
        throw new UnsupportedOperationException("the command table is not built yet");
    }

    /** Upper-case name, as reported in stats ({@code ops.cmd[].opstr}) and in "not allowed" errors. */
    public String name() {
        throw new UnsupportedOperationException();
    }

    /** Rejected with {@code -ERR handle request, command '{NAME}' is not allowed}. */
    public boolean isNotAllowed() {
        throw new UnsupportedOperationException();
    }

    /** Never served by a replica: writes, master-only (cursor) commands and unknown (may-write) commands. */
    public boolean needsMaster() {
        throw new UnsupportedOperationException();
    }

    public LocalCommand local() {
        throw new UnsupportedOperationException();
    }

    /**
     * The argument index of the key that picks the slot, or -1 when the request has no such argument
     * (it then routes as the empty key, slot 0).
     */
    public int routingKeyIndex(RespRequest request) {
        throw new UnsupportedOperationException();
    }

    /** Calls {@code keyIndex} with the argument index of every key of the request, in argument order. */
    public void forEachKey(RespRequest request, IntConsumer keyIndex) {
        throw new UnsupportedOperationException();
    }
}
