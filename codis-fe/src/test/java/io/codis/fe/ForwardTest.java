package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.json.JsonCodec;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.TempDirs;
import io.codis.fe.discovery.DashboardSource;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code ?forward=PRODUCT} reverse proxy: answers relayed unchanged, 403 for anything else. */
class ForwardTest {
    private static Path coordinator;
    private static RealDashboard demo;
    private static EchoUpstream echo;
    private static FeUnderTest fe;

    @BeforeAll
    static void start() throws InterruptedException {
        coordinator = TempDirs.create("fe-forward-");
        demo = RealDashboard.start("filesystem", coordinator.toString(), "codis-demo");
        echo = new EchoUpstream();
        DashboardSource source = () -> Map.of("codis-demo", demo.adminAddr(), "codis-echo", echo.addr(),
                "codis-down", "127.0.0.1:" + FreePorts.next());
        fe = FeUnderTest.start(source);
        assertThat(fe.get("/list").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        fe.close();
        echo.close();
        demo.close();
        TempDirs.delete(coordinator);
    }

    @Test
    void theDashboardsAnswersAreRelayedUnchangedStatus800Included() {
        HttpResponse<String> overview = fe.get("/topom?forward=codis-demo");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Type")).isEqualTo(FeUnderTest.call("GET",
                "http://" + demo.adminAddr() + "/topom", "").headers().firstValue("Content-Type"));
        assertThat(JsonCodec.readTree(overview.body().getBytes()).at("/model/admin_addr").textValue())
                .isEqualTo(demo.adminAddr());

        String create = "/api/topom/group/create/" + demo.xauth() + "/7";
        assertThat(fe.put(create + "?forward=codis-demo").statusCode()).isEqualTo(200);
        HttpResponse<String> again = fe.put(create + "?forward=codis-demo");
        assertThat(again.statusCode()).isEqualTo(800);
        JsonNode error = JsonCodec.readTree(again.body().getBytes());
        assertThat(error.get("Cause").textValue()).contains("group-[7]");
        assertThat(again.body()).isEqualTo(FeUnderTest.call("PUT", "http://" + demo.adminAddr() + create, "").body());

        HttpResponse<String> wrongXauth = fe.put("/api/topom/group/create/0123/8?forward=codis-demo");
        assertThat(wrongXauth.statusCode()).isEqualTo(800);
        assertThat(JsonCodec.readTree(wrongXauth.body().getBytes()).get("Cause").textValue()).isEqualTo("invalid xauth, please check product name & auth");

        HttpResponse<String> notFound = fe.get("/no/such/route?forward=codis-demo");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("404 page not found\n");

        HttpResponse<String> stats = fe.get("/api/topom/stats/" + demo.xauth() + "?forward=codis-demo");
        assertThat(JsonCodec.readTree(stats.body().getBytes()).at("/group/models/0/id").intValue()).isEqualTo(7);
    }

    @Test
    void anythingButAKnownProductIs403WithAnEmptyBody() {
        for (String call : new String[] {"GET /topom", "GET /topom?forward=", "GET /topom?forward=codis-nobody",
            "PUT /api/topom/group/create/x/1?forward=codis-nobody", "PUT /list", "POST /list", "DELETE /x?Forward=codis-demo",
            "GET /nosuch.js"}) {
            String[] words = call.split(" ");
            HttpResponse<String> answer = fe.send(words[0], words[1], "");
            assertThat(answer.statusCode()).as(call).isEqualTo(403);
            assertThat(answer.body()).as(call).isEmpty();
        }
    }

    @Test
    void methodPathQueryHeadersAndBodyArePassedOnWithXForwardedFor() {
        HttpResponse<String> answer = fe.send("POST", "/a%20b/c;d?forward=codis-echo&x=%2F1&status=800", "the body",
                "X-Custom", "kept", "X-Forwarded-For", "10.0.0.9", "Authorization", "Basic Zm9vOmJhcg==");
        assertThat(answer.statusCode()).isEqualTo(800);
        assertThat(answer.headers().firstValue("X-Upstream")).hasValue("echo");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/x-echo");
        assertThat(answer.body()).contains("method=POST\n", "path=/a%20b/c;d\n", "query=forward=codis-echo&x=%2F1&status=800\n",
                "body=the body\n", "x-custom: kept\n", "x-forwarded-for: 10.0.0.9, 127.0.0.1\n",
                "authorization: Basic Zm9vOmJhcg==\n");

        HttpResponse<String> put = fe.put("/api/topom/x?forward=codis-echo");
        assertThat(put.body()).contains("method=PUT\n", "x-forwarded-for: 127.0.0.1\n").doesNotContain("connection: close");
    }

    @Test
    void aDashboardThatCannotBeReachedIs502() {
        HttpResponse<String> answer = fe.get("/topom?forward=codis-down");
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).isEmpty();
    }
}
