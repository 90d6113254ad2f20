package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.cli.FatalError;
import io.codis.fe.assets.Assets;
import io.codis.fe.discovery.DashboardSource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI's files, built into the jar or from {@code --assets-dir}, served before /list and forwarding. */
class AssetsTest {
    private static final DashboardSource ONE_PRODUCT = () -> Map.of("codis-demo", "127.0.0.1:1");

    @TempDir
    Path dir;

    @Test
    void theBuiltInUiIsServedFromTheJar() {
        try (FeUnderTest fe = FeUnderTest.start(ONE_PRODUCT)) {
            HttpResponse<String> index = fe.get("/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            assertThat(index.body()).contains("id=\"codis-console\"");
            assertThat(fe.get("/index.html").body()).isEqualTo(index.body());
            HttpResponse<String> script = fe.get("/js/main.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(fe.get("/js").statusCode()).as("a class-path directory is no file").isEqualTo(403);
        }
    }

    @Test
    void anotherDirectoryIsServedInsteadAndNothingOutsideIt() throws IOException {
        Path assets = Files.createDirectories(dir.resolve("assets"));
        Files.writeString(assets.resolve("index.html"), "<h1>another UI</h1>");
        Files.createDirectories(assets.resolve("js"));
        Files.writeString(assets.resolve("js/app.js"), "console.log(1)");
        Files.createDirectories(assets.resolve("sub"));
        Files.writeString(assets.resolve("sub/index.html"), "<p>sub</p>");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        try (FeUnderTest fe = FeUnderTest.start(ONE_PRODUCT, Duration.ofSeconds(5), Assets.directory(assets), null)) {
            assertThat(fe.get("/").body()).isEqualTo("<h1>another UI</h1>");
            assertThat(fe.get("/index.html?forward=codis-demo").body()).as("a file wins over forwarding")
                    .isEqualTo("<h1>another UI</h1>");
            HttpResponse<String> script = fe.get("/js/app.js");
            assertThat(script.body()).isEqualTo("console.log(1)");
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");

            HttpResponse<String> directory = fe.get("/sub");
            assertThat(directory.statusCode()).isEqualTo(302);
            assertThat(directory.headers().firstValue("Location")).hasValue("/sub/");
            assertThat(fe.get("/sub/").body()).isEqualTo("<p>sub</p>");
            assertThat(fe.get("/js/").statusCode()).as("a directory without index.html").isEqualTo(403);

            for (String escape : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/js/..%2f..%2fsecret.txt"}) {
                HttpResponse<String> answer = fe.get(escape);
                assertThat(answer.body()).as(escape).doesNotContain("secret");
                assertThat(answer.statusCode()).as(escape).isIn(400, 403, 404);
            }

            String lastModified = script.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(fe.get("/js/app.js", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
            assertThat(fe.send("HEAD", "/js/app.js", "").statusCode()).isEqualTo(200);
            assertThat(fe.send("PUT", "/js/app.js", "").statusCode()).as("files are for GET and HEAD").isEqualTo(403);
        }
    }

    @Test
    void aDirectoryWithoutIndexHtmlIsRefused() {
        assertThatThrownBy(() -> Assets.directory(dir))
                .isInstanceOf(FatalError.class)
                .hasMessage("get stat of " + dir.toAbsolutePath().resolve("index.html") + " failed");
    }
}
