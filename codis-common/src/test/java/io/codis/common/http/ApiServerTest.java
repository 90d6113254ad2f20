package io.codis.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.codis.common.json.JsonCodec;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.RemoteException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApiServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() {
        server = new ApiServer("test-admin", "[0xfeed]")
                .redirect("/", "/thing")
                .get("/thing", ctx -> Map.of("name", "thing", "size", 3))
                .get("/api/echo/{word}", ctx -> ctx.pathParam("word"))
                .get("/api/big", ctx -> "x".repeat(4096))
                .put("/api/refuse/{xauth}", ctx -> {
                    throw new ApiError("invalid xauth, please check product name & auth");
                })
                .put("/api/crash", ctx -> {
                    throw new IllegalArgumentException("use of invalid slot id");
                })
                .put("/api/ok/{xauth}", ctx -> "OK")
                .start("127.0.0.1:0");
        base = "http://127.0.0.1:" + server.port();
        logged.start();
        ((Logger) LoggerFactory.getLogger(ApiServer.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ApiServer.class)).detachAppender(logged);
        server.close();
    }

    @Test
    void successIsStatus200WithGoIndentedJson() throws Exception {
        HttpResponse<String> response = send("GET", "/thing", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo("application/json;charset=utf-8");
        assertThat(response.body()).isEqualTo("{\n    \"name\": \"thing\",\n    \"size\": 3\n}");
    }

    @Test
    void okRoutesAnswerTheFiveBytesOfTheJsonStringOk() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/ok/abc", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"OK\"");
    }

    @Test
    void anExpectedErrorIsStatus800WithCauseAndNullStack() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/refuse/abc", Map.of());
        assertThat(response.statusCode()).isEqualTo(800);
        assertThat(contentType(response)).isEqualTo("application/json;charset=utf-8");
        assertThat(response.body()).isEqualTo("""
                {
                    "Cause": "invalid xauth, please check product name \\u0026 auth",
                    "Stack": null
                }""");
    }

    @Test
    void anyOtherFailureIsStatus800WithStackFramesAGoClientCanDecode() {
        assertThatThrownBy(() -> new ApiClient().put(base + "/api/crash", null))
                .isInstanceOf(RemoteException.class)
                .hasMessage("[Remote Error] use of invalid slot id")
                .satisfies(e -> assertThat(((RemoteException) e).remoteError().stack()).isNotEmpty()
                        .allSatisfy(frame -> assertThat(frame.name()).isNotEmpty()));
    }

    @Test
    void unknownPathAndWrongMethodAreBoth404PageNotFound() throws Exception {
        for (HttpResponse<String> response : List.of(send("GET", "/nowhere", Map.of()),
                send("PUT", "/thing", Map.of()), send("GET", "/api/ok/abc", Map.of()))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(contentType(response)).isEqualTo("text/plain;charset=utf-8");
            assertThat(response.body()).isEqualTo("404 page not found\n");
        }
    }

    @Test
    void trailingSlashAndQueryStringAreAccepted() throws Exception {
        assertThat(send("GET", "/thing/", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/thing?forward=proxy", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/ok/abc/?forward=1", Map.of()).body()).isEqualTo("\"OK\"");
    }

    @Test
    void pathParametersAreUrlDecoded() throws Exception {
        assertThat(send("GET", "/api/echo/10.0.0.1%3A6379", Map.of()).body()).isEqualTo("\"10.0.0.1:6379\"");
    }

    @Test
    void rootRedirectsWith302() throws Exception {
        HttpResponse<String> response = send("GET", "/", Map.of());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/thing"));
    }

    @Test
    void answersAreGzippedWhenTheClientAcceptsGzip() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/big"))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(JsonCodec.read(in.readAllBytes(), String.class)).isEqualTo("x".repeat(4096));
        }
        assertThat(send("GET", "/api/big", Map.of()).headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void mutatingApiCallsAreLoggedAtWarnWithTheForwardedAddress() throws Exception {
        send("PUT", "/api/ok/abc", Map.of("X-Real-IP", "10.9.9.9"));
        send("PUT", "/api/ok/def", Map.of("X-Forwarded-For", "10.8.8.8"));
        send("PUT", "/api/ok/ghi", Map.of());
        send("GET", "/api/echo/x", Map.of());

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).map(m -> m.replaceAll(":\\d+ ", ":PORT "))
                .containsExactly(
                        "[0xfeed] API call /api/ok/abc from 127.0.0.1:PORT [10.9.9.9]",
                        "[0xfeed] API call /api/ok/def from 127.0.0.1:PORT [10.8.8.8]",
                        "[0xfeed] API call /api/ok/ghi from 127.0.0.1:PORT []");
        assertThat(logged.list).allSatisfy(e -> assertThat(e.getLevel().toString()).isEqualTo("WARN"));
    }

    @Test
    void listenAddressIsWhatGoReportsForATcpListener() {
        assertThat(server.listenAddress()).isEqualTo("127.0.0.1:" + server.port());
        try (ApiServer wildcard = new ApiServer("wildcard", "[0x2]").start("0.0.0.0:0")) {
            assertThat(wildcard.listenAddress()).isEqualTo("[::]:" + wildcard.port());
        }
    }

    @Test
    void routesCanBeAddedOnceListeningSoTheyMayDependOnTheListenAddress() throws Exception {
        server.get("/late", ctx -> "late");
        assertThat(send("GET", "/late", Map.of()).body()).isEqualTo("\"late\"");
    }

    @Test
    void aBusyAddressIsRefusedWithTheAddressInTheMessage() {
        assertThatThrownBy(() -> new ApiServer("other", "[0x1]").start("127.0.0.1:" + server.port()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("listen tcp 127.0.0.1:" + server.port() + ": ");
    }

    /** Jetty writes the media type without the space Go puts before the parameter; both mean the same. */
    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
