package io.codis.common.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.log.LogLevel;
import io.codis.common.model.SlotMapping;
import io.codis.common.model.Topom;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP API of one dashboard (dashboard-api.md) at its admin address, as codis-admin, codis-fe
 * and codis-ha call it. Before the first route that needs the xauth it reads the dashboard's model,
 * computes the xauth of its product name and checks it with {@code xping}, as the original's tools
 * do; {@link #connect()} does that step alone. Each call is run through the {@link ApiCalls} given,
 * named as the original names it ({@code model}, {@code xping}, {@code group-add}, ...).
 * Thread-safe.
 */
public final class DashboardApi {
    private static final TypeReference<Map<String, Integer>> PLAN = new TypeReference<>() { };

    private final ApiClient client;
    private final String addr;
    private final ApiCalls calls;
    private volatile String xauth;

    public DashboardApi(ApiClient client, String addr, ApiCalls calls) {
        this.client = client;
        this.addr = addr;
        this.calls = calls;
    }

    /** Reads the model and checks the xauth with {@code xping}, once. */
    public DashboardApi connect() {
        if (xauth == null) {
            String candidate = XAuth.dashboard(model().productName());
            calls.run("xping", () -> client.get(ApiClient.url(addr, "/api/topom/xping/" + candidate)));
            xauth = candidate;
        }
        return this;
    }

    /** {@code GET /api/topom/model}. */
    public Topom model() {
        return calls.call("model", () -> client.get(ApiClient.url(addr, "/api/topom/model"), Topom.class));
    }

    /** {@code GET /topom}: the whole overview (after {@link #connect()}, as codis-admin does). */
    public JsonNode overview() {
        connect();
        return calls.call("overview", () -> client.get(ApiClient.url(addr, "/topom"), JsonNode.class));
    }

    /** {@code GET /api/topom/stats/{xauth}}. */
    public JsonNode stats() {
        String url = url("stats");
        return calls.call("stats", () -> client.get(url, JsonNode.class));
    }

    /** {@code GET /api/topom/slots/{xauth}}: the 1024 slots as proxies see them. */
    public JsonNode slots() {
        String url = url("slots");
        return calls.call("slots", () -> client.get(url, JsonNode.class));
    }

    /** {@code PUT /api/topom/shutdown/{xauth}}: the dashboard releases its lock and exits. */
    public void shutdown() {
        put("shutdown", null, "shutdown");
    }

    /** {@code PUT /api/topom/reload/{xauth}}: the dashboard re-reads the coordinator. */
    public void reload() {
        put("reload", null, "reload");
    }

    /** {@code PUT /api/topom/loglevel/{xauth}/{LEVEL}}. */
    public void logLevel(LogLevel level) {
        put("loglevel", null, "loglevel", level.name());
    }

    /** {@code PUT /api/topom/proxy/create/{xauth}/{addr}}: add the proxy whose admin address is {@code proxyAddr}. */
    public void createProxy(String proxyAddr) {
        put("create-proxy", null, "proxy/create", proxyAddr);
    }

    /** {@code PUT /api/topom/proxy/online/{xauth}/{addr}}: add or re-add that proxy. */
    public void onlineProxy(String proxyAddr) {
        put("online-proxy", null, "proxy/online", proxyAddr);
    }

    /** {@code PUT /api/topom/proxy/remove/{xauth}/{token}/{0|1}}. */
    public void removeProxy(String token, boolean force) {
        put("remove-proxy", null, "proxy/remove", token, force ? 1 : 0);
    }

    /** {@code PUT /api/topom/proxy/reinit/{xauth}/{token}}. */
    public void reinitProxy(String token) {
        put("reinit-proxy", null, "proxy/reinit", token);
    }

    /** {@code PUT /api/topom/group/create/{xauth}/{gid}}. */
    public void createGroup(int gid) {
        put("create-group", null, "group/create", gid);
    }

    /** {@code PUT /api/topom/group/remove/{xauth}/{gid}}. */
    public void removeGroup(int gid) {
        put("remove-group", null, "group/remove", gid);
    }

    /** {@code PUT /api/topom/group/resync/{xauth}/{gid}}: push the group's slots to every proxy again. */
    public void resyncGroup(int gid) {
        put("resync-group", null, "group/resync", gid);
    }

    /** {@code PUT /api/topom/group/add/{xauth}/{gid}/{addr}[/{datacenter}]} (no datacenter when null or empty). */
    public void addServer(int gid, String serverAddr, String datacenter) {
        if (datacenter == null || datacenter.isEmpty()) {
            put("group-add", null, "group/add", gid, serverAddr);
        } else {
            put("group-add", null, "group/add", gid, serverAddr, datacenter);
        }
    }

    /** {@code PUT /api/topom/group/del/{xauth}/{gid}/{addr}}. */
    public void deleteServer(int gid, String serverAddr) {
        put("group-del", null, "group/del", gid, serverAddr);
    }

    /** {@code PUT /api/topom/group/replica-groups/{xauth}/{gid}/{addr}/{1|0}}. */
    public void replicaGroups(int gid, String serverAddr, boolean enable) {
        put("replica-groups", null, "group/replica-groups", gid, serverAddr, enable ? 1 : 0);
    }

    /** {@code PUT /api/topom/group/promote/{xauth}/{gid}/{addr}}: make the replica {@code serverAddr} the master. */
    public void promoteServer(int gid, String serverAddr) {
        put("promote-server", null, "group/promote", gid, serverAddr);
    }

    /** {@code PUT /api/topom/group/action/create/{xauth}/{addr}}: queue the server's SLAVEOF. */
    public void createSyncAction(String serverAddr) {
        put("sync-action", null, "group/action/create", serverAddr);
    }

    /** {@code PUT /api/topom/group/action/remove/{xauth}/{addr}}. */
    public void removeSyncAction(String serverAddr) {
        put("sync-action", null, "group/action/remove", serverAddr);
    }

    /** {@code PUT /api/topom/sentinels/add/{xauth}/{addr}}. */
    public void addSentinel(String sentinelAddr) {
        put("sentinel-add", null, "sentinels/add", sentinelAddr);
    }

    /** {@code PUT /api/topom/sentinels/del/{xauth}/{addr}/{1|0}}. */
    public void deleteSentinel(String sentinelAddr, boolean force) {
        put("sentinel-del", null, "sentinels/del", sentinelAddr, force ? 1 : 0);
    }

    /** {@code PUT /api/topom/sentinels/resync-all/{xauth}}. */
    public void resyncSentinels() {
        put("sentinel-resync", null, "sentinels/resync-all");
    }

    /** {@code PUT /api/topom/slots/assign/{xauth}} (or {@code .../offline}) with {@code slots}. */
    public void assignSlots(List<SlotMapping> slots, boolean offline) {
        if (offline) {
            put("slots-assign", slots, "slots/assign", "offline");
        } else {
            put("slots-assign", slots, "slots/assign");
        }
    }

    /** {@code PUT /api/topom/slots/action/create/{xauth}/{sid}/{gid}}. */
    public void createSlotAction(int sid, int gid) {
        put("slot-action", null, "slots/action/create", sid, gid);
    }

    /** {@code PUT /api/topom/slots/action/remove/{xauth}/{sid}}. */
    public void removeSlotAction(int sid) {
        put("slot-action", null, "slots/action/remove", sid);
    }

    /** {@code PUT /api/topom/slots/action/create-some/{xauth}/{from}/{to}/{num}}. */
    public void createSomeSlotActions(int from, int to, int numSlots) {
        put("slot-action", null, "slots/action/create-some", from, to, numSlots);
    }

    /** {@code PUT /api/topom/slots/action/create-range/{xauth}/{beg}/{end}/{gid}}. */
    public void createSlotActionRange(int beg, int end, int gid) {
        put("slot-action", null, "slots/action/create-range", beg, end, gid);
    }

    /** {@code PUT /api/topom/slots/action/interval/{xauth}/{value}}: microseconds between migration steps. */
    public void slotActionInterval(int value) {
        put("slot-action", null, "slots/action/interval", value);
    }

    /** {@code PUT /api/topom/slots/action/disabled/{xauth}/{1|0}}. */
    public void slotActionDisabled(boolean disabled) {
        put("slot-action", null, "slots/action/disabled", disabled ? 1 : 0);
    }

    /** {@code PUT /api/topom/slots/rebalance/{xauth}/{0|1}}: the plan, {@code {"<sid>": gid}}, created as actions with confirm. */
    public Map<String, Integer> rebalance(boolean confirm) {
        String url = url("slots/rebalance", confirm ? 1 : 0);
        return calls.call("slots-rebalance", () -> client.put(url, null, PLAN));
    }

    /** {@code PUT /api/topom/{route}/{xauth}/{params...}} with {@code body} (none when null). */
    private void put(String op, Object body, String route, Object... params) {
        String url = url(route, params);
        calls.run(op, () -> client.put(url, body));
    }

    private String url(String route, Object... params) {
        connect();
        StringJoiner path = new StringJoiner("/", "/api/topom/" + route + "/", "");
        path.add(xauth);
        for (Object param : params) {
            path.add(String.valueOf(param));
        }
        return ApiClient.url(addr, path.toString());
    }
}
