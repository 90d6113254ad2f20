package io.codis.fe.discovery;

import java.util.Map;

/** Where codis-fe learns the dashboards: a dashboard list file or a coordinator. */
public interface DashboardSource {

    /** Product name → dashboard admin address, as the source states it now; fails when it cannot be read. */
    Map<String, String> load() throws Exception;

    /** Whether the source changed since the last {@link #load()}, so that a reload is due at once. */
    default boolean changedSinceLoad() {
        return false;
    }
}
