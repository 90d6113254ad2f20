package io.codis.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {
    private static final String ERROR_BODY = """
            {
                "Cause": "group-[1] already exists",
                "Stack": [
                    {
                        "Name": "github.com/CodisLabs/codis/pkg/topom.(*Topom).CreateGroup",
                        "File": ".../pkg/topom/topom_group.go",
                        "Line": 26
                    }
                ]
            }""";

    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService executor;
    private String host;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/ok", exchange -> reply(exchange, 200, "\"OK\""));
        server.createContext("/sentinel", exchange -> reply(exchange, 200, JsonCodec.pretty(Sentinel.NONE.withServers(List.of("a:1")))));
        server.createContext("/echo", exchange -> {
            received.put("method", exchange.getRequestMethod());
            received.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(exchange, 200, "\"OK\"");
        });
        server.createContext("/fail", exchange -> reply(exchange, 800, ERROR_BODY));
        server.createContext("/fail1500", exchange -> reply(exchange, 1500, ERROR_BODY));
        server.createContext("/empty800", exchange -> reply(exchange, 800, ""));
        server.createContext("/garbage800", exchange -> reply(exchange, 800, "not json"));
        server.createContext("/garbage200", exchange -> reply(exchange, 200, "{\"id\": "));
        server.createContext("/crash", exchange -> reply(exchange, 500, "panic"));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", "/ok");
            reply(exchange, 302, "");
        });
        server.createContext("/gzip", exchange -> {
            received.put("accept-encoding", String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(JsonCodec.prettyBytes(List.of(Slot.unfilled(0), Slot.unfilled(1).withLocked(true))));
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, compressed.size());
            try (OutputStream out = exchange.getResponseBody()) {
                compressed.writeTo(out);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "\"OK\"");
        });
        server.start();
        host = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void status200DecodesTheResult() {
        ApiClient client = new ApiClient();

        assertThat(client.get(ApiClient.url(host, "/ok"), String.class)).isEqualTo("OK");
        assertThat(client.get(ApiClient.url(host, "/sentinel"), Sentinel.class).servers()).containsExactly("a:1");
        client.get(ApiClient.url(host, "/ok"));
    }

    @Test
    void putSendsPrettyJsonWithContentType() {
        ApiClient client = new ApiClient();

        client.put(ApiClient.url(host, "/echo"), Sentinel.NONE);

        assertThat(received).containsEntry("method", "PUT")
                .containsEntry("content-type", "application/json")
                .containsEntry("body", "{\n    \"out_of_sync\": false\n}");
    }

    @Test
    void putWithoutBodySendsNothing() {
        assertThat(new ApiClient().put(ApiClient.url(host, "/echo"), null, String.class)).isEqualTo("OK");

        assertThat(received).containsEntry("body", "");
    }

    @Test
    void status800CarriesTheRemoteError() {
        ApiClient client = new ApiClient();

        assertThatThrownBy(() -> client.put(ApiClient.url(host, "/fail"), null))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e).hasMessage("[Remote Error] group-[1] already exists");
                    assertThat(e.remoteCause()).isEqualTo("group-[1] already exists");
                    assertThat(e.remoteError().stack()).containsExactly(new RemoteStackFrame(
                            "github.com/CodisLabs/codis/pkg/topom.(*Topom).CreateGroup", ".../pkg/topom/topom_group.go", 26));
                });
    }

    @Test
    void status1500CarriesTheRemoteErrorToo() {
        assertThatThrownBy(() -> new ApiClient().get(ApiClient.url(host, "/fail1500")))
                .isInstanceOfSatisfying(RemoteException.class,
                        e -> assertThat(e.remoteCause()).isEqualTo("group-[1] already exists"));
    }

    @Test
    void emptyOrInvalidErrorBodies() {
        ApiClient client = new ApiClient();

        assertThatThrownBy(() -> client.get(ApiClient.url(host, "/empty800")))
                .isExactlyInstanceOf(RpcException.class)
                .hasMessage("remote error is empty");
        assertThatThrownBy(() -> client.get(ApiClient.url(host, "/garbage800")))
                .isExactlyInstanceOf(RpcException.class)
                .hasMessageStartingWith("invalid json");
        assertThatThrownBy(() -> client.get(ApiClient.url(host, "/garbage200"), Slot.class))
                .isExactlyInstanceOf(RpcException.class)
                .hasMessageStartingWith("invalid json");
    }

    @Test
    void otherStatusesNameCodeTextAndUrl() {
        ApiClient client = new ApiClient();
        String missing = ApiClient.url(host, "/missing");

        assertThatThrownBy(() -> client.get(missing)).hasMessage("[404] Not Found - " + missing);
        assertThatThrownBy(() -> client.get(ApiClient.url(host, "/crash")))
                .hasMessage("[500] Internal Server Error - http://" + host + "/crash");
    }

    @Test
    void redirectsAreFollowed() {
        assertThat(new ApiClient().get(ApiClient.url(host, "/redirect"), String.class)).isEqualTo("OK");
    }

    @Test
    void gzipAnswersAreDecompressed() {
        List<Slot> slots = new ApiClient().get(ApiClient.url(host, "/gzip"), new TypeReference<List<Slot>>() { });

        assertThat(received).containsEntry("accept-encoding", "gzip");
        assertThat(slots).containsExactly(Slot.unfilled(0), Slot.unfilled(1).withLocked(true));
    }

    @Test
    void slowAnswersTimeOut() {
        ApiClient client = new ApiClient(Duration.ofMillis(300));

        assertThatThrownBy(() -> client.get(ApiClient.url(host, "/slow")))
                .isExactlyInstanceOf(RpcException.class)
                .hasMessage("Get http://" + host + "/slow: timeout after 300ms");
    }

    @Test
    void unreachableServerIsAnRpcError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String url = ApiClient.url("127.0.0.1:" + closedPort, "/api/topom/model");

        assertThatThrownBy(() -> new ApiClient().get(url))
                .isExactlyInstanceOf(RpcException.class)
                .hasMessage("Get " + url + ": connection refused");
    }

    @Test
    void urlsEscapePathsLikeGo() {
        assertThat(ApiClient.url("10.0.0.1:18080", "/api/topom/group/add/x/1/10.0.0.2:6379/dc 1"))
                .isEqualTo("http://10.0.0.1:18080/api/topom/group/add/x/1/10.0.0.2:6379/dc%201");
        assertThat(ApiClient.url("http://h:1", "/a?b#c/é")).isEqualTo("http://h:1/a%3Fb%23c/%C3%A9");
    }
}
