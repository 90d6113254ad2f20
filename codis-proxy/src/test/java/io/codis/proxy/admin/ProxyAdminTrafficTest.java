package io.codis.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.config.ProxyConfig;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Slot;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import io.codis.proxy.ProxyServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** The admin API driving a real data plane in front of a real redis-server. */
class ProxyAdminTrafficTest {
    private RedisServer redis;
    private ProxyServer server;
    private AdminApi api;
    private String xauth;
    private int proxyPort;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        proxyPort = FreePorts.next();
        server = ProxyServer.start(ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + proxyPort
                + "\"\nadmin_addr = \"127.0.0.1:0\"\n"), AdvertisedAddresses.ofThisHost());
        api = new AdminApi(server.adminPort());
        xauth = server.proxy().xauth();
    }

    @AfterEach
    void stop() {
        server.close();
        redis.close();
    }

    @Test
    void clientsAreRefusedUntilStartThenServedThroughTheFilledSlots() {
        try (Jedis early = new Jedis("127.0.0.1", proxyPort)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(early::ping))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("router is not online");
        }
        assertThat(api.put("/api/proxy/fillslots/" + xauth, JsonCodec.pretty(allSlotsTo(redis.addr()))).body())
                .isEqualTo("\"OK\"");
        assertThat(api.put("/api/proxy/start/" + xauth, "").body()).isEqualTo("\"OK\"");

        try (Jedis client = new Jedis("127.0.0.1", proxyPort)) {
            assertThat(client.set("k1", "v1")).isEqualTo("OK");
            assertThat(client.get("k1")).isEqualTo("v1");
            assertThat(client.get("k2")).isNull();
        }
        try (Jedis direct = new Jedis("127.0.0.1", redis.port())) {
            assertThat(direct.get("k1")).isEqualTo("v1");
        }

        JsonNode stats = stats("/1");
        assertThat(stats.get("online").booleanValue()).isTrue();
        assertThat(stats.get("ops").get("total").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(stats.get("sessions").get("total").longValue()).isGreaterThanOrEqualTo(1);
        List<String> commands = new ArrayList<>();
        stats.get("ops").get("cmd").forEach(cmd -> commands.add(cmd.get("opstr").textValue()));
        assertThat(commands).contains("GET", "SET").isSorted();
        JsonNode get = find(stats.get("ops").get("cmd"), "GET");
        assertThat(get.get("calls").longValue()).isEqualTo(2);

        JsonNode slot = JsonCodec.readTree(api.get("/api/proxy/slots/" + xauth).body().getBytes()).get(5);
        assertThat(slot.get("backend_addr").textValue()).isEqualTo(redis.addr());

        assertThat(api.put("/api/proxy/stats/reset/" + xauth, "").body()).isEqualTo("\"OK\"");
        JsonNode reset = stats("/1");
        assertThat(reset.get("ops").get("total").longValue()).isZero();
        assertThat(reset.get("ops").has("cmd")).isFalse();
    }

    private JsonNode stats(String flags) {
        return JsonCodec.readTree(api.get("/api/proxy/stats/" + xauth + flags).body().getBytes());
    }

    private static JsonNode find(JsonNode commands, String name) {
        for (JsonNode command : commands) {
            if (command.get("opstr").textValue().equals(name)) {
                return command;
            }
        }
        throw new AssertionError("no " + name + " in " + commands);
    }

    static List<Slot> allSlotsTo(String addr) {
        List<Slot> slots = new ArrayList<>();
        for (int id = 0; id < 1024; id++) {
            slots.add(new Slot(id, false, addr, 1, "", 0, Slot.FORWARD_SYNC, List.of()));
        }
        return slots;
    }
}
