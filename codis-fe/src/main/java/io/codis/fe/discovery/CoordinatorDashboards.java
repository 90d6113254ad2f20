package io.codis.fe.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboards a coordinator knows: each product under {@code /codis3} whose lock node
 * {@code /codis3/{product}/topom} exists (a dashboard runs), with that node's {@code admin_addr}.
 * A product whose lock cannot be read or decoded is logged and left out.
 */
public final class CoordinatorDashboards implements DashboardSource {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorDashboards.class);

    private final Coordinator coordinator;

    public CoordinatorDashboards(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public Map<String, String> load() {
        Map<String, String> dashboards = new LinkedHashMap<>();
        for (String path : coordinator.list(CodisPaths.ROOT)) {
            String product = path.substring(path.lastIndexOf('/') + 1);
            adminAddr(product).ifPresent(addr -> dashboards.put(product, addr));
        }
        return dashboards;
    }

    private Optional<String> adminAddr(String product) {
        Optional<byte[]> lock;
        try {
            lock = coordinator.read(CodisPaths.topom(product));
        } catch (RuntimeException e) {
            LOG.warn("read topom of product {} failed: {}", product, e.getMessage());
            return Optional.empty();
        }
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode topom = JsonCodec.readTree(lock.get());
            return Optional.of(topom.path("admin_addr").asText(""));
        } catch (RuntimeException e) {
            LOG.warn("decode json of product {} failed: {}", product, e.getMessage());
            return Optional.empty();
        }
    }
}
