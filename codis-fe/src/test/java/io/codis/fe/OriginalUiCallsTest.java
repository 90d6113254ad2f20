package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.json.JsonCodec;
import io.codis.common.testkit.TempDirs;
import io.codis.fe.assets.Assets;
import io.codis.fe.discovery.DashboardSource;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Another UI through {@code --assets-dir}, as the original's assets would be: the test page under
 * {@code src/test/resources/original-ui} is served, and the calls it lists (the original UI's, in
 * its shape) get the answers the original UI expects from our fe and our dashboard.
 */
class OriginalUiCallsTest {

    @Test
    void theOriginalsCallsWorkThroughAnotherUi() throws Exception {
        Path coordinator = TempDirs.create("fe-original-ui-");
        try (RealDashboard demo = RealDashboard.start("filesystem", coordinator.toString(), "codis-demo");
                FeUnderTest fe = FeUnderTest.start((DashboardSource) () -> Map.of("codis-demo", demo.adminAddr()),
                        Duration.ofSeconds(5), Assets.directory(page()), null)) {
            String html = fe.get("/").body();
            assertThat(html).contains("<pre id=\"results\">");
            String xauth = browserXauth("codis-demo");
            assertThat(xauth).isEqualTo(demo.xauth());

            JsonNode calls = JsonCodec.readTree(html.substring(html.indexOf("[", html.indexOf("id=\"calls\"")),
                    html.indexOf("</script>", html.indexOf("id=\"calls\""))).getBytes(StandardCharsets.UTF_8));
            assertThat(calls.size()).isGreaterThan(5);
            for (JsonNode call : calls) {
                String url = call.get(1).textValue().replace("{product}", "codis-demo").replace("{xauth}", xauth);
                HttpResponse<String> answer = fe.send(call.get(0).textValue(), url, "");
                assertThat(answer.statusCode()).as(call.toString()).isEqualTo(call.get(2).intValue());
                if (answer.statusCode() == 800) {
                    assertThat(JsonCodec.readTree(answer.body().getBytes(StandardCharsets.UTF_8)).get("Cause").textValue())
                            .as("the error dialog shows the Cause").isNotEmpty();
                }
            }
        } finally {
            TempDirs.delete(coordinator);
        }
    }

    private static Path page() throws URISyntaxException {
        return Path.of(OriginalUiCallsTest.class.getResource("/original-ui/index.html").toURI()).getParent();
    }

    /** As the original UI computes it: the first 32 hex digits of SHA-256("Codis-XAuth-[" + product + "]"). */
    private static String browserXauth(String product) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(("Codis-XAuth-[" + product + "]").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 32);
    }
}
