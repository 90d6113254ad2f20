package io.codis.admin.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.api.DashboardApi;
import io.codis.common.api.ProxyApi;
import io.codis.common.cli.FatalError;
import io.codis.common.slot.SlotHash;
import java.util.Optional;

/**
 * What an import writes to, as one proxy sees the cluster: the master of each slot (snapshot keys
 * are restored there directly, since the proxy refuses {@code RESTORE}), the proxy's data address
 * (the stream's commands go through it) and its {@code backend_number_databases}.
 */
public record ClusterView(Address[] slotMasters, Address proxy, int databases) {

    /** The view of the proxy {@code proxyApi}: every slot must be online and none migrating. */
    public static ClusterView ofProxy(ProxyApi proxyApi) {
        JsonNode overview = proxyApi.overview();
        Address proxy = Address.parse("proxy_addr", overview.path("model").path("proxy_addr").asText());
        int databases = Math.max(1, overview.path("config").path("backend_number_databases").asInt(16));
        Address[] masters = new Address[SlotHash.SLOT_COUNT];
        for (JsonNode slot : overview.path("slots")) {
            int sid = slot.path("id").asInt();
            if (!slot.path("migrate_from").asText().isEmpty()) {
                throw new FatalError("slot-[" + sid + "] is migrating, wait for the migration to finish");
            }
            String master = slot.path("backend_addr").asText();
            if (SlotHash.isValidSlot(sid) && !master.isEmpty()) {
                masters[sid] = Address.parse("backend_addr", master);
            }
        }
        for (int sid = 0; sid < masters.length; sid++) {
            if (masters[sid] == null) {
                throw new FatalError("slot-[" + sid + "] is offline, assign every slot to a group before --import");
            }
        }
        return new ClusterView(masters, proxy, databases);
    }

    /**
     * Why the slots of {@code proxyApi}'s view are no longer the ones this view writes to (a slot
     * migrating or on another master), or empty: snapshot keys restored on a slot's old master after
     * it moved would not be seen through the proxies.
     */
    public Optional<String> changeIn(ProxyApi proxyApi) {
        for (JsonNode slot : proxyApi.overview().path("slots")) {
            int sid = slot.path("id").asInt();
            if (!SlotHash.isValidSlot(sid)) {
                continue;
            }
            if (!slot.path("migrate_from").asText().isEmpty()) {
                return Optional.of("slot-[" + sid + "] started migrating");
            }
            String master = slot.path("backend_addr").asText();
            if (!master.equals(slotMasters[sid].toString())) {
                return Optional.of("slot-[" + sid + "] moved from " + slotMasters[sid] + " to " + (master.isEmpty() ? "offline" : master));
            }
        }
        return Optional.empty();
    }

    /** The admin address of the first proxy of the dashboard's product. */
    public static String firstProxyAdmin(DashboardApi dashboard) {
        for (JsonNode proxy : dashboard.overview().path("stats").path("proxy").path("models")) {
            String admin = proxy.path("admin_addr").asText();
            if (!admin.isEmpty()) {
                return admin;
            }
        }
        throw new FatalError("the dashboard has no proxy, add one with --create-proxy before --import");
    }

    Address masterOf(byte[] key) {
        return slotMasters[SlotHash.slotOf(key)];
    }

    void checkDb(int db) {
        if (db >= databases) {
            throw new FatalError("DB " + db + " cannot be imported: the proxy serves DB [0," + databases
                    + ") (backend_number_databases)");
        }
    }
}
