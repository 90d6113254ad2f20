package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.CommandTable;
import io.codis.proxy.command.LocalCommand;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a request through {@link CommandTable}. Until the command table is built (its stub throws
 * {@link UnsupportedOperationException}) a small stand-in with the reference's obvious entries is used.
 * TODO(command table): drop the stand-in once io.codis.proxy.command is on main.
 */
final class Commands {

    private static volatile boolean tableMissing;

    private static final Set<String> NOT_ALLOWED = Set.of("ASKING", "BGREWRITEAOF", "BGSAVE", "BITOP", "BLPOP", "BRPOP",
            "BRPOPLPUSH", "CLIENT", "CLUSTER", "CONFIG", "DBSIZE", "DEBUG", "DISCARD", "EXEC", "FLUSHALL", "FLUSHDB",
            "KEYS", "LASTSAVE", "LATENCY", "MIGRATE", "MONITOR", "MOVE", "MSETNX", "MULTI", "OBJECT", "POST",
            "PSUBSCRIBE", "PSYNC", "PUBLISH", "PUNSUBSCRIBE", "RANDOMKEY", "READONLY", "READWRITE", "RENAME",
            "RENAMENX", "REPLCONF", "RESTORE", "SAVE", "SCAN", "SCRIPT", "SHUTDOWN", "SLAVEOF", "SLOTSCHECK",
            "SLOTSDEL", "SLOTSMGRTONE", "SLOTSMGRTSLOT", "SLOTSMGRTTAGONE", "SLOTSMGRTTAGSLOT", "SLOWLOG",
            "SUBSCRIBE", "SYNC", "TIME", "UNSUBSCRIBE", "UNWATCH", "WAIT", "WATCH", "HOST:", "RESET", "REPLICAOF",
            "FAILOVER", "SWAPDB", "SSUBSCRIBE", "SUNSUBSCRIBE", "SPUBLISH", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZPOPMAX",
            "BZMPOP", "XREAD", "XREADGROUP", "FUNCTION", "MODULE", "ACL");
    private static final Set<String> READ_ONLY = Set.of("BITCOUNT", "BITPOS", "COMMAND", "DUMP", "ECHO", "EXISTS",
            "GEODIST", "GEOHASH", "GEOPOS", "GET", "GETBIT", "GETRANGE", "HEXISTS", "HGET", "HGETALL", "HKEYS", "HLEN",
            "HMGET", "HSTRLEN", "HVALS", "INFO", "LINDEX", "LLEN", "LRANGE", "MGET", "PFCOUNT", "PFSELFTEST", "PING",
            "PTTL", "PUBSUB", "ROLE", "SCARD", "SDIFF", "SINTER", "SISMEMBER", "SLOTSHASHKEY", "SMEMBERS",
            "SRANDMEMBER", "STRLEN", "SUBSTR", "SUNION", "TTL", "TYPE", "ZCARD", "ZCOUNT", "ZLEXCOUNT", "ZRANGE",
            "ZRANGEBYLEX", "ZRANGEBYSCORE", "ZRANK", "ZREVRANGE", "ZREVRANGEBYLEX", "ZREVRANGEBYSCORE", "ZREVRANK",
            "ZSCORE");
    private static final Map<String, LocalCommand> LOCAL = Map.ofEntries(Map.entry("QUIT", LocalCommand.QUIT),
            Map.entry("AUTH", LocalCommand.AUTH), Map.entry("SELECT", LocalCommand.SELECT),
            Map.entry("HELLO", LocalCommand.HELLO), Map.entry("PING", LocalCommand.PING),
            Map.entry("INFO", LocalCommand.INFO), Map.entry("SLOTSINFO", LocalCommand.SLOTSINFO),
            Map.entry("SLOTSSCAN", LocalCommand.SLOTSSCAN), Map.entry("SLOTSMAPPING", LocalCommand.SLOTSMAPPING),
            Map.entry("MGET", LocalCommand.MGET), Map.entry("MSET", LocalCommand.MSET),
            Map.entry("DEL", LocalCommand.DEL), Map.entry("EXISTS", LocalCommand.EXISTS),
            Map.entry("TOUCH", LocalCommand.TOUCH), Map.entry("UNLINK", LocalCommand.UNLINK));

    private Commands() {
    }

    /** {@code name} is the request's upper-cased command name (1..64 bytes). */
    static CommandInfo classify(RespRequest request, String name) {
        if (!tableMissing) {
            try {
                CommandSpec spec = CommandTable.lookup(request.arg(0));
                return new CommandInfo(spec.name(), spec.isNotAllowed(), spec.needsMaster(), spec.local(),
                        spec.routingKeyIndex(request));
            } catch (UnsupportedOperationException e) {
                tableMissing = true;
            }
        }
        return standIn(request, name);
    }

    private static CommandInfo standIn(RespRequest request, String name) {
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && c != ':') {
                plain = false;
                break;
            }
        }
        int keyArg = switch (name) {
            case "ZINTERSTORE", "ZUNIONSTORE", "EVAL", "EVALSHA" -> 3;
            default -> 1;
        };
        int keyIndex = request.argCount() > keyArg ? keyArg : -1;
        if (!plain) {
            return new CommandInfo(name, false, true, LocalCommand.NONE, keyIndex);
        }
        return new CommandInfo(name, NOT_ALLOWED.contains(name), !READ_ONLY.contains(name),
                LOCAL.getOrDefault(name, LocalCommand.NONE), keyIndex);
    }
}
