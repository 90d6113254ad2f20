package io.codis.common.coordinator.etcd;

import io.codis.common.coordinator.CoordinatorException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The endpoints of an etcd address: comma-separated, {@code http://} prepended where no scheme is given. */
public final class EtcdEndpoints {
    private EtcdEndpoints() {
    }

    public static List<URI> parse(String addr) {
        List<URI> endpoints = new ArrayList<>();
        for (String part : addr == null ? new String[0] : addr.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.contains("://")) {
                entry = "http://" + entry;
            }
            while (entry.endsWith("/")) {
                entry = entry.substring(0, entry.length() - 1);
            }
            try {
                endpoints.add(URI.create(entry));
            } catch (IllegalArgumentException e) {
                throw new CoordinatorException("invalid etcd address = " + part.trim(), e);
            }
        }
        if (endpoints.isEmpty()) {
            throw new CoordinatorException("invalid etcd address = " + addr);
        }
        return endpoints;
    }
}
