package io.codis.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.config.ProxyConfig;
import io.codis.common.json.JsonCodec;
import io.codis.common.testkit.Await;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.Tokens;
import io.codis.common.rpc.XAuth;
import io.codis.common.testkit.FreePorts;
import io.codis.proxy.ProxyServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyAdminApiTest {
    private static final String INVALID_XAUTH = """
            {
                "Cause": "invalid xauth, please check product name \\u0026 auth",
                "Stack": null
            }""";

    private int proxyPort;
    private ProxyServer server;
    private AdminApi api;
    private String xauth;

    @BeforeEach
    void start() {
        proxyPort = FreePorts.next();
        server = ProxyServer.start(config("product_name = \"codis-test\"\nproduct_auth = \"secret\"\n"),
                AdvertisedAddresses.ofThisHost());
        api = new AdminApi(server.adminPort());
        xauth = server.proxy().xauth();
    }

    @AfterEach
    void stop() {
        server.close();
        Logs.setLevel(LogLevel.INFO);
    }

    private ProxyConfig config(String toml) {
        return ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + proxyPort + "\"\n"
                + "admin_addr = \"127.0.0.1:0\"\n" + toml);
    }

    @Test
    void modelDescribesTheProxyWithoutIdAndWithADeterministicToken() {
        HttpResponse<String> response = api.get("/api/proxy/model");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode model = JsonCodec.readTree(response.body().getBytes());

        String adminAddr = "127.0.0.1:" + server.adminPort();
        String proxyAddr = "127.0.0.1:" + proxyPort;
        assertThat(model.get("token").textValue()).isEqualTo(Tokens.proxy("codis-test", proxyAddr, adminAddr));
        assertThat(ProxyStatsJsonTest.fieldNames(model)).containsExactly("token", "start_time", "admin_addr",
                "proto_type", "proxy_addr", "product_name", "pid", "pwd", "sys", "hostname", "datacenter");
        assertThat(model.get("admin_addr").textValue()).isEqualTo(adminAddr);
        assertThat(model.get("proxy_addr").textValue()).isEqualTo(proxyAddr);
        assertThat(model.get("proto_type").textValue()).isEqualTo("tcp4");
        assertThat(model.get("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(api.get("/proxy/model").body()).isEqualTo(response.body());
        assertThat(xauth).isEqualTo(XAuth.proxy("codis-test", "secret", model.get("token").textValue()));
    }

    @Test
    void aRestartedProxyOnTheSameAddressesHasTheSameToken() {
        String token = server.proxy().token();
        int adminPort = server.adminPort();
        server.close();
        server = ProxyServer.start(ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + proxyPort
                + "\"\nadmin_addr = \"127.0.0.1:" + adminPort + "\"\nproduct_name = \"codis-test\"\n"),
                AdvertisedAddresses.ofThisHost());
        assertThat(server.proxy().token()).isEqualTo(token);
    }

    @Test
    void hostOverridesAreAdvertisedVerbatimAndWildcardAddressesBecomeAHostAddress() {
        server.close();
        server = ProxyServer.start(config("product_name = \"codis-test\"\n").withHostAdmin("localhost:21080")
                .withHostProxy("localhost:29000"), AdvertisedAddresses.ofThisHost());
        assertThat(server.proxy().model().adminAddr()).isEqualTo("localhost:21080");
        assertThat(server.proxy().model().proxyAddr()).isEqualTo("localhost:29000");
        server.close();

        server = ProxyServer.start(ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"0.0.0.0:" + proxyPort
                + "\"\nadmin_addr = \"0.0.0.0:0\"\nproduct_name = \"codis-test\"\n"), AdvertisedAddresses.ofThisHost());
        String adminAddr = server.proxy().model().adminAddr();
        assertThat(adminAddr).endsWith(":" + server.adminPort()).doesNotStartWith("0.0.0.0").doesNotStartWith("[::]");
        assertThat(server.proxy().model().proxyAddr()).endsWith(":" + proxyPort).doesNotStartWith("0.0.0.0");
        assertThat(server.proxy().token()).isEqualTo(Tokens.proxy("codis-test", "0.0.0.0:" + proxyPort,
                "[::]:" + server.adminPort()));
    }

    @Test
    void xpingChecksTheXAuth() {
        assertThat(api.get("/api/proxy/xping/" + xauth).body()).isEqualTo("\"OK\"");
        HttpResponse<String> wrong = api.get("/api/proxy/xping/" + XAuth.proxy("codis-test", "", server.proxy().token()));
        assertThat(wrong.statusCode()).isEqualTo(800);
        assertThat(wrong.body()).isEqualTo(INVALID_XAUTH);
    }

    @Test
    void everyProtectedRouteRefusesAWrongXAuth() {
        for (String path : List.of("/api/proxy/stats/bad", "/api/proxy/stats/bad/1", "/api/proxy/slots/bad")) {
            assertThat(api.get(path).body()).as(path).isEqualTo(INVALID_XAUTH);
        }
        for (String path : List.of("/api/proxy/start/bad", "/api/proxy/stats/reset/bad", "/api/proxy/forcegc/bad",
                "/api/proxy/shutdown/bad", "/api/proxy/loglevel/bad/INFO", "/api/proxy/fillslots/bad",
                "/api/proxy/sentinels/bad", "/api/proxy/sentinels/bad/rewatch")) {
            HttpResponse<String> response = api.put(path, "");
            assertThat(response.statusCode()).as(path).isEqualTo(800);
            assertThat(response.body()).as(path).isEqualTo(INVALID_XAUTH);
        }
        assertThat(server.proxy().isClosed()).isFalse();
        assertThat(server.proxy().isOnline()).isFalse();
    }

    @Test
    void wrongMethodOrUnknownRouteIs404AndRootRedirectsToProxy() {
        assertThat(api.put("/api/proxy/model", "").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/proxy/start/" + xauth).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/proxy/nothing").body()).isEqualTo("404 page not found\n");
        HttpResponse<String> root = api.get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/proxy"));
    }

    @Test
    void statsWithoutFlagsHaveNeitherCommandsNorRuntimeAndABadMaskIsRefused() {
        JsonNode stats = JsonCodec.readTree(api.get("/api/proxy/stats/" + xauth).body().getBytes());
        assertThat(ProxyStatsJsonTest.fieldNames(stats)).containsExactly("online", "closed", "sentinels", "ops",
                "sessions", "rusage", "backend");
        assertThat(stats.get("online").booleanValue()).isFalse();
        assertThat(stats.get("closed").booleanValue()).isFalse();

        JsonNode all = JsonCodec.readTree(api.get("/api/proxy/stats/" + xauth + "/4294967295").body().getBytes());
        assertThat(all.has("runtime")).isTrue();
        JsonNode full = JsonCodec.readTree(api.get("/proxy/stats").body().getBytes());
        assertThat(full.has("runtime")).isTrue();

        HttpResponse<String> bad = api.get("/api/proxy/stats/" + xauth + "/x");
        assertThat(bad.statusCode()).isEqualTo(800);
        assertThat(bad.body()).isEqualTo("""
                {
                    "Cause": "strconv.Atoi: parsing \\"x\\": invalid syntax",
                    "Stack": null
                }""");
    }

    @Test
    void startPutsTheProxyOnlineAndIsIdempotent() {
        assertThat(api.put("/api/proxy/start/" + xauth, "").body()).isEqualTo("\"OK\"");
        assertThat(api.put("/api/proxy/start/" + xauth + "/", "").body()).isEqualTo("\"OK\"");
        JsonNode stats = JsonCodec.readTree(api.get("/api/proxy/stats/" + xauth).body().getBytes());
        assertThat(stats.get("online").booleanValue()).isTrue();
    }

    @Test
    void slotsAre1024AndReflectWhatWasFilled() {
        HttpResponse<String> filled = api.put("/api/proxy/fillslots/" + xauth, """
                [{"id": 3, "backend_addr": "127.0.0.1:6379", "backend_addr_group_id": 1, "locked": true}]""");
        assertThat(filled.body()).isEqualTo("\"OK\"");

        JsonNode slots = JsonCodec.readTree(api.get("/api/proxy/slots/" + xauth).body().getBytes());
        assertThat(slots).hasSize(1024);
        assertThat(JsonCodec.compact(slots.get(0))).isEqualTo("{\"id\":0}");
        assertThat(JsonCodec.compact(slots.get(3)))
                .isEqualTo("{\"id\":3,\"locked\":true,\"backend_addr\":\"127.0.0.1:6379\",\"backend_addr_group_id\":1}");
        assertThat(api.get("/proxy/slots").body()).isEqualTo(JsonCodec.pretty(slots));
    }

    @Test
    void fillslotsRefusesABadSlotIdAndTakesAnInvalidBodyAsNoSlots() {
        HttpResponse<String> bad = api.put("/api/proxy/fillslots/" + xauth, "[{\"id\": 1024}]");
        assertThat(bad.statusCode()).isEqualTo(800);
        assertThat(JsonCodec.readTree(bad.body().getBytes()).get("Cause").textValue()).isEqualTo("use of invalid slot id");

        HttpResponse<String> method = api.put("/api/proxy/fillslots/" + xauth, "[{\"id\": 1, \"forward_method\": 7}]");
        assertThat(JsonCodec.readTree(method.body().getBytes()).get("Cause").textValue())
                .isEqualTo("use of invalid forwarder method");

        assertThat(api.put("/api/proxy/fillslots/" + xauth, "not json").body()).isEqualTo("\"OK\"");
        assertThat(api.put("/api/proxy/fillslots/" + xauth, "").body()).isEqualTo("\"OK\"");
    }

    @Test
    void sentinelsAreKeptAndShownInStats() {
        assertThat(api.put("/api/proxy/sentinels/" + xauth,
                "{\"servers\": [\"127.0.0.1:26379\", \"127.0.0.1:26380\"], \"out_of_sync\": true}").body())
                .isEqualTo("\"OK\"");
        assertThat(api.put("/api/proxy/sentinels/" + xauth + "/rewatch", "").body()).isEqualTo("\"OK\"");
        JsonNode stats = JsonCodec.readTree(api.get("/api/proxy/stats/" + xauth).body().getBytes());
        assertThat(JsonCodec.compact(stats.get("sentinels").get("servers")))
                .isEqualTo("[\"127.0.0.1:26379\",\"127.0.0.1:26380\"]");
        // no sentinel listens there: the proxy says so (once its subscriptions failed), and switches nothing
        Await.until("the stats saying the sentinels cannot be followed", () -> JsonCodec.readTree(
                api.get("/api/proxy/stats/" + xauth).body().getBytes()).path("sentinels").path("error").asText(""),
                error -> error.startsWith("lost majority ("));
        assertThat(stats.get("sentinels").has("switched")).isFalse();

        assertThat(api.put("/api/proxy/sentinels/" + xauth, "{bad").body()).isEqualTo("\"OK\"");
        JsonNode cleared = JsonCodec.readTree(api.get("/api/proxy/stats/" + xauth).body().getBytes());
        assertThat(JsonCodec.compact(cleared.get("sentinels"))).isEqualTo("{}");
    }

    @Test
    void loglevelChangesTheLevelLiveAndRefusesUnknownNames() {
        assertThat(api.put("/api/proxy/loglevel/" + xauth + "/debug", "").body()).isEqualTo("\"OK\"");
        assertThat(Logs.level()).isEqualTo(LogLevel.DEBUG);
        assertThat(api.put("/api/proxy/loglevel/" + xauth + "/WARNING", "").body()).isEqualTo("\"OK\"");
        assertThat(Logs.level()).isEqualTo(LogLevel.WARN);

        HttpResponse<String> bad = api.put("/api/proxy/loglevel/" + xauth + "/LOUD", "");
        assertThat(bad.statusCode()).isEqualTo(800);
        assertThat(JsonCodec.readTree(bad.body().getBytes()).get("Cause").textValue()).isEqualTo("invalid loglevel");
        assertThat(Logs.level()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void forcegcAndResetAnswerOk() {
        assertThat(api.put("/api/proxy/forcegc/" + xauth, "").body()).isEqualTo("\"OK\"");
        assertThat(api.put("/api/proxy/stats/reset/" + xauth, "").body()).isEqualTo("\"OK\"");
    }

    @Test
    void shutdownClosesTheProxyAndLaterCallsAreRefused() throws InterruptedException {
        assertThat(api.put("/api/proxy/shutdown/" + xauth, "").body()).isEqualTo("\"OK\"");
        assertThat(server.proxy().isClosed()).isTrue();
        assertThat(server.proxy().awaitClosed(5000)).isTrue();

        HttpResponse<String> after = api.get("/api/proxy/xping/" + xauth);
        assertThat(after.statusCode()).isEqualTo(800);
        assertThat(JsonCodec.readTree(after.body().getBytes()).get("Cause").textValue()).isEqualTo("use of closed proxy");
        JsonNode stats = JsonCodec.readTree(api.get("/proxy/stats").body().getBytes());
        assertThat(stats.get("closed").booleanValue()).isTrue();
        assertThat(stats.get("online").booleanValue()).isFalse();
    }

    @Test
    void overviewHasVersionCompileConfigModelStatsSlotsAndNoSecret() {
        String body = api.get("/proxy").body();
        JsonNode overview = JsonCodec.readTree(body.getBytes());
        assertThat(ProxyStatsJsonTest.fieldNames(overview))
                .containsExactly("version", "compile", "config", "model", "stats", "slots");
        assertThat(overview.get("config")).isEqualTo(server.proxy().config().toJson());
        assertThat(overview.get("config").get("product_name").textValue()).isEqualTo("codis-test");
        assertThat(overview.get("stats").has("runtime")).isTrue();
        assertThat(overview.get("slots")).hasSize(1024);
        assertThat(body).doesNotContain("secret").doesNotContain("product_auth").doesNotContain("session_auth");
    }
}
