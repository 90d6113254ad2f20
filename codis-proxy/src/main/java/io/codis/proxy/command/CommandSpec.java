package io.codis.proxy.command;

import io.codis.common.resp.RespRequest;
import java.util.function.IntConsumer;

/**
 * How the proxy treats one command: whether it is allowed, whether it must go to a master, whether
 * the proxy handles it itself, and which arguments are its keys.
 */
public final class CommandSpec {

    /** {@link #known}'s routing rule for all but the original's four argument-3 commands. */
    static final int ROUTE_BY_FIRST_KEY = 0;

    private static final KeyFinder[] NO_KEYS = {};
    private static final KeyFinder[] UNKNOWN_COMMAND_KEYS = {KeySpec.at(1)};

    private final String name;
    private final AccessMode access;
    private final LocalCommand local;
    private final boolean unknown;
    /** The routing key's argument index when it does not depend on the request's arguments, else 0. */
    private final int fixedRoutingIndex;
    private final KeyFinder[] keys;

    private CommandSpec(String name, AccessMode access, LocalCommand local, boolean unknown, int routingIndex,
            KeyFinder[] keys) {
        this.name = name;
        this.access = access;
        this.local = local;
        this.unknown = unknown;
        this.keys = keys;
        if (routingIndex != ROUTE_BY_FIRST_KEY) {
            this.fixedRoutingIndex = routingIndex;
        } else if (keys.length == 0) {
            this.fixedRoutingIndex = 1; // no key: routed by argument 1, as the original routes everything
        } else {
            this.fixedRoutingIndex = keys[0].fixedFirstKey();
        }
    }

    /**
     * A command of the table.
     *
     * @param routingIndex the routing key's argument index, or {@link #ROUTE_BY_FIRST_KEY} for the first
     *        key {@code keys} find (argument 1 when it has none)
     */
    static CommandSpec known(String name, AccessMode access, LocalCommand local, int routingIndex, KeyFinder... keys) {
        return new CommandSpec(name, access, local, false, routingIndex, keys.length == 0 ? NO_KEYS : keys.clone());
    }

    /** A command the table lacks: may write, forwarded to the master by argument 1. */
    static CommandSpec unknown(String upperCaseName) {
        return new CommandSpec(upperCaseName, AccessMode.MAY_WRITE, LocalCommand.NONE, true, 1, UNKNOWN_COMMAND_KEYS);
    }

    /** Upper-case name, as reported in stats ({@code ops.cmd[].opstr}) and in "not allowed" errors. */
    public String name() {
        return name;
    }

    /** Rejected with {@code -ERR handle request, command '{NAME}' is not allowed}. */
    public boolean isNotAllowed() {
        return access == AccessMode.NOT_ALLOWED;
    }

    /** Never served by a replica: writes, master-only (cursor) commands and unknown (may-write) commands. */
    public boolean needsMaster() {
        return access != AccessMode.READ_ONLY;
    }

    /** True for a name the table lacks (forwarded as may-write, keyed by argument 1). */
    public boolean isUnknown() {
        return unknown;
    }

    public LocalCommand local() {
        return local;
    }

    /**
     * The argument index of the key that picks the slot, or -1 when the request has no such argument
     * (it then routes as the empty key, slot 0).
     */
    public int routingKeyIndex(RespRequest request) {
        if (fixedRoutingIndex > 0) {
            return fixedRoutingIndex < request.argCount() ? fixedRoutingIndex : -1;
        }
        for (KeyFinder finder : keys) {
            int first = finder.firstKey(request);
            if (first >= 0) {
                return first;
            }
        }
        return -1;
    }

    /** Calls {@code keyIndex} with the argument index of every key of the request, in argument order. */
    public void forEachKey(RespRequest request, IntConsumer keyIndex) {
        for (KeyFinder finder : keys) {
            finder.forEachKey(request, keyIndex);
        }
    }

    @Override
    public String toString() {
        return "CommandSpec[" + name + ", " + access + (local == LocalCommand.NONE ? "" : ", " + local) + "]";
    }
}
