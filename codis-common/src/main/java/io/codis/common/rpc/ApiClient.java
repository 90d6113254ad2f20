package io.codis.common.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.json.JsonCodec;
import io.codis.common.json.JsonDecodeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The client side of the dashboard and proxy admin APIs, behaving like the original Go client:
 * GET and PUT with pretty JSON bodies, 1 s to connect, a whole-call timeout (1 minute by default),
 * gzip accepted. Status 200 is success; 800 and 1500 carry a {@link RemoteError} and raise
 * {@link RemoteException}; anything else raises {@link RpcException}
 * {@code [{code}] {status text} - {url}}. Thread-safe; share one instance.
 * <p>
 * Note: java.net.http refuses four-digit status lines, so a 1500 answer surfaces as an
 * {@link RpcException} about the status line; no Codis 3.2 server sends 1500.
 */
public final class ApiClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(1);

    private final HttpClient http;
    private final Duration timeout;

    public ApiClient() {
        this(DEFAULT_TIMEOUT);
    }

    /** A client whose calls fail after {@code timeout} (connecting included). */
    public ApiClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(DIAL_TIMEOUT.compareTo(timeout) < 0 ? DIAL_TIMEOUT : timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * {@code http://{host}{path}} with the path escaped as Go's url.URL does (letters, digits,
     * {@code -_.~$&+,/:;=@} kept, everything else percent-encoded), e.g.
     * {@code url("10.0.0.1:18080", "/api/topom/group/add/" + xauth + "/1/10.0.0.2:6379")}.
     */
    public static String url(String host, String path) {
        String bareHost = host.startsWith("http://") ? host.substring("http://".length()) : host;
        StringBuilder out = new StringBuilder("http://").append(bareHost);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isPathSafe(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** GET {@code url}, ignoring the answer's body. */
    public void get(String url) {
        call("GET", url, null);
    }

    /** GET {@code url} and decode the answer as {@code type}. */
    public <T> T get(String url, Class<T> type) {
        return decode(url, call("GET", url, null), json -> JsonCodec.read(json, type));
    }

    /** GET {@code url} and decode the answer as a generic type. */
    public <T> T get(String url, TypeReference<T> type) {
        return decode(url, call("GET", url, null), json -> JsonCodec.read(json, type));
    }

    /** PUT {@code body} (pretty JSON; none when {@code null}) to {@code url}, ignoring the answer's body. */
    public void put(String url, Object body) {
        call("PUT", url, body);
    }

    /** PUT {@code body} to {@code url} and decode the answer as {@code type}. */
    public <T> T put(String url, Object body, Class<T> type) {
        return decode(url, call("PUT", url, body), json -> JsonCodec.read(json, type));
    }

    /** PUT {@code body} to {@code url} and decode the answer as a generic type. */
    public <T> T put(String url, Object body, TypeReference<T> type) {
        return decode(url, call("PUT", url, body), json -> JsonCodec.read(json, type));
    }

    private byte[] call(String method, String url, Object body) {
        HttpRequest request = request(method, url, body);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new RpcException(describe(method, url, "dial timeout after " + DIAL_TIMEOUT.toMillis() + "ms"), e);
        } catch (HttpTimeoutException e) {
            throw new RpcException(describe(method, url, "timeout after " + timeout.toMillis() + "ms"), e);
        } catch (ConnectException e) {
            if (hasCause(e, UnresolvedAddressException.class)) {
                throw new RpcException(describe(method, url, "unknown host " + request.uri().getHost()), e);
            }
            throw new RpcException(describe(method, url, "connection refused"), e);
        } catch (IOException e) {
            throw new RpcException(describe(method, url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(describe(method, url, "interrupted"), e);
        }
        byte[] content = uncompressed(method, url, response);
        int status = response.statusCode();
        if (status == 200) {
            return content;
        }
        if (status == 800 || status == 1500) {
            if (content.length == 0) {
                throw new RpcException("remote error is empty");
            }
            throw new RemoteException(decode(url, content, json -> JsonCodec.read(json, RemoteError.class)));
        }
        throw new RpcException("[" + status + "] " + HttpStatusText.of(status) + " - " + url);
    }

    private HttpRequest request(String method, String url, Object body) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new RpcException("invalid url " + url + ": " + e.getMessage(), e);
        }
        builder.timeout(timeout).header("Accept-Encoding", "gzip");
        if (method.equals("PUT")) {
            byte[] json = body == null ? new byte[0] : JsonCodec.prettyBytes(body);
            return builder.header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        }
        return builder.GET().build();
    }

    private static byte[] uncompressed(String method, String url, HttpResponse<byte[]> response) {
        boolean gzipped = response.headers().firstValue("Content-Encoding")
                .map(encoding -> encoding.equalsIgnoreCase("gzip")).orElse(false);
        if (!gzipped || response.body().length == 0) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RpcException(describe(method, url, "bad gzip body: " + e.getMessage()), e);
        }
    }

    private static <T> T decode(String url, byte[] json, Function<byte[], T> reader) {
        try {
            return reader.apply(json);
        } catch (JsonDecodeException e) {
            throw new RpcException(e.getMessage() + " - " + url, e);
        }
    }

    private static String describe(String method, String url, String reason) {
        String verb = method.charAt(0) + method.substring(1).toLowerCase();
        return verb + " " + url + ": " + reason;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPathSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_.~$&+,/:;=@".indexOf(c) >= 0;
    }
}
