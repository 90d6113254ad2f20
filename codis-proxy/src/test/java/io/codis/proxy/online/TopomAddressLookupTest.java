package io.codis.proxy.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopomAddressLookupTest {
    @TempDir
    Path root;

    @Test
    void findsTheDashboardAdminAddressOnceATopomIsStored() {
        try (Coordinator coordinator = Coordinators.open("filesystem", root.toString(), "", Duration.ofSeconds(5))) {
            TopomAddressLookup lookup = new TopomAddressLookup(coordinator, "codis-demo");
            assertThat(lookup.get()).isNull();

            coordinator.create(CodisPaths.topom("codis-demo"), ("{\"token\": \"t\", \"start_time\": \"\", \"admin_addr\":"
                    + " \"10.2.16.200:18080\", \"product_name\": \"codis-demo\", \"pid\": 1}").getBytes(StandardCharsets.UTF_8));
            assertThat(lookup.get()).isEqualTo("10.2.16.200:18080");
        }
    }
}
