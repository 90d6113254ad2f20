package io.codis.proxy.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.json.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** {@code metrics_report_server}: POSTs the overview (config, model, stats with runtime) as pretty JSON to a URL. */
public final class JsonMetricsReport implements MetricsReport {
    private final URI server;
    private final Supplier<JsonNode> overview;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JsonMetricsReport(String server, Supplier<JsonNode> overview) {
        this.server = URI.create(server);
        this.overview = overview;
    }

    @Override
    public void send() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.prettyBytes(overview.get()))).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException("[" + response.statusCode() + "] - " + server);
        }
    }
}
