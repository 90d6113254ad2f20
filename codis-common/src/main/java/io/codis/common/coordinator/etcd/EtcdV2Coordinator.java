package io.codis.common.coordinator.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.coordinator.ClosingRegistry;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorAuth;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.CoordinatorTimeout;
import io.codis.common.coordinator.CoordinatorListener;
import io.codis.common.coordinator.CoordinatorWatch;
import io.codis.common.coordinator.EphemeralNode;
import io.codis.common.coordinator.NodeExistsException;
import io.codis.common.coordinator.NodePaths;
import io.codis.common.coordinator.OwnedEphemeralNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd v2 keys API client Codis 3.2 uses, so that data is shared with the original tools: values
 * are UTF-8 strings (JSON in practice), directories are etcd's own. Needs etcd with {@code --enable-v2}.
 */
public final class EtcdV2Coordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdV2Coordinator.class);

    private final Duration timeout;
    private final EtcdV2Http http;
    private final ClosingRegistry resources = new ClosingRegistry();
    private final ScheduledExecutorService refresher;

    public EtcdV2Coordinator(String addr, Optional<CoordinatorAuth> auth, Duration timeout) {
        this.timeout = CoordinatorTimeout.orDefault(timeout);
        this.http = new EtcdV2Http(EtcdEndpoints.parse(addr), auth, this.timeout);
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "etcd-ttl-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void create(String path, byte[] data) {
        EtcdV2Response response = send("create", "PUT", path, Map.of("prevExist", "false"), text(data));
        if (response.failedWith(EtcdV2Error.NODE_EXIST)) {
            throw new NodeExistsException(path);
        }
        expectSuccess("create", path, response);
    }

    @Override
    public void update(String path, byte[] data) {
        expectSuccess("update", path, send("update", "PUT", path, Map.of(), text(data)));
    }

    /** Removes a key (not a directory, as the original); an absent key is fine. */
    @Override
    public void delete(String path) {
        EtcdV2Response response = send("delete", "DELETE", path, Map.of(), null);
        if (!response.failedWith(EtcdV2Error.KEY_NOT_FOUND)) {
            expectSuccess("delete", path, response);
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        return get("read", path).map(node -> {
            if (node.path("dir").asBoolean()) {
                throw new CoordinatorException("etcd: not a file, path = " + path);
            }
            return node.path("value").asText().getBytes(StandardCharsets.UTF_8);
        });
    }

    @Override
    public Optional<List<String>> children(String path) {
        return get("list", path).map(node -> {
            if (!node.path("dir").asBoolean()) {
                throw new CoordinatorException("etcd: not a dir, path = " + path);
            }
            List<String> children = new ArrayList<>();
            node.path("nodes").forEach(child -> children.add(child.path("key").asText()));
            return children;
        });
    }

    /**
     * A key with a TTL of the client's timeout, refreshed every half timeout; lost when a refresh
     * fails or anyone else changes or removes the key (refreshes do not show up as events).
     */
    @Override
    public EphemeralNode createEphemeral(String path, byte[] data) {
        String ttl = Long.toString(CoordinatorTimeout.ttlSeconds(timeout));
        EtcdV2Response created = send("create-ephemeral", "PUT", path, Map.of("prevExist", "false", "ttl", ttl), text(data));
        if (created.failedWith(EtcdV2Error.NODE_EXIST)) {
            throw new NodeExistsException(path);
        }
        expectSuccess("create-ephemeral", path, created);
        AtomicLong modifiedIndex = new AtomicLong(created.node().path("modifiedIndex").asLong());
        OwnedEphemeralNode node = new OwnedEphemeralNode(path);
        long period = Math.max(100, timeout.toMillis() / 2);
        ScheduledFuture<?> refreshing = refresher.scheduleWithFixedDelay(
                () -> refresh(node, ttl, modifiedIndex), period, period, TimeUnit.MILLISECONDS);
        EtcdV2LongPoll changes = new EtcdV2LongPoll(http, path, false, modifiedIndex.get() + 1, changed -> {
            refreshing.cancel(false);
            node.markLost();
        }, () -> {
        });
        node.onRelease(() -> {
            resources.remove(node);
            refreshing.cancel(false);
            changes.close();
            removeIfStill(path, modifiedIndex.get());
        });
        resources.add(node);
        changes.start();
        return node;
    }

    @Override
    public CoordinatorWatch watch(String path, CoordinatorListener listener) {
        EtcdV2Response current = send("watch", "GET", path, Map.of("quorum", "true"), null);
        if (current.error().isPresent() && !current.failedWith(EtcdV2Error.KEY_NOT_FOUND)) {
            expectSuccess("watch", path, current);
        }
        long index = current.etcdIndex() > 0 ? current.etcdIndex() : current.error().map(EtcdV2Error::index).orElse(0L);
        EtcdV2LongPoll[] self = new EtcdV2LongPoll[1];
        self[0] = new EtcdV2LongPoll(http, path, true, index + 1, listener::changed, () -> resources.remove(self[0]));
        resources.add(self[0]);
        return self[0].start();
    }

    @Override
    public void close() {
        resources.closeOnce(refresher::shutdownNow);
    }

    @Override
    public String toString() {
        return "etcdclient " + http.endpoints();
    }

    private void refresh(OwnedEphemeralNode node, String ttl, AtomicLong modifiedIndex) {
        if (node.isClosed() || node.lost().isDone()) {
            throw new IllegalStateException("stop refreshing");
        }
        try {
            EtcdV2Response response = http.send("PUT", node.path(),
                    Map.of("refresh", "true", "prevExist", "true", "ttl", ttl), null);
            if (response.error().isPresent()) {
                LOG.warn("etcdclient - refresh ttl of {} failed: {}", node.path(), response.error().get());
                node.markLost();
                throw new IllegalStateException("stop refreshing");
            }
            modifiedIndex.set(response.node().path("modifiedIndex").asLong(modifiedIndex.get()));
        } catch (CoordinatorException e) {
            LOG.warn("etcdclient - refresh ttl of {} failed: {}", node.path(), e.getMessage());
            node.markLost();
            throw new IllegalStateException("stop refreshing", e);
        }
    }

    /** Deletes our ephemeral key unless someone replaced it meanwhile. */
    private void removeIfStill(String path, long modifiedIndex) {
        if (resources.isClosed()) {
            return;
        }
        try {
            EtcdV2Response response = http.send("DELETE", path, Map.of("prevIndex", Long.toString(modifiedIndex)), null);
            if (response.error().isPresent() && !response.failedWith(EtcdV2Error.KEY_NOT_FOUND)
                    && !response.failedWith(EtcdV2Error.TEST_FAILED)) {
                LOG.warn("etcdclient - remove ephemeral {} failed: {}", path, response.error().get());
            }
        } catch (CoordinatorException e) {
            LOG.warn("etcdclient - remove ephemeral {} failed: {}", path, e.getMessage());
        }
    }

    private Optional<JsonNode> get(String operation, String path) {
        EtcdV2Response response = send(operation, "GET", path, Map.of("quorum", "true"), null);
        if (response.failedWith(EtcdV2Error.KEY_NOT_FOUND)) {
            return Optional.empty();
        }
        expectSuccess(operation, path, response);
        return Optional.of(response.node());
    }

    private EtcdV2Response send(String operation, String method, String path, Map<String, String> query, String value) {
        if (resources.isClosed()) {
            throw new CoordinatorException("use of closed etcd client");
        }
        NodePaths.validate(path);
        try {
            return http.send(method, path, query, value);
        } catch (CoordinatorException e) {
            throw new CoordinatorException("etcd: " + operation + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static void expectSuccess(String operation, String path, EtcdV2Response response) {
        if (response.error().isEmpty()) {
            return;
        }
        EtcdV2Error error = response.error().get();
        String what = "etcd: " + operation + " " + path + " failed: ";
        throw switch (error.code()) {
            case EtcdV2Error.UNAUTHORIZED -> new CoordinatorException(what + "authentication failed or permission denied: " + error);
            case EtcdV2Error.NOT_FILE -> new CoordinatorException(what + "not a file: " + error);
            case EtcdV2Error.NOT_DIR -> new CoordinatorException(what + "a parent is not a dir: " + error);
            default -> new CoordinatorException(what + error);
        };
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
