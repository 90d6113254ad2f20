package io.codis.ha;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.status.StatsSample;

/**
 * codis-ha's classification of a group server from the dashboard's last sample (migration-and-ha.md
 * "codis-ha"): no sample, an error, a timeout; else the master is {@link #READY} when it replicates
 * from no one, a replica when it replicates from the group's master (the address as a string) with
 * the link {@code up}; {@link #BROKEN} with the link {@code down}; anything else {@link #SYNC_ERROR}.
 */
enum ServerHealth {
    READY("[ ] "), MISSING("[?] "), ERROR("[E] "), TIMEOUT("[T] "), SYNC_ERROR("[X] "), BROKEN("[X] ");

    final String mark;

    ServerHealth(String mark) {
        this.mark = mark;
    }

    /** Missing, error or timeout: the server does not answer. */
    boolean isDown() {
        return this == MISSING || this == ERROR || this == TIMEOUT;
    }

    static ServerHealth of(StatsSample sample, int index, String masterAddr) {
        if (sample == null) {
            return MISSING;
        }
        if (sample.failed()) {
            return ERROR;
        }
        if (sample.timeout() || sample.stats() == null) {
            return TIMEOUT;
        }
        JsonNode stats = sample.stats();
        String replicatesFrom = stats.path("master_addr").asText("");
        if (index == 0) {
            return replicatesFrom.isEmpty() ? READY : SYNC_ERROR;
        }
        if (!replicatesFrom.equals(masterAddr)) {
            return SYNC_ERROR;
        }
        return switch (stats.path("master_link_status").asText("")) {
            case "up" -> READY;
            case "down" -> BROKEN;
            default -> SYNC_ERROR;
        };
    }
}
