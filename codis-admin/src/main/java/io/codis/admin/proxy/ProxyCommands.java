package io.codis.admin.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.GoJsonText;
import io.codis.admin.LogLevelOption;
import io.codis.admin.RemoteCalls;
import io.codis.common.api.ProxyApi;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.SlotsFile;
import io.codis.common.log.LogLevel;
import io.codis.common.model.Slot;
import io.codis.common.rpc.ApiClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code codis-admin --proxy=ADDR [--auth=AUTH] ...}: prints a proxy's overview, or calls one of
 * its mutating routes after checking the xauth with {@code xping} ({@link ProxyApi#connect}).
 * Successful mutating commands print nothing; failures are
 * {@code call rpc {op} to proxy {addr} failed, {error}}.
 */
public final class ProxyCommands {
    private static final int MAX_SLOT_NUM = 1024;

    private final ProxyApi proxy;
    private final String auth;
    private final PrintWriter out;

    public ProxyCommands(String addr, String auth, ApiClient client, PrintWriter out) {
        this.proxy = new ProxyApi(client, addr, new RemoteCalls("proxy", addr));
        this.auth = auth == null ? "" : auth;
        this.out = out;
    }

    /** Prints the whole overview, or its {@code config}, {@code model}, {@code stats} or {@code slots} member. */
    public void overview(String member) {
        JsonNode overview = proxy.overview();
        out.println(GoJsonText.of(member == null ? overview : overview.path(member)));
        out.flush();
    }

    public void start() {
        proxy.connect(auth).start();
    }

    public void shutdown() {
        proxy.connect(auth).shutdown();
    }

    public void resetStats() {
        proxy.connect(auth).resetStats();
    }

    public void forceGc() {
        proxy.connect(auth).forceGc();
    }

    /** Sends the level as its upper-case name; an unknown level is refused before any call. */
    public void logLevel(String value) {
        LogLevel level = LogLevelOption.parse(value);
        proxy.connect(auth).logLevel(level);
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
        proxy.connect(auth).fillSlots(slots);
    }
}
