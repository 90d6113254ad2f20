package io.codis.admin.dashboard;

import io.codis.admin.LogLevelOption;
import io.codis.common.api.DashboardApi;
import io.codis.common.log.LogLevel;

/** {@code codis-admin --dashboard=ADDR --shutdown | --reload | --log-level=LEVEL}; they print nothing. */
public final class DashboardControl {
    private final DashboardApi dashboard;

    public DashboardControl(DashboardApi dashboard) {
        this.dashboard = dashboard;
    }

    /** {@code PUT /api/topom/shutdown/{xauth}}: the dashboard releases the lock and exits. */
    public void shutdown() {
        dashboard.shutdown();
    }

    /** {@code PUT /api/topom/reload/{xauth}}: the dashboard re-reads the coordinator. */
    public void reload() {
        dashboard.reload();
    }

    /** {@code PUT /api/topom/loglevel/{xauth}/{LEVEL}}; an unknown level is refused before any call. */
    public void logLevel(String value) {
        LogLevel level = LogLevelOption.parse(value);
        dashboard.logLevel(level);
    }
}
