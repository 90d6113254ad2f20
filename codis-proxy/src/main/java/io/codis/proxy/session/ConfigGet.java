package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.command.CommandSpec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code CONFIG GET pattern...} as an application through the proxy should read the settings: asked of
 * every group's master, answered with the first master's pairs (the masters of a product are configured
 * alike), except that {@code databases}, {@code maxclients} and {@code timeout} are the proxy's own
 * ({@code backend_number_databases}, {@code proxy_max_clients}, {@code session_recv_timeout}),
 * {@code maxmemory} is the sum over the masters (0, no limit, if any has none), and the backends'
 * passwords ({@code requirepass}, {@code masterauth}, {@code masteruser}: product_auth) are left out.
 * The original refuses CONFIG; every other subcommand still gets its refusal ({@link CommandSpec#refusedSubcommand}).
 */
final class ConfigGet {

    private static final Set<String> HIDDEN = Set.of("requirepass", "masterauth", "masteruser");

    private ConfigGet() {
    }

    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        Map<String, String> proxyOwned = proxyOwned(session.shared());
        return FanOut.toEveryMaster(session, request, cmd.name(), replies -> merge(replies, proxyOwned));
    }

    private static Map<String, String> proxyOwned(Sessions shared) {
        return Map.of("databases", Integer.toString(shared.numberDatabases),
                "maxclients", Integer.toString(shared.maxClients),
                "timeout", Long.toString(shared.config.sessionRecvTimeout().toSeconds()));
    }

    private static ByteBuf merge(RespReply[] replies, Map<String, String> proxyOwned) {
        Map<String, String> settings = new LinkedHashMap<>();
        long maxmemory = 0;
        for (int r = 0; r < replies.length; r++) {
            RespReply reply = replies[r];
            if ((reply.type() != '*' && reply.type() != '%') || reply.isNull()) {
                return null;
            }
            List<ByteBuf> elements = reply.elements();
            if (elements.size() % 2 != 0) {
                return null;
            }
            for (int i = 0; i < elements.size(); i += 2) {
                String name = Replies.bulkText(elements.get(i));
                String value = Replies.bulkText(elements.get(i + 1));
                if (name == null || value == null) {
                    return null;
                }
                name = name.toLowerCase(Locale.ROOT);
                if (name.equals("maxmemory")) {
                    maxmemory = sumOfLimits(maxmemory, value, r == 0);
                }
                if (r == 0 && !HIDDEN.contains(name)) {
                    settings.put(name, proxyOwned.getOrDefault(name, value));
                }
            }
        }
        if (settings.containsKey("maxmemory")) {
            settings.put("maxmemory", Long.toString(maxmemory));
        }
        ByteBuf out = Replies.buffer(64 + 32 * settings.size());
        if (replies[0].type() == '%') {
            RespWriter.writeMapHeader(out, settings.size());
        } else {
            RespWriter.writeArrayHeader(out, settings.size() * 2);
        }
        settings.forEach((name, value) -> {
            RespWriter.writeBulk(out, name.getBytes(StandardCharsets.ISO_8859_1));
            RespWriter.writeBulk(out, value.getBytes(StandardCharsets.ISO_8859_1));
        });
        return out;
    }

    /** maxmemory over the masters: the sum, or 0 (no limit) once any master has none. */
    private static long sumOfLimits(long sum, String value, boolean first) {
        long limit;
        try {
            limit = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return sum;
        }
        if (limit == 0 || (!first && sum == 0)) {
            return 0;
        }
        return sum + limit;
    }
}
