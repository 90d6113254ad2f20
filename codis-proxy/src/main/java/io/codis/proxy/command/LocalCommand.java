package io.codis.proxy.command;

/** Commands the proxy answers itself, or splits across backends, instead of forwarding them as they came. */
public enum LocalCommand {
    /** Forwarded unchanged to the backend of its routing key. */
    NONE,
    QUIT, AUTH, SELECT, HELLO, PING, INFO, SLOTSINFO, SLOTSSCAN, SLOTSMAPPING,
    TIME, ECHO, CLIENT, COMMAND, RESET,
    /** Split per backend and merged (proxy-dataplane.md "Multi-key commands"). */
    MGET, MSET, DEL, EXISTS, TOUCH, UNLINK
}
