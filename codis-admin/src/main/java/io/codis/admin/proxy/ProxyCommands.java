package io.codis.admin.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.GoJsonText;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.SlotsFile;
import io.codis.common.log.LogLevel;
import io.codis.common.model.Proxy;
import io.codis.common.model.Slot;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.RpcException;
import io.codis.common.rpc.XAuth;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code codis-admin --proxy=ADDR [--auth=AUTH] ...}: reads a proxy's overview, or calls one of its
 * mutating routes after checking the xauth with {@code xping}. Successful mutating commands print
 * nothing; failures are {@code call rpc {op} to proxy {addr} failed, {error}}.
 */
public final class ProxyCommands {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommands.class);
    private static final int MAX_SLOT_NUM = 1024;

    private final String addr;
    private final String auth;
    private final ApiClient client;
    private final PrintWriter out;

    public ProxyCommands(String addr, String auth, ApiClient client, PrintWriter out) {
        this.addr = addr;
        this.auth = auth == null ? "" : auth;
        this.client = client;
        this.out = out;
    }

    /** Prints the whole overview, or its {@code config}, {@code model}, {@code stats} or {@code slots} member. */
    public void overview(String member) {
        JsonNode overview = call("overview", () -> client.get(ApiClient.url(addr, "/proxy"), JsonNode.class));
        out.println(GoJsonText.of(member == null ? overview : overview.path(member)));
        out.flush();
    }

    public void start() {
        put("start", "/api/proxy/start/", null);
    }

    public void shutdown() {
        put("shutdown", "/api/proxy/shutdown/", null);
    }

    public void resetStats() {
        put("resetstats", "/api/proxy/stats/reset/", null);
    }

    public void forceGc() {
        put("forcegc", "/api/proxy/forcegc/", null);
    }

    /** Sends the level as its upper-case name; an unknown level is refused before any call. */
    public void logLevel(String value) {
        LogLevel level = LogLevel.parse(value).orElseThrow(() -> new FatalError("option --log-level = " + value));
        String xauth = xauth();
        call("loglevel", () -> {
            client.put(ApiClient.url(addr, "/api/proxy/loglevel/" + xauth + "/" + level.name()), null);
            return null;
        });
    }

    /** Fills the slots of {@code file} (a JSON array of slots), all locked with {@code locked}. */
    public void fillSlots(Path file, boolean locked) {
        List<Slot> slots = SlotsFile.read(file);
        if (locked) {
            slots = slots.stream().map(slot -> slot.withLocked(true)).toList();
        }
        for (Slot slot : slots) {
            if (slot.id() < 0 || slot.id() >= MAX_SLOT_NUM) {
                throw new FatalError("invalid slot id = " + slot.id());
            }
        }
        put("fillslots", "/api/proxy/fillslots/", slots);
    }

    private void put(String op, String route, Object body) {
        String xauth = xauth();
        call(op, () -> {
            client.put(ApiClient.url(addr, route + xauth), body);
            return null;
        });
    }

    /** The proxy's xauth from its model's product and token and {@code --auth}, checked with {@code xping}. */
    private String xauth() {
        Proxy model = call("model", () -> client.get(ApiClient.url(addr, "/api/proxy/model"), Proxy.class));
        String xauth = XAuth.proxy(model.productName(), auth, model.token());
        call("xping", () -> {
            client.get(ApiClient.url(addr, "/api/proxy/xping/" + xauth));
            return null;
        });
        return xauth;
    }

    private <T> T call(String op, RemoteCall<T> remote) {
        LOG.debug("call rpc {} to proxy {}", op, addr);
        try {
            T result = remote.run();
            LOG.debug("call rpc {} to proxy {} OK", op, addr);
            return result;
        } catch (RpcException e) {
            throw new FatalError("call rpc " + op + " to proxy " + addr + " failed, " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RemoteCall<T> {
        T run();
    }
}
