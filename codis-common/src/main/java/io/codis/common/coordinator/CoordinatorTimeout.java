package io.codis.common.coordinator;

import java.time.Duration;

/** The session / operation timeout of a coordinator client: 5 s when none (null, zero or negative) is given. */
public final class CoordinatorTimeout {
    public static final Duration DEFAULT = Duration.ofSeconds(5);

    private CoordinatorTimeout() {
    }

    public static Duration orDefault(Duration timeout) {
        return timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT : timeout;
    }

    /** The timeout in whole seconds, rounded up, at least 1: the TTL of an etcd ephemeral node. */
    public static long ttlSeconds(Duration timeout) {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
