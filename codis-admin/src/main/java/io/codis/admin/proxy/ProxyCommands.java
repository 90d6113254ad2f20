package io.codis.admin.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.GoJsonText;
import io.codis.admin.LogLevelOption;
import io.codis.admin.RemoteCalls;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.SlotsFile;
import io.codis.common.log.LogLevel;
import io.codis.common.model.Proxy;
import io.codis.common.model.Slot;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code codis-admin --proxy=ADDR [--auth=AUTH] ...}: reads a proxy's overview, or calls one of its
 * mutating routes after checking the xauth with {@code xping}. Successful mutating commands print
 * nothing; failures are {@code call rpc {op} to proxy {addr} failed, {error}}.
 */
public final class ProxyCommands {
    private static final int MAX_SLOT_NUM = 1024;

    private final String addr;
    private final String auth;
    private final ApiClient client;
    private final PrintWriter out;
    private final RemoteCalls calls;

    public ProxyCommands(String addr, String auth, ApiClient client, PrintWriter out) {
        this.addr = addr;
        this.auth = auth == null ? "" : auth;
        this.client = client;
        this.out = out;
        this.calls = new RemoteCalls("proxy", addr);
    }

    /** Prints the whole overview, or its {@code config}, {@code model}, {@code stats} or {@code slots} member. */
    public void overview(String member) {
        JsonNode overview = calls.call("overview", () -> client.get(ApiClient.url(addr, "/proxy"), JsonNode.class));
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
        LogLevel level = LogLevelOption.parse(value);
        String xauth = xauth();
        calls.run("loglevel", () -> client.put(ApiClient.url(addr, "/api/proxy/loglevel/" + xauth + "/" + level.name()), null));
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
        calls.run(op, () -> client.put(ApiClient.url(addr, route + xauth), body));
    }

    /** The proxy's xauth from its model's product and token and {@code --auth}, checked with {@code xping}. */
    private String xauth() {
        Proxy model = calls.call("model", () -> client.get(ApiClient.url(addr, "/api/proxy/model"), Proxy.class));
        String xauth = XAuth.proxy(model.productName(), auth, model.token());
        calls.run("xping", () -> client.get(ApiClient.url(addr, "/api/proxy/xping/" + xauth)));
        return xauth;
    }
}
