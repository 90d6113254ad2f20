package io.codis.dashboard.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.codis.common.sentinel.SentinelVote;
import redis.clients.jedis.Jedis;

/**
 * The product's master names on a sentinel, {@code {product}-{gid}} (gid not padded), and what a
 * sentinel does with them: list, remove, monitor.
 */
final class ProductMasters {
    private final String product;
    private final SentinelVote vote;

    ProductMasters(String product) {
        this.product = product;
        this.vote = new SentinelVote(product);
    }

    String name(int gid) {
        return product + "-" + gid;
    }

    /** The entries of {@code SENTINEL MASTERS} that are the product's. */
    List<Map<String, String>> monitored(Jedis sentinel) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> master : sentinel.sentinelMasters()) {
            if (vote.gidOf(master.get("name")).isPresent()) {
                out.add(master);
            }
        }
        return out;
    }

    /** Removes every master of the product the sentinel monitors. */
    void removeAll(Jedis sentinel) {
        for (Map<String, String> master : monitored(sentinel)) {
            sentinel.sentinelRemove(master.get("name"));
        }
    }

    /** Removes the masters named, those the sentinel monitors. */
    void remove(Jedis sentinel, List<String> names) {
        for (Map<String, String> master : sentinel.sentinelMasters()) {
            if (names.contains(master.get("name"))) {
                sentinel.sentinelRemove(master.get("name"));
            }
        }
    }
}
