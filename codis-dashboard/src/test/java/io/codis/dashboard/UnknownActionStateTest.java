package io.codis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.json.JsonCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A slot action stored in a state this version does not know: refused where it matters, never rewritten. */
class UnknownActionStateTest extends TwoRedisClusterTest {
    private static final String STORED = "{\"id\":4,\"action\":{\"index\":1,\"state\":\"moving\",\"target_id\":1}}";

    private static void assertError(HttpResponse<String> response, String cause) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(800);
        assertThat(JsonCodec.readTree(response.body().getBytes()).get("Cause").textValue()).isEqualTo(cause);
    }

    @Test
    void theSlotViewsAndTheActionRoutesRefuseItAndTheStoreKeepsIt() throws Exception {
        Cluster c = cluster("codis-unknown");
        try (Coordinator store = c.openCoordinator()) {
            store.update(CodisPaths.slot("codis-unknown", 4), STORED.getBytes(StandardCharsets.UTF_8));
        }
        c.online();
        c.ok("group/create/1");
        c.ok("group/add/1/" + redis1.addr());

        assertError(c.http.get("/topom/slots"), "slot-[4] action state is invalid");
        assertError(c.put("slots/action/remove/4"), "slot-[4] action isn't pending");
        assertError(c.put("slots/action/create/4/1"), "slot-[4] action already exists");
        assertThat(c.stats().at("/slots/4/action/state").textValue()).isEqualTo("moving");
        assertThat(c.stored(CodisPaths.slot("codis-unknown", 4))).isEqualTo(JsonCodec.readTree(STORED.getBytes()));
        assertThat(c.stats().at("/slot_action/executor").intValue()).isZero();
    }
}
