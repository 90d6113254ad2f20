package io.codis.common.coordinator.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorContractTest;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.coordinator.EphemeralNode;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.EtcdServer;
import io.codis.common.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on a real etcd through the v2 keys API, the API Codis 3.2 itself speaks, plus what
 * real Codis tools see of our data, TTL refresh, endpoints and v2 auth.
 */
class EtcdV2CoordinatorTest extends CoordinatorContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EtcdServer server;

    @BeforeAll
    static void startServer() {
        server = EtcdServer.builder().enableV2().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected Coordinator connect() {
        return Coordinators.open("etcd", server.addr(), "", TIMEOUT);
    }

    @Override
    protected void takeServerDown() {
        server.stop();
    }

    @Override
    protected void bringServerBack() {
        server.restart();
    }

    /** v2 values are JSON strings: any valid UTF-8 text (including NUL and control characters) round-trips. */
    @Override
    protected byte[] binarySample() {
        return bytes("{\"k\":\"v\"}\u0000\u0001\t\r\n\u007f \"quoted\" \\ & = + % ? # é ü 漢字 😀");
    }

    @Test
    void dataIsStoredAsThePlainV2ValueRealCodisToolsRead() throws Exception {
        client.create(base + "/topom", bytes("{\"token\": \"abc\", \"pid\": 42}"));

        JsonNode node = rawGet(base + "/topom").path("node");
        assertThat(node.path("key").asText()).isEqualTo(base + "/topom");
        assertThat(node.path("value").asText()).isEqualTo("{\"token\": \"abc\", \"pid\": 42}");
        JsonNode dir = rawGet(base).path("node");
        assertThat(dir.path("dir").asBoolean()).isTrue();
    }

    @Test
    void readingADirOrListingAFileFailsAsTheOriginalDoes() {
        client.update(base + "/dir/file", bytes("x"));

        assertThatThrownBy(() -> client.read(base + "/dir")).isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("etcd: not a file");
        assertThatThrownBy(() -> client.list(base + "/dir/file")).isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("etcd: not a dir");
        assertThatThrownBy(() -> client.delete(base + "/dir")).isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("not a file");
    }

    @Test
    void ephemeralKeyHasATtlThatRefreshesKeepAlive() throws Exception {
        String node = base + "/jodis/proxy-ttl";
        Duration shortTimeout = Duration.ofSeconds(2);
        try (Coordinator owner = Coordinators.open("etcd", server.addr(), "", shortTimeout);
             EphemeralNode ephemeral = owner.createEphemeral(node, bytes("x"))) {
            assertThat(rawGet(node).path("node").path("ttl").asLong()).isBetween(1L, 2L);

            pause(shortTimeout.plusMillis(800)); // the TTL has run out: only refreshes (every second) kept the key

            assertThat(text(client.readExisting(node))).isEqualTo("x");
            assertThat(ephemeral.lost()).as("refreshes are not changes").isNotDone();
        }
        assertThat(client.read(node)).isEmpty();
    }

    @Test
    void ephemeralKeyIsLostWhenARefreshFails() throws Exception {
        String node = base + "/jodis/proxy-unrefreshed";
        try (Coordinator owner = Coordinators.open("etcd", server.addr(), "", Duration.ofSeconds(1))) {
            EphemeralNode ephemeral = owner.createEphemeral(node, bytes("x"));
            server.stop();
            try {
                ephemeral.lost().get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
            } finally {
                server.restart();
            }
        }
        Await.untilPasses("the lost node gone", EVENTUALLY, () -> assertThat(client.read(node)).isEmpty());
    }

    @Test
    void unreachableEndpointsAreSkipped() {
        String addr = "127.0.0.1:" + FreePorts.next() + ", http://" + server.addr();
        try (Coordinator failover = Coordinators.open("etcd", addr, "", TIMEOUT)) {
            failover.update(base + "/via-second", bytes("ok"));
            assertThat(text(failover.readExisting(base + "/via-second"))).isEqualTo("ok");
        }
    }

    @Test
    void etcdWithoutTheV2ApiIsReportedClearly() {
        try (EtcdServer v3Only = EtcdServer.start();
             Coordinator v2 = Coordinators.open("etcd", v3Only.addr(), "", TIMEOUT)) {
            assertThatThrownBy(() -> v2.read("/codis3/demo/topom")).isInstanceOf(CoordinatorException.class)
                    .hasMessageContaining("--enable-v2");
        }
    }

    @Test
    void v2AuthAcceptsTheRightPasswordAndRejectsOthers() {
        try (EtcdServer secured = EtcdServer.builder().enableV2().start()) {
            secured.enableV2Auth("rootpw");
            try (Coordinator root = Coordinators.open("etcd", secured.addr(), "root:rootpw", TIMEOUT);
                 Coordinator wrong = Coordinators.open("etcd", secured.addr(), "root:wrong", TIMEOUT);
                 Coordinator anonymous = Coordinators.open("etcd", secured.addr(), "", TIMEOUT)) {
                root.create("/codis3/demo/topom", bytes("t"));
                assertThat(text(root.readExisting("/codis3/demo/topom"))).isEqualTo("t");

                for (Coordinator stranger : new Coordinator[] {wrong, anonymous}) {
                    assertThatThrownBy(() -> stranger.read("/codis3/demo/topom")).isInstanceOf(CoordinatorException.class)
                            .hasMessageContaining("authentication failed or permission denied");
                    assertThatThrownBy(() -> stranger.update("/codis3/demo/topom", bytes("x")))
                            .hasMessageContaining("authentication failed or permission denied");
                }
                assertThat(text(root.readExisting("/codis3/demo/topom"))).isEqualTo("t");
            }
        }
    }

    private static JsonNode rawGet(String key) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/v2/keys" + key)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
