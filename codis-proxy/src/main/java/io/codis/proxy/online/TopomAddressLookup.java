package io.codis.proxy.online;

import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Topom;
import java.util.function.Supplier;

/**
 * Finds the product's dashboard through the coordinator ({@code /codis3/{product}/topom}), for
 * {@code codis-proxy --zookeeper|--etcd|--filesystem}: its {@code admin_addr}, or null while no
 * dashboard is running.
 */
public final class TopomAddressLookup implements Supplier<String> {
    private final Coordinator coordinator;
    private final String productName;

    public TopomAddressLookup(Coordinator coordinator, String productName) {
        this.coordinator = coordinator;
        this.productName = productName;
    }

    /**
     * @throws io.codis.common.coordinator.CoordinatorException when the coordinator cannot be read
     * @throws io.codis.common.json.JsonDecodeException when the node is not a topom
     */
    @Override
    public String get() {
        return coordinator.read(CodisPaths.topom(productName))
                .map(data -> JsonCodec.read(data, Topom.class).adminAddr())
                .orElse(null);
    }
}
