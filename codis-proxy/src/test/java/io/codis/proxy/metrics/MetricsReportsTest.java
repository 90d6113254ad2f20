package io.codis.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.codis.common.json.JsonCodec;
import io.codis.proxy.admin.ProxyStatsJson;
import io.codis.proxy.admin.StatsFlags;
import io.codis.proxy.stats.OpsStats;
import io.codis.proxy.stats.SessionStats;
import io.codis.proxy.usage.ProcessUsage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each reporter against a small listener started by the test. */
class MetricsReportsTest {
    private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
    private volatile int status = 200;
    private HttpServer http;

    @BeforeEach
    void startListener() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            Map<String, String> call = new LinkedHashMap<>();
            call.put("method", exchange.getRequestMethod());
            call.put("uri", exchange.getRequestURI().toString());
            call.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            call.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            call.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(call);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stopListener() {
        http.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static Map<String, Number> fields() {
        ObjectNode stats = ProxyStatsJson.build(true, false, List.of(), new OpsStats(10, 1, 2, 3, List.of()),
                new SessionStats(4, 5), new ProcessUsage("now", 0.5, 0, 0, 0, 0, 7, 9000, 8000), false, () -> {
                    ObjectNode runtime = JsonNodeFactory.instance.objectNode();
                    runtime.putObject("gc").put("num", 6).put("total_pausems", 11);
                    runtime.put("num_procs", 2).put("num_goroutines", 30).put("num_cgo_call", 0).put("mem_offheap", 12);
                    return runtime;
                }, new StatsFlags(StatsFlags.WITH_RUNTIME));
        return UsageFields.of(stats);
    }

    @Test
    void usageFieldsAreTakenFromTheStatsWithRuntime() {
        assertThat(fields()).containsExactly(Map.entry("ops_total", 10L), Map.entry("ops_fails", 1L),
                Map.entry("ops_redis_errors", 2L), Map.entry("ops_qps", 3L), Map.entry("sessions_total", 4L),
                Map.entry("sessions_alive", 5L), Map.entry("rusage_mem", 8000L), Map.entry("rusage_cpu", 0.5),
                Map.entry("runtime_gc_num", 6L), Map.entry("runtime_gc_total_pausems", 11L),
                Map.entry("runtime_num_procs", 2L), Map.entry("runtime_num_goroutines", 30L),
                Map.entry("runtime_num_cgo_call", 0L), Map.entry("runtime_num_mem_offheap", 12L));
    }

    @Test
    void jsonReportPostsThePrettyOverview() throws Exception {
        ObjectNode overview = JsonNodeFactory.instance.objectNode().put("version", "3.2").put("compile", "now");
        new JsonMetricsReport(url() + "/metrics", () -> overview).send();

        Map<String, String> call = received.poll(5, TimeUnit.SECONDS);
        assertThat(call).containsEntry("method", "POST").containsEntry("uri", "/metrics")
                .containsEntry("content-type", "application/json")
                .containsEntry("body", "{\n    \"version\": \"3.2\",\n    \"compile\": \"now\"\n}");
    }

    @Test
    void jsonReportFailsOnANonOkAnswer() {
        status = 500;
        assertThatThrownBy(() -> new JsonMetricsReport(url(), () -> JsonNodeFactory.instance.objectNode()).send())
                .isInstanceOf(IOException.class).hasMessageStartingWith("[500]");
    }

    @Test
    void influxdbReportWritesOnePointInLineProtocol() throws Exception {
        status = 204;
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("token", "abc");
        tags.put("product_name", "codis demo");
        tags.put("admin_addr", "h1:11080");
        tags.put("proxy_addr", "h1:19000");
        tags.put("hostname", "h1");
        new InfluxdbMetricsReport(url(), "codis", "admin", "pw", tags, MetricsReportsTest::fields).send();

        Map<String, String> call = received.poll(5, TimeUnit.SECONDS);
        assertThat(call).containsEntry("method", "POST").containsEntry("uri", "/write?db=codis&precision=ns")
                .containsEntry("authorization", "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes()));
        assertThat(call.get("body")).matches("codis_usage,admin_addr=h1:11080,hostname=h1,product_name=codis\\\\ demo,"
                + "proxy_addr=h1:19000,token=abc ops_fails=1i,ops_qps=3i,ops_redis_errors=2i,ops_total=10i,"
                + "runtime_gc_num=6i,runtime_gc_total_pausems=11i,runtime_num_cgo_call=0i,runtime_num_goroutines=30i,"
                + "runtime_num_mem_offheap=12i,runtime_num_procs=2i,rusage_cpu=0.5,rusage_mem=8000i,sessions_alive=5i,"
                + "sessions_total=4i \\d{19}\\n");
    }

    @Test
    void influxdbReportFailsWithTheServersAnswer() {
        status = 404;
        assertThatThrownBy(() -> new InfluxdbMetricsReport(url(), "codis", "", "", Map.of(), MetricsReportsTest::fields)
                .send()).isInstanceOf(IOException.class).hasMessageStartingWith("influxdb write failed: [404]");
    }

    @Test
    void statsdReportSendsOneGaugePerFigureNamedAfterTheProxy() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                StatsdMetricsReport report = new StatsdMetricsReport("127.0.0.1:" + listener.getLocalPort(), "codis",
                        "demo", "10.0.0.1:11080", "10.0.0.1:19000", MetricsReportsTest::fields)) {
            listener.setSoTimeout(5000);
            report.send();
            List<String> gauges = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                listener.receive(packet);
                gauges.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            }
            assertThat(gauges).startsWith("codis.demo.10_0_0_1_11080.10_0_0_1_19000.ops_total:10|g")
                    .contains("codis.demo.10_0_0_1_11080.10_0_0_1_19000.rusage_cpu:0.500000|g",
                            "codis.demo.10_0_0_1_11080.10_0_0_1_19000.runtime_num_mem_offheap:12|g");
        }
    }

    @Test
    void anEmptyStatsdPrefixMakesTheNameStartWithADot() throws IOException {
        try (StatsdMetricsReport report = new StatsdMetricsReport("127.0.0.1:8125", "", "demo", "h:1", "h:2", Map::of)) {
            assertThat(report.gauge("ops_qps", 3L)).isEqualTo(".demo.h_1.h_2.ops_qps:3|g");
        }
    }

    @Test
    void theLoopReportsUntilClosedAndBacksOffAfterAFailure() throws Exception {
        BlockingQueue<Long> sends = new LinkedBlockingQueue<>();
        int[] calls = {0};
        try (MetricsLoop loop = MetricsLoop.start("test-metrics", java.time.Duration.ZERO, () -> false, () -> {
            sends.add(System.nanoTime());
            if (calls[0]++ == 0) {
                throw new IOException("down");
            }
        })) {
            long first = sends.poll(5, TimeUnit.SECONDS);
            long second = sends.poll(5, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(second - first)).as("backoff after a failure").isGreaterThanOrEqualTo(900);
            assertThat(sends.poll(5, TimeUnit.SECONDS)).as("the period is at least one second").isNotNull();
        }
    }

    @Test
    void theLoopStopsWhenTheProxyIsClosed() throws InterruptedException {
        BlockingQueue<Long> sends = new LinkedBlockingQueue<>();
        try (MetricsLoop loop = MetricsLoop.start("test-metrics", java.time.Duration.ofSeconds(1), () -> true,
                () -> sends.add(System.nanoTime()))) {
            assertThat(sends.poll(1500, TimeUnit.MILLISECONDS)).isNull();
        }
        assertThat(JsonCodec.compact(List.of())).isEqualTo("[]");
    }
}
