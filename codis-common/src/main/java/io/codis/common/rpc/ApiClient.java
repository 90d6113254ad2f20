package io.codis.common.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.json.JsonCodec;
import io.codis.common.json.JsonDecodeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
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
 * Calls block the calling thread on a plain {@link HttpURLConnection}, one connection per call:
 * no selector thread, which also lets a short-lived program such as codis-admin exit at once (the
 * JVM waits 300 ms at exit for any thread blocked in native code).
 */
public final class ApiClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(1);

    private final Duration timeout;

    public ApiClient() {
        this(DEFAULT_TIMEOUT);
    }

    /** A client whose calls fail after {@code timeout} (connecting included). */
    public ApiClient(Duration timeout) {
        this.timeout = timeout;
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
        HttpURLConnection connection = open(method, url);
        byte[] sent = method.equals("PUT") ? body == null ? new byte[0] : JsonCodec.prettyBytes(body) : null;
        if (sent != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setFixedLengthStreamingMode(sent.length);
        }
        try {
            connect(method, url, connection);
            if (sent != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(sent);
                }
            }
            int status = connection.getResponseCode();
            byte[] content = uncompressed(method, url, connection, status);
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
        } catch (SocketTimeoutException e) {
            throw new RpcException(describe(method, url, "timeout after " + timeout.toMillis() + "ms"), e);
        } catch (IOException e) {
            throw new RpcException(describe(method, url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection open(String method, String url) {
        try {
            URL target = URI.create(url).toURL();
            if (!"http".equals(target.getProtocol())) {
                throw new IllegalArgumentException("not an http url");
            }
            HttpURLConnection connection = (HttpURLConnection) target.openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) (DIAL_TIMEOUT.compareTo(timeout) < 0 ? DIAL_TIMEOUT : timeout).toMillis());
            connection.setReadTimeout((int) Math.max(1, timeout.toMillis()));
            connection.setInstanceFollowRedirects(true);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept-Encoding", "gzip");
            return connection;
        } catch (IllegalArgumentException | IOException e) {
            throw new RpcException("invalid url " + url + ": " + e.getMessage(), e);
        }
    }

    private void connect(String method, String url, HttpURLConnection connection) {
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            throw new RpcException(describe(method, url, "dial timeout after " + connection.getConnectTimeout() + "ms"), e);
        } catch (UnknownHostException e) {
            throw new RpcException(describe(method, url, "unknown host " + connection.getURL().getHost()), e);
        } catch (ConnectException e) {
            throw new RpcException(describe(method, url, "connection refused"), e);
        } catch (IOException e) {
            throw new RpcException(describe(method, url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** The answer's body (the error stream for a status of 400 and above), gunzipped when it says so. */
    private static byte[] uncompressed(String method, String url, HttpURLConnection connection, int status) throws IOException {
        byte[] raw;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            raw = in == null ? new byte[0] : in.readAllBytes();
        }
        String encoding = connection.getContentEncoding();
        if (encoding == null || !encoding.equalsIgnoreCase("gzip") || raw.length == 0) {
            return raw;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
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

    private static boolean isPathSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_.~$&+,/:;=@".indexOf(c) >= 0;
    }
}
