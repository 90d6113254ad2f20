package io.codis.dashboard;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static io.codis.dashboard.Cluster.doneIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.proxy.ProxyServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** A slot moving to a group that serves none yet takes the function libraries with it: FCALL works on its keys. */
class FunctionCopyTest extends TwoRedisClusterTest {

    private static final String LIBRARY = "#!lua name=moved\n"
            + "redis.register_function('moved_incr', function(keys, args) return redis.call('INCR', keys[1]) end)";

    @AfterEach
    void flushFunctions() {
        try (Jedis j1 = new Jedis("127.0.0.1", redis1.port()); Jedis j2 = new Jedis("127.0.0.1", redis2.port())) {
            j1.functionFlush();
            j2.functionFlush();
        }
    }

    @Test
    void theTargetGroupGetsTheLibrariesBeforeTheSlotMoves() throws Exception {
        Cluster c = cluster("codis-functions").online();
        c.ok("group/create/1");
        c.ok("group/add/1/" + redis1.addr());
        c.ok("group/create/2");
        c.ok("group/add/2/" + redis2.addr());
        c.ok("slots/assign", "[{\"id\": 5, \"group_id\": 1, \"action\": {}}]");
        ProxyServer proxy = c.startProxy();
        c.ok("proxy/create/" + Cluster.adminAddr(proxy));
        try (Jedis client = Cluster.client(proxy); Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            assertThat(client.functionLoad(LIBRARY)).isEqualTo("moved");
            assertThat(target.functionList()).isEmpty();

            c.ok("slots/action/create/5/2");
            c.awaitSlot(5, doneIn(2));

            assertThat(target.functionList()).hasSize(1);
            assertThat(target.functionList().get(0).getLibraryName()).isEqualTo("moved");
            assertThat(client.fcall("moved_incr", List.of(keyIn(5)), List.of())).isEqualTo(1L);
            assertThat(target.get(keyIn(5))).isEqualTo("1");
        }
    }
}
