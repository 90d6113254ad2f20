package io.codis.common.coordinator.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codis.common.coordinator.CoordinatorAuth;
import io.codis.common.coordinator.CoordinatorException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP for the etcd v2 keys API ({@code /v2/keys/...}): one request per call, sent to the endpoint
 * that answered last and, when it cannot be reached, to the next ones in turn.
 */
final class EtcdV2Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final List<URI> endpoints;
    private final Optional<CoordinatorAuth> auth;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicInteger current = new AtomicInteger();

    EtcdV2Http(List<URI> endpoints, Optional<CoordinatorAuth> auth, Duration timeout) {
        this.endpoints = List.copyOf(endpoints);
        this.auth = auth;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    List<URI> endpoints() {
        return endpoints;
    }

    /** Sends one keys-API request, bounded by the client's timeout; {@code value} goes in the form body. */
    EtcdV2Response send(String method, String key, Map<String, String> query, String value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastFailure = null;
        for (int tried = 0; tried < endpoints.size(); tried++) {
            int index = Math.floorMod(current.get() + tried, endpoints.size());
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            HttpRequest request = request(endpoints.get(index), method, key, query, value, Duration.ofNanos(remaining));
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                current.set(index);
                return parse(response);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                lastFailure = e;
            } catch (HttpTimeoutException e) {
                throw new CoordinatorException("etcd " + endpoints.get(index) + " did not answer within " + timeout.toMillis() + "ms", e);
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoordinatorException("interrupted while talking to etcd", e);
            }
        }
        throw new CoordinatorException("etcd " + endpoints + " is unreachable: "
                + (lastFailure == null ? "timed out after " + timeout.toMillis() + "ms" : describe(lastFailure)), lastFailure);
    }

    /**
     * Starts a long poll ({@code wait=true}) on the current endpoint, moving to the next one for the
     * next poll when it fails; the future fails with the I/O error, or is cancelled by the caller.
     */
    CompletableFuture<EtcdV2Response> waitFor(String key, boolean recursive, long waitIndex, Duration maxWait) {
        int index = current.get();
        Map<String, String> query = recursive
                ? Map.of("wait", "true", "recursive", "true", "waitIndex", Long.toString(waitIndex))
                : Map.of("wait", "true", "waitIndex", Long.toString(waitIndex));
        HttpRequest request = request(endpoints.get(index), "GET", key, query, null, maxWait);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(EtcdV2Http::parse)
                .whenComplete((response, failure) -> {
                    if (failure != null && !(AsyncFailures.unwrap(failure) instanceof HttpTimeoutException)) {
                        current.compareAndSet(index, (index + 1) % endpoints.size());
                    }
                });
    }

    private HttpRequest request(URI endpoint, String method, String key, Map<String, String> query, String value, Duration wait) {
        StringJoiner params = new StringJoiner("&");
        query.forEach((name, param) -> params.add(name + "=" + encode(param)));
        String uri = endpoint + "/v2/keys" + encodePath(key) + (params.length() == 0 ? "" : "?" + params);
        HttpRequest.BodyPublisher body = value == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("value=" + encode(value), StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri))
                .timeout(wait)
                .method(method, body);
        if (value != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
        }
        auth.ifPresent(credentials -> builder.header("Authorization", credentials.basicHeader()));
        return builder.build();
    }

    private static EtcdV2Response parse(HttpResponse<String> response) {
        long etcdIndex = response.headers().firstValueAsLong("X-Etcd-Index").orElse(0);
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new CoordinatorException("etcd: response is invalid json (HTTP " + response.statusCode()
                    + "). The endpoint is probably not valid etcd cluster endpoint, or its v2 API is off (--enable-v2)");
        }
        Optional<EtcdV2Error> error = Optional.empty();
        if (body.has("errorCode")) {
            error = Optional.of(new EtcdV2Error(body.path("errorCode").asInt(), body.path("message").asText(),
                    body.hasNonNull("cause") ? body.path("cause").asText() : null, body.path("index").asLong()));
        } else if (response.statusCode() == 401) {
            error = Optional.of(new EtcdV2Error(EtcdV2Error.UNAUTHORIZED, body.path("message").asText("unauthorized"), null, 0));
        }
        return new EtcdV2Response(etcdIndex, body, error);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String encodePath(String key) {
        if (key.equals("/")) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (String segment : key.substring(1).split("/", -1)) {
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
