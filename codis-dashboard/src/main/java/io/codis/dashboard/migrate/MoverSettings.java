package io.codis.dashboard.migrate;

import io.codis.common.config.DashboardConfig;
import io.codis.common.model.Slot;
import java.time.Duration;

/**
 * What bounds a pass: the product's password, {@code migration_timeout}, and the batch and chunk
 * limits {@code migration_async_numkeys}, {@code migration_async_maxbytes} and
 * {@code migration_async_maxbulks}. {@code migration_method} chooses the batches as the original's
 * executors did (migration-and-ha.md "Moving the data"): {@code sync} moves one hash tag's keys per
 * {@code MIGRATE} with the whole timeout, {@code semi-async} batches of up to {@code numKeys} keys
 * with a {@code MIGRATE} timeout of at most {@value #SEMI_ASYNC_MAX_MIGRATE_MILLIS} ms.
 *
 * @param oneTagPerBatch the {@code sync} method
 */
public record MoverSettings(String auth, Duration timeout, int numKeys, long maxBytes, int maxBulks,
        boolean oneTagPerBatch) {
    static final long SEMI_ASYNC_MAX_MIGRATE_MILLIS = 5000;

    /** Settings of the {@code semi-async} method. */
    public MoverSettings(String auth, Duration timeout, int numKeys, long maxBytes, int maxBulks) {
        this(auth, timeout, numKeys, maxBytes, maxBulks, false);
    }

    public MoverSettings {
        auth = auth == null ? "" : auth;
        if (timeout.toMillis() <= 0 || numKeys <= 0 || maxBytes <= 0 || maxBulks <= 0) {
            throw new IllegalArgumentException("timeout, numkeys, maxbytes and maxbulks must be positive");
        }
    }

    public static MoverSettings of(DashboardConfig config) {
        return new MoverSettings(config.productAuth(), config.migrationTimeout(), config.migrationAsyncNumKeys(),
                config.migrationAsyncMaxBytes(), config.migrationAsyncMaxBulks(),
                config.migrationForwardMethod() == Slot.FORWARD_SYNC);
    }

    /** The {@code timeout} argument of {@code MIGRATE}, in ms. */
    int timeoutMillis() {
        long millis = oneTagPerBatch ? timeout.toMillis() : Math.min(SEMI_ASYNC_MAX_MIGRATE_MILLIS, timeout.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, millis);
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
