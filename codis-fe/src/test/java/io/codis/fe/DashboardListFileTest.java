package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.TempDirs;
import io.codis.fe.assets.Assets;
import io.codis.fe.discovery.DashboardListFile;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dashboard-list=FILE}: the products of the file, in /list and for forwarding, re-read when it changes. */
class DashboardListFileTest {
    private static Path coordinator;
    private static RealDashboard demo;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDashboard() throws InterruptedException {
        coordinator = TempDirs.create("fe-list-");
        demo = RealDashboard.start("filesystem", coordinator.toString(), "codis-demo");
    }

    @AfterAll
    static void stopDashboard() {
        demo.close();
        TempDirs.delete(coordinator);
    }

    private Path listFile(String json) throws IOException {
        return Files.writeString(dir.resolve("codis.json"), json);
    }

    @Test
    void listIsSortedAndPrettyAndForwardingWaitsForIt() throws IOException {
        Path file = listFile("[\n  {\"name\": \"codis-zeta\", \"dashboard\": \"127.0.0.1:1\"},\n"
                + "  {\"name\": \"codis-demo\", \"dashboard\": \"" + demo.adminAddr() + "\"},\n"
                + "  {\"name\": \"\", \"dashboard\": \"127.0.0.1:2\"},\n"
                + "  {\"name\": \"codis-idle\", \"dashboard\": \"\"}\n]\n");
        try (FeUnderTest fe = FeUnderTest.start(new DashboardListFile(file))) {
            HttpResponse<String> before = fe.get("/api/topom/model?forward=codis-demo");
            assertThat(before.statusCode()).isEqualTo(403);
            assertThat(before.body()).isEmpty();

            HttpResponse<String> list = fe.get("/list");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
            assertThat(list.body()).isEqualTo("[\n    \"codis-demo\",\n    \"codis-zeta\"\n]");

            HttpResponse<String> model = fe.get("/api/topom/model?forward=codis-demo");
            assertThat(model.statusCode()).isEqualTo(200);
            assertThat(model.body()).isEqualTo(
                    FeUnderTest.call("GET", "http://" + demo.adminAddr() + "/api/topom/model", "").body());
        }
    }

    @Test
    void laterDuplicatesWinAndAChangedFileIsReadAtOnce() throws IOException {
        Path file = listFile("[{\"name\": \"codis-demo\", \"dashboard\": \"127.0.0.1:1\"},"
                + " {\"name\": \"codis-demo\", \"dashboard\": \"" + demo.adminAddr() + "\"}]");
        try (FeUnderTest fe = FeUnderTest.start(new DashboardListFile(file), Duration.ofHours(1), Assets.builtIn(), null)) {
            assertThat(fe.get("/list").body()).isEqualTo("[\n    \"codis-demo\"\n]");
            assertThat(fe.get("/topom?forward=codis-demo").statusCode()).isEqualTo(200);

            listFile("[{\"name\": \"codis-demo\", \"dashboard\": \"" + demo.adminAddr() + "\"},"
                    + " {\"name\": \"codis-added\", \"dashboard\": \"" + demo.adminAddr() + "\"}]");
            assertThat(fe.get("/topom?forward=codis-added").statusCode()).as("not before /list").isEqualTo(403);
            assertThat(fe.get("/list").body()).isEqualTo("[\n    \"codis-added\",\n    \"codis-demo\"\n]");
            assertThat(fe.get("/topom?forward=codis-added").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFileThatCannotBeReadEmptiesTheMap() throws IOException {
        Path file = listFile("[{\"name\": \"codis-demo\", \"dashboard\": \"" + demo.adminAddr() + "\"}]");
        try (FeUnderTest fe = FeUnderTest.start(new DashboardListFile(file), Duration.ofHours(1), Assets.builtIn(), null)) {
            assertThat(fe.get("/list").body()).isEqualTo("[\n    \"codis-demo\"\n]");

            listFile("{not json");
            assertThat(fe.get("/list").body()).isEqualTo("null");
            assertThat(fe.get("/topom?forward=codis-demo").statusCode()).isEqualTo(403);

            Files.delete(file);
            assertThat(fe.get("/list").body()).isEqualTo("null");

            listFile("[{\"name\": \"codis-demo\", \"dashboard\": \"" + demo.adminAddr() + "\"}]");
            assertThat(fe.get("/list").body()).isEqualTo("[\n    \"codis-demo\"\n]");
        }
    }
}
