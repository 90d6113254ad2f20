package io.codis.dashboard.migrate;

import io.codis.common.config.DashboardConfig;
import java.time.Duration;

/**
 * What bounds a pass: the product's password, {@code migration_timeout}, and the batch and chunk
 * limits {@code migration_async_numkeys}, {@code migration_async_maxbytes} and
 * {@code migration_async_maxbulks}.
 */
public record MoverSettings(String auth, Duration timeout, int numKeys, long maxBytes, int maxBulks) {
    public MoverSettings {
        auth = auth == null ? "" : auth;
        if (timeout.toMillis() <= 0 || numKeys <= 0 || maxBytes <= 0 || maxBulks <= 0) {
            throw new IllegalArgumentException("timeout, numkeys, maxbytes and maxbulks must be positive");
        }
    }

    public static MoverSettings of(DashboardConfig config) {
        return new MoverSettings(config.productAuth(), config.migrationTimeout(), config.migrationAsyncNumKeys(),
                config.migrationAsyncMaxBytes(), config.migrationAsyncMaxBulks());
    }

    /** The {@code timeout} argument of {@code MIGRATE}, in ms. */
    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** The socket timeout of the pass's connections: long enough for a {@code MIGRATE} that uses its whole timeout. */
    int socketTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, 2 * timeout.toMillis() + 1000);
    }

    /** The TTL of a big key's temporary copy on the target until it is complete (3 × timeout, as Codis did). */
    long temporaryTtlMillis() {
        return 3 * timeout.toMillis();
    }
}
