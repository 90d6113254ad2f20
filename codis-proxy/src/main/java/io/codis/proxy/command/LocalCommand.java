package io.codis.proxy.command;

/** Commands the proxy answers itself, or splits across backends, instead of forwarding them as they came. */
public enum LocalCommand {
    /** Forwarded unchanged to the backend of its routing key. */
    NONE,
    QUIT, AUTH, SELECT, HELLO, PING, INFO, SLOTSINFO, SLOTSSCAN, SLOTSMAPPING,
    TIME, ECHO, CLIENT, COMMAND, RESET,
    /** Split per backend and merged (proxy-dataplane.md "Multi-key commands"). */
    MGET, MSET, DEL, EXISTS, TOUCH, UNLINK,
    /**
     * Blocking (BLPOP, BLMOVE, BZPOPMIN, WAIT...): on a backend connection the session owns while it
     * blocks, when proxy_max_owned_conns allows; otherwise refused as the original refuses them.
     */
    BLOCKING,
    /** XREAD and XREADGROUP: forwarded as any read or write, but {@link #BLOCKING} with a BLOCK option. */
    XREAD,
    /** SCRIPT and FUNCTION: sent to the master of every group, the replies merged ({@code EveryMaster}). */
    EVERY_MASTER,
    /** The transaction commands, on a backend connection the session owns from WATCH or MULTI to EXEC or DISCARD. */
    MULTI, EXEC, DISCARD, WATCH, UNWATCH,
    /** Whole-cluster reads, sent to every group's master and merged; KEYS only with proxy_allow_keys. */
    SCAN, DBSIZE, RANDOMKEY, KEYS,
    /** Pub/sub: channels hashed to a group like keys, subscriptions on connections the session owns. */
    SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, SSUBSCRIBE, SUNSUBSCRIBE, SPUBLISH,
    /** PUBSUB: CHANNELS and NUMSUB over the groups with pub/sub on; forwarded as the original otherwise. */
    PUBSUB,
    /** CONFIG GET: the masters' settings as the proxy shows them ({@code ConfigGet}); other subcommands refused. */
    CONFIG,
    /** FLUSHDB and FLUSHALL: to every group's master with proxy_allow_flush, refused as the original otherwise. */
    FLUSH;

    /** Runs on a backend connection of the session's own ({@code proxy_max_owned_conns}), refused as the original without one. */
    public boolean needsOwnedConnection() {
        return this == BLOCKING || this == MULTI || this == EXEC || this == DISCARD || this == WATCH || this == UNWATCH
                || this == SUBSCRIBE || this == UNSUBSCRIBE || this == PSUBSCRIBE || this == PUNSUBSCRIBE || this == PUBLISH
                || this == SSUBSCRIBE || this == SUNSUBSCRIBE || this == SPUBLISH;
    }
}
