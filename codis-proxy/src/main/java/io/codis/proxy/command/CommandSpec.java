package io.codis.proxy.command;

import io.codis.common.resp.RespRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private final boolean severalKeys;
    /** Upper-case subcommands (argument 1) the proxy allows, or null when any goes. */
    private byte[][] subcommands;
    /** The refusal of another subcommand names the command alone, as the original refuses it whole. */
    private boolean refusedWhole;

    private CommandSpec(String name, AccessMode access, LocalCommand local, boolean unknown, int routingIndex,
            KeyFinder[] keys) {
        this.name = name;
        this.access = access;
        this.local = local;
        this.unknown = unknown;
        this.keys = keys;
        this.severalKeys = keys.length > 1 || (keys.length == 1 && keys[0].mayFindSeveral());
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

    /** This command, allowed only with one of {@code allowed} (upper case) as argument 1. */
    CommandSpec only(String... allowed) {
        subcommands = new byte[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            subcommands[i] = allowed[i].getBytes(StandardCharsets.US_ASCII);
        }
        return this;
    }

    /**
     * This command, allowed only with one of {@code allowed} (upper case) as argument 1, and refused
     * otherwise as the original refuses the whole command ({@code command 'CONFIG' is not allowed}).
     */
    CommandSpec onlyElseRefusedWhole(String... allowed) {
        refusedWhole = true;
        return only(allowed);
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

    /**
     * The refused subcommand's name ({@code MEMORY DOCTOR}, {@code CLIENT} without one) for a command the
     * proxy allows only with some subcommands, else null (allowed).
     */
    public String refusedSubcommand(RespRequest request) {
        if (subcommands == null) {
            return null;
        }
        if (request.argCount() < 2) {
            return name;
        }
        for (byte[] allowed : subcommands) {
            if (Ascii.equalsIgnoreCase(allowed, request.arg(1))) {
                return null;
            }
        }
        int length = request.argLength(1);
        return refusedWhole || length > RespRequest.MAX_COMMAND_NAME_LENGTH ? name
                : name + " " + request.arg(1).toString(StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    }

    /** The subcommands allowed when only some are, upper case; empty when any goes. */
    public List<String> allowedSubcommands() {
        if (subcommands == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (byte[] sub : subcommands) {
            names.add(new String(sub, StandardCharsets.US_ASCII));
        }
        return names;
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

    /**
     * Whether a request may name several keys (not split by the proxy): they must then all go where the
     * routing key goes.
     */
    public boolean hasSeveralKeys() {
        return severalKeys;
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
