package io.codis.common.testkit;

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd (Debian's, 3.4) on free loopback client and peer ports in its own temp dir, with the v2
 * keys API when asked ({@link Builder#enableV2()}). Closing it stops the server and removes the dir.
 */
public final class EtcdServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int clientPort;
    private final int peerPort;
    private final boolean v2;
    private final Path dir;
    private final ExternalProcess process;

    private EtcdServer(Builder builder) {
        this.clientPort = FreePorts.next();
        this.peerPort = FreePorts.next();
        this.v2 = builder.v2;
        this.dir = TempDirs.create("etcd-" + clientPort + "-");
        String name = "etcd-" + clientPort;
        String clientUrl = "http://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of(builder.binary,
                "--name", name,
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", name + "=" + peerUrl,
                "--initial-cluster-state", "new",
                "--enable-v2=" + v2));
        this.process = ExternalProcess.start(name, command, dir, dir.resolve("etcd.log"));
        awaitReady();
    }

    public static EtcdServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return clientPort;
    }

    /** "127.0.0.1:port", as an operator writes coordinator_addr. */
    public String addr() {
        return "127.0.0.1:" + clientPort;
    }

    /** "http://127.0.0.1:port". */
    public String endpoint() {
        return "http://" + addr();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server with SIGTERM, keeping its ports and data for {@link #restart()}. */
    public void stop() {
        process.stop();
    }

    /** Starts the stopped server again with the same ports and data, and waits until it is healthy. */
    public void restart() {
        process.restart(dir);
        awaitReady();
    }

    /**
     * Turns on v2 auth (the v2 API must be on): creates user {@code root} with {@code rootPassword},
     * enables auth and takes every key permission from the {@code guest} role, so that requests
     * without credentials are refused too.
     */
    public void enableV2Auth(String rootPassword) {
        v2Request("PUT", "/v2/auth/users/root", "{\"user\":\"root\",\"password\":\"" + rootPassword + "\"}", null);
        v2Request("PUT", "/v2/auth/enable", "", null);
        v2Request("PUT", "/v2/auth/roles/guest",
                "{\"role\":\"guest\",\"revoke\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}", "root:" + rootPassword);
    }

    /** Turns on v3 auth: user {@code root} with {@code rootPassword} and the root role. */
    public void enableV3Auth(String rootPassword) {
        ByteSequence root = ByteSequence.from("root", StandardCharsets.UTF_8);
        try (Client client = Client.builder().endpoints(endpoint()).build()) {
            Auth auth = client.getAuthClient();
            auth.userAdd(root, ByteSequence.from(rootPassword, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            auth.roleAdd(root).get(10, TimeUnit.SECONDS);
            auth.userGrantRole(root, root).get(10, TimeUnit.SECONDS);
            auth.authEnable().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot enable v3 auth on " + this + ": " + e, e);
        }
    }

    @Override
    public void close() {
        process.close();
        TempDirs.delete(dir);
    }

    @Override
    public String toString() {
        return "etcd " + endpoint() + (v2 ? " (v2 on)" : "");
    }

    private void v2Request(String method, String path, String body, String basicAuth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (basicAuth != null) {
            request.header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " on " + this + " answered "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " on " + this + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitReady() {
        process.awaitReady(this::healthy, READY_TIMEOUT);
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Options of a server to start. */
    public static final class Builder {
        private String binary = "etcd";
        private boolean v2;

        private Builder() {
        }

        /** {@code --enable-v2=true}: the v2 keys API Codis 3.2 speaks. */
        public Builder enableV2() {
            this.v2 = true;
            return this;
        }

        Builder binary(String binary) {
            this.binary = binary;
            return this;
        }

        public EtcdServer start() {
            return new EtcdServer(this);
        }
    }
}
