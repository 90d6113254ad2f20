package io.codis.ha;

import io.codis.common.status.StatsSample;

/** codis-ha's classification of a proxy from the dashboard's last sample: alive, or missing, error, timeout. */
enum ProxyHealth {
    ALIVE, MISSING, ERROR, TIMEOUT;

    static ProxyHealth of(StatsSample sample) {
        if (sample == null) {
            return MISSING;
        }
        if (sample.failed()) {
            return ERROR;
        }
        if (sample.timeout() || sample.stats() == null) {
            return TIMEOUT;
        }
        return ALIVE;
    }
}
