package io.codis.proxy.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code metrics_report_influxdb_*}: writes one point {@code codis_usage} through InfluxDB's v1 HTTP
 * write API (precision ns, 5 s timeout): tags token, product_name, admin_addr, proxy_addr, hostname;
 * integer fields with the {@code i} suffix, {@code rusage_cpu} as a float; tags and fields sorted by key.
 */
public final class InfluxdbMetricsReport implements MetricsReport {
    public static final String MEASUREMENT = "codis_usage";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI write;
    private final String authorization;
    private final Map<String, String> tags;
    private final Supplier<Map<String, Number>> fields;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public InfluxdbMetricsReport(String server, String database, String username, String password,
            Map<String, String> tags, Supplier<Map<String, Number>> fields) {
        String base = server.contains("://") ? server : "http://" + server;
        this.write = URI.create(stripSlash(base) + "/write?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&precision=ns");
        this.authorization = username.isEmpty() && password.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.tags = new TreeMap<>(tags);
        this.fields = fields;
    }

    @Override
    public void send() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(write).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(line(fields.get(), nowNanos()), StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("influxdb write failed: [" + response.statusCode() + "] " + response.body().strip());
        }
    }

    /** The point in line protocol, e.g. {@code codis_usage,admin_addr=h:11080,... ops_fails=0i,...,rusage_cpu=0.5 1491637201101872312}. */
    String line(Map<String, Number> values, long nanos) {
        StringBuilder line = new StringBuilder(MEASUREMENT);
        tags.forEach((key, value) -> {
            if (!value.isEmpty()) {
                line.append(',').append(escape(key)).append('=').append(escape(value));
            }
        });
        char separator = ' ';
        for (Map.Entry<String, Number> field : new TreeMap<>(values).entrySet()) {
            line.append(separator).append(escape(field.getKey())).append('=');
            Number value = field.getValue();
            if (value instanceof Double || value instanceof Float) {
                line.append(Double.toString(value.doubleValue()));
            } else {
                line.append(value.longValue()).append('i');
            }
            separator = ',';
        }
        return line.append(' ').append(nanos).append('\n').toString();
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return ChronoUnit.NANOS.between(Instant.EPOCH, now);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
