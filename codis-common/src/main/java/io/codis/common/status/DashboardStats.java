package io.codis.common.status;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Group;
import io.codis.common.model.Proxy;
import java.util.List;

/**
 * The parts of the dashboard's Stats JSON ({@code GET /api/topom/stats/{xauth}}) that codis-admin
 * reads: the proxies and groups with the dashboard's last sample of each.
 */
public final class DashboardStats {
    private static final TypeReference<List<Proxy>> PROXIES = new TypeReference<>() { };
    private static final TypeReference<List<Group>> GROUPS = new TypeReference<>() { };

    private final JsonNode root;
    private final List<Proxy> proxies;
    private final List<Group> groups;

    private DashboardStats(JsonNode root, List<Proxy> proxies, List<Group> groups) {
        this.root = root;
        this.proxies = proxies;
        this.groups = groups;
    }

    /** Reads {@code stats}; absent parts read as empty. */
    public static DashboardStats of(JsonNode stats) {
        JsonNode root = stats == null ? JsonCodec.readTree("{}".getBytes()) : stats;
        return new DashboardStats(root, list(root.path("proxy").path("models"), PROXIES),
                list(root.path("group").path("models"), GROUPS));
    }

    private static <T> List<T> list(JsonNode node, TypeReference<List<T>> type) {
        if (!node.isArray()) {
            return List.of();
        }
        return JsonCodec.read(JsonCodec.compact(node), type);
    }

    /** The stored proxies, by id. */
    public List<Proxy> proxies() {
        return proxies;
    }

    /** The groups, by id. */
    public List<Group> groups() {
        return groups;
    }

    /** The last sample of the proxy with {@code token}; null when there is none. */
    public StatsSample proxySample(String token) {
        return StatsSample.of(root.path("proxy").path("stats").get(token));
    }

    /** The last sample of the server at {@code addr}; null when there is none. */
    public StatsSample serverSample(String addr) {
        return StatsSample.of(root.path("group").path("stats").get(addr));
    }
}
