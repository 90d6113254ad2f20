package io.codis.fe.discovery;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product → dashboard map of codis-fe, with the original's reload rule: the map is rebuilt only
 * when the product list is asked for ({@code GET /list}), at most once every 5 seconds, or at once
 * when the source says it changed; lookups for forwarding use the last map. A product is therefore
 * reachable only once the list has been asked for. A failed reload leaves the map empty.
 * Entries with an empty name or dashboard are dropped.
 */
public final class ProductRoutes {
    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ProductRoutes.class);

    private final DashboardSource source;
    private final long reloadIntervalNanos;
    private Map<String, String> dashboards = Map.of();
    private long loadedAt;
    private boolean loaded;

    public ProductRoutes(DashboardSource source) {
        this(source, RELOAD_INTERVAL);
    }

    public ProductRoutes(DashboardSource source, Duration reloadInterval) {
        this.source = source;
        this.reloadIntervalNanos = reloadInterval.toNanos();
    }

    /** The product names, sorted, after reloading the map when due. */
    public synchronized List<String> reloadedNames() {
        if (!loaded || System.nanoTime() - loadedAt >= reloadIntervalNanos || source.changedSinceLoad()) {
            reload();
        }
        return dashboards.keySet().stream().sorted().toList();
    }

    /** The admin address of {@code product}'s dashboard in the last map. */
    public synchronized Optional<String> dashboardOf(String product) {
        return product == null ? Optional.empty() : Optional.ofNullable(dashboards.get(product));
    }

    private void reload() {
        Map<String, String> fresh = new HashMap<>();
        try {
            source.load().forEach((name, dashboard) -> {
                if (name != null && !name.isEmpty() && dashboard != null && !dashboard.isEmpty()) {
                    fresh.put(name, dashboard);
                }
            });
        } catch (Exception e) {
            LOG.warn("reload reverse proxy failed: {}", e.getMessage());
            fresh.clear();
        }
        dashboards = Map.copyOf(fresh);
        loadedAt = System.nanoTime();
        loaded = true;
    }
}
