package io.codis.admin.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.AdminConsole;
import io.codis.common.config.ProxyConfig;
import io.codis.common.json.JsonCodec;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.model.Slot;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.testkit.FreePorts;
import io.codis.proxy.ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codis-admin --proxy=ADDR ...} against a real proxy started in this JVM: printed text and exit codes. */
class ProxyCommandsTest {
    @TempDir
    Path dir;

    private ProxyServer server;
    private String addr;
    private final AdminConsole console = new AdminConsole();

    @BeforeEach
    void start() {
        server = ProxyServer.start(ProxyConfig.parse("product_name = \"codis-admin-test\"\nproduct_auth = \"pass\"\n"
                + "proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + FreePorts.next()
                + "\"\nadmin_addr = \"127.0.0.1:0\"\n"), AdvertisedAddresses.ofThisHost());
        addr = "127.0.0.1:" + server.adminPort();
    }

    @AfterEach
    void stop() {
        server.close();
        Logs.configure(null, LogLevel.INFO);
    }

    private int admin(String... args) {
        return console.run(args);
    }

    @Test
    void withoutSubCommandPrintsTheWholeOverviewIndentedWithFourSpaces() {
        assertThat(admin("--proxy=" + addr)).isZero();
        String printed = console.out();
        assertThat(printed).startsWith("{\n    \"version\": ").endsWith("}\n");
        JsonNode overview = JsonCodec.readTree(printed.getBytes());
        assertThat(overview.get("model").get("token").textValue()).isEqualTo(server.proxy().token());
        assertThat(overview.get("slots")).hasSize(1024);
    }

    @Test
    void eachMemberOfTheOverviewPrintsAlone() {
        assertThat(admin("--proxy=" + addr, "model")).isZero();
        assertThat(console.out()).isEqualTo(JsonCodec.pretty(server.proxy().model()) + "\n");

        assertThat(admin("--proxy=" + addr, "config")).isZero();
        assertThat(console.out()).isEqualTo(JsonCodec.pretty(server.proxy().config().toJson()) + "\n");

        assertThat(admin("--proxy", addr, "slots")).isZero();
        assertThat(console.out()).isEqualTo(JsonCodec.pretty(server.proxy().slots()) + "\n");

        assertThat(admin("--proxy=" + addr, "stats")).isZero();
        JsonNode stats = JsonCodec.readTree(console.out().getBytes());
        assertThat(stats.get("online").booleanValue()).isFalse();
        assertThat(stats.has("runtime")).isTrue();
        assertThat(console.out()).doesNotContain("E-");
    }

    @Test
    void startPrintsNothingAndPutsTheProxyOnline() {
        assertThat(admin("--proxy=" + addr, "--auth=pass", "--start")).isZero();
        assertThat(console.out()).isEmpty();
        assertThat(console.err()).isEmpty();
        assertThat(server.proxy().isOnline()).isTrue();
    }

    @Test
    void aWrongAuthFailsAtXpingWithTheServersMessage() {
        assertThat(admin("--proxy=" + addr, "--auth=wrong", "--start")).isEqualTo(1);
        assertThat(console.out()).isEmpty();
        assertThat(console.err()).isEqualTo("codis-admin: call rpc xping to proxy " + addr
                + " failed, [Remote Error] invalid xauth, please check product name & auth\n");
        assertThat(server.proxy().isOnline()).isFalse();
    }

    @Test
    void logLevelIsValidatedLocallyAndSentUpperCase() {
        assertThat(admin("--proxy=" + addr, "-a", "pass", "--log-level=warning")).isZero();
        assertThat(Logs.level()).isEqualTo(LogLevel.WARN);
        assertThat(admin("--proxy=" + addr, "-a", "pass", "--log-level=loud")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --log-level = loud\n");
    }

    @Test
    void fillslotsSendsTheFileAndLockedLocksEverySlot() throws IOException {
        Path file = dir.resolve("slots.json");
        Files.writeString(file, JsonCodec.pretty(List.of(
                new Slot(7, false, "127.0.0.1:6379", 1, "", 0, 0, List.of()),
                new Slot(8, false, "127.0.0.1:6380", 2, "", 0, 0, List.of()))));

        assertThat(admin("--proxy=" + addr, "--auth=pass", "--fillslots=" + file, "--locked")).isZero();
        assertThat(console.out()).isEmpty();
        assertThat(server.proxy().slots().get(7)).isEqualTo(new Slot(7, true, "127.0.0.1:6379", 1, "", 0, 0, List.of()));
        assertThat(server.proxy().slots().get(8).locked()).isTrue();
        assertThat(server.proxy().slots().get(8).backendAddr()).isEqualTo("127.0.0.1:6380");
    }

    @Test
    void fillslotsRefusesAnIdOutsideTheTableBeforeCallingTheProxy() throws IOException {
        Path file = dir.resolve("slots.json");
        Files.writeString(file, "[{\"id\": 1024, \"backend_addr\": \"127.0.0.1:6379\"}]");
        assertThat(admin("--proxy=" + addr, "--auth=pass", "--fillslots=" + file)).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: invalid slot id = 1024\n");
    }

    @Test
    void resetStatsAndForcegcPrintNothing() {
        assertThat(admin("--proxy=" + addr, "--auth=pass", "--reset-stats")).isZero();
        assertThat(admin("--proxy=" + addr, "--auth=pass", "--forcegc")).isZero();
        assertThat(console.out()).isEmpty();
        assertThat(console.err()).isEmpty();
    }

    @Test
    void shutdownClosesTheProxy() throws InterruptedException {
        assertThat(admin("--proxy=" + addr, "--auth=pass", "--shutdown")).isZero();
        assertThat(console.err()).isEmpty();
        assertThat(server.proxy().awaitClosed(5000)).isTrue();

        assertThat(admin("--proxy=" + addr, "--auth=pass", "--start")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc xping to proxy " + addr
                + " failed, [Remote Error] use of closed proxy\n");
    }

    @Test
    void anUnreachableProxyFailsWithExitOne() {
        String nowhere = "127.0.0.1:" + FreePorts.next();
        assertThat(admin("--proxy=" + nowhere)).isEqualTo(1);
        assertThat(console.err()).startsWith("codis-admin: call rpc overview to proxy " + nowhere + " failed, ");
    }

    @Test
    void verboseLogsEveryRemoteCallAtDebugOnStandardError() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(logged, true));
        try {
            assertThat(admin("-v", "--proxy=" + addr, "--auth=pass", "--forcegc")).isZero();
        } finally {
            System.setErr(original);
        }
        assertThat(logged.toString()).contains("[DEBUG] call rpc model to proxy " + addr + "\n",
                "[DEBUG] call rpc xping to proxy " + addr + " OK\n", "[DEBUG] call rpc forcegc to proxy " + addr + " OK\n");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void proxyAndDashboardTogetherAreRefused() {
        assertThat(admin("--proxy=" + addr, "--dashboard=127.0.0.1:18080")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: options --proxy and --dashboard cannot be used together\n");
    }

    @Test
    void anOptionOfAnotherFormIsRefusedBeforeAnyCall() {
        assertThat(admin("--proxy=" + addr, "--auth=pass", "--start", "--gid=1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --gid is not used by --start\n");
        assertThat(admin("--proxy=" + addr, "--reload")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --reload is not used by --proxy\n");
        assertThat(server.proxy().isOnline()).isFalse();
    }
}
