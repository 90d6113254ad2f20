package io.codis.common.coordinator.etcd;

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
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An etcd v3 (gRPC, jetcd) client. Not what Codis 3.2 speaks (see {@link EtcdV2Coordinator}); for
 * deployments that run etcd without the v2 API. Keys are the node paths; directories are implied by
 * the keys below them: {@code list("/a")} returns {@code /a/b} when only {@code /a/b/c} exists.
 */
public final class EtcdV3Coordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdV3Coordinator.class);

    private final Duration timeout;
    private final List<String> endpoints;
    private final Client client;
    private final ClosingRegistry resources = new ClosingRegistry();

    public EtcdV3Coordinator(String addr, Optional<CoordinatorAuth> auth, Duration timeout) {
        this.timeout = CoordinatorTimeout.orDefault(timeout);
        this.endpoints = EtcdEndpoints.parse(addr).stream().map(Object::toString).toList();
        ClientBuilder builder = Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(this.timeout)
                .retryMaxDuration(this.timeout);
        auth.ifPresent(credentials -> builder.user(bytes(credentials.user())).password(bytes(credentials.password())));
        this.client = builder.build();
    }

    @Override
    public void create(String path, byte[] data) {
        TxnResponse response = await("create", path, client.getKVClient().txn()
                .If(absent(path))
                .Then(Op.put(key(path), ByteSequence.from(data), PutOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            throw new NodeExistsException(path);
        }
    }

    @Override
    public void update(String path, byte[] data) {
        await("update", path, client.getKVClient().put(key(path), ByteSequence.from(data)));
    }

    /** Removes the key (not the keys below it); an absent key is fine. */
    @Override
    public void delete(String path) {
        await("delete", path, client.getKVClient().delete(key(path)));
    }

    @Override
    public Optional<byte[]> read(String path) {
        GetResponse response = await("read", path, client.getKVClient().get(key(path)));
        return response.getKvs().stream().findFirst().map(kv -> kv.getValue().getBytes());
    }

    /** A node exists when its key does or any key below it does. */
    @Override
    public Optional<List<String>> children(String path) {
        List<String> children = childKeys(path);
        if (children.isEmpty() && read(path).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(children);
    }

    private List<String> childKeys(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        GetResponse response = await("list", path, client.getKVClient().get(bytes(prefix),
                GetOption.builder().isPrefix(true).withKeysOnly(true).withSortField(GetOption.SortTarget.KEY)
                        .withSortOrder(GetOption.SortOrder.ASCEND).build()));
        Set<String> children = new LinkedHashSet<>();
        for (KeyValue kv : response.getKvs()) {
            String below = text(kv.getKey());
            if (below.length() > prefix.length()) {
                children.add(NodePaths.childToward(path, below));
            }
        }
        return List.copyOf(children);
    }

    /** A key on a lease of the client's timeout, kept alive; lost when the lease ends or anyone else changes or removes the key. */
    @Override
    public EphemeralNode createEphemeral(String path, byte[] data) {
        long ttl = CoordinatorTimeout.ttlSeconds(timeout);
        long lease = await("create-ephemeral", path, client.getLeaseClient().grant(ttl)).getID();
        TxnResponse created;
        try {
            created = await("create-ephemeral", path, client.getKVClient().txn()
                    .If(absent(path))
                    .Then(Op.put(key(path), ByteSequence.from(data), PutOption.builder().withLeaseId(lease).build()))
                    .commit());
        } catch (CoordinatorException e) {
            client.getLeaseClient().revoke(lease);
            throw e;
        }
        if (!created.isSucceeded()) {
            client.getLeaseClient().revoke(lease);
            throw new NodeExistsException(path);
        }
        long revision = created.getHeader().getRevision();
        OwnedEphemeralNode node = new OwnedEphemeralNode(path);
        CloseableClient keepAlive = client.getLeaseClient().keepAlive(lease, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
                if (response.getTTL() <= 0) {
                    node.markLost();
                }
            }

            @Override
            public void onError(Throwable failure) {
                LOG.warn("etcdv3 - lease of ephemeral {} lost: {}", path, failure.toString());
                node.markLost();
            }

            @Override
            public void onCompleted() {
                node.markLost();
            }
        });
        Watch.Watcher changes = watchKey(path, revision + 1, changed -> node.markLost());
        node.onRelease(() -> {
            resources.remove(node);
            changes.close();
            keepAlive.close();
            if (!resources.isClosed()) {
                client.getLeaseClient().revoke(lease).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(failure -> {
                            if (!node.lost().isDone()) {
                                LOG.warn("etcdv3 - revoke lease of {} failed: {}", path, AsyncFailures.describe(failure));
                            }
                            return null;
                        }).join();
            }
        });
        resources.add(node);
        return node;
    }

    @Override
    public CoordinatorWatch watch(String path, CoordinatorListener listener) {
        long revision = await("watch", path, client.getKVClient().get(key(path))).getHeader().getRevision();
        EtcdV3SubtreeWatch subtree = new EtcdV3SubtreeWatch(client, path, revision + 1, listener);
        CoordinatorWatch watch = new CoordinatorWatch() {
            @Override
            public void close() {
                resources.remove(this);
                subtree.close();
            }

            @Override
            public String toString() {
                return subtree.toString();
            }
        };
        return resources.add(watch);
    }

    @Override
    public void close() {
        resources.closeOnce(client::close);
    }

    @Override
    public String toString() {
        return "etcdv3client " + endpoints;
    }

    /** Watches the key {@code path}, telling {@code onChange} when it changes or the watch fails. */
    private Watch.Watcher watchKey(String path, long fromRevision, Consumer<String> onChange) {
        WatchOption option = WatchOption.builder().withRevision(fromRevision).build();
        return client.getWatchClient().watch(key(path), option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                for (WatchEvent event : response.getEvents()) {
                    String changed = text(event.getKeyValue().getKey());
                    if (NodePaths.isAtOrBelow(changed, path)) {
                        deliver(path, changed, onChange);
                    }
                }
            }

            @Override
            public void onError(Throwable failure) {
                LOG.warn("etcdv3 - watch {} failed: {}", path, failure.toString());
                deliver(path, path, onChange);
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    private static void deliver(String path, String changed, Consumer<String> onChange) {
        try {
            onChange.accept(changed);
        } catch (RuntimeException e) {
            LOG.warn("etcdv3 - watch listener of {} failed on {}", path, changed, e);
        }
    }

    private <T> T await(String operation, String path, CompletableFuture<T> future) {
        if (resources.isClosed()) {
            future.cancel(true);
            throw new CoordinatorException("use of closed etcd client");
        }
        NodePaths.validate(path);
        String what = "etcdv3: " + operation + " " + path + " failed: ";
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CoordinatorException(what + "etcd " + endpoints + " did not answer within " + timeout.toMillis() + "ms", e);
        } catch (ExecutionException e) {
            Throwable cause = AsyncFailures.unwrap(e);
            throw new CoordinatorException(what + AsyncFailures.describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new CoordinatorException(what + "interrupted", e);
        }
    }

    private static Cmp absent(String path) {
        return new Cmp(key(path), Cmp.Op.EQUAL, CmpTarget.version(0));
    }

    private static ByteSequence key(String path) {
        return bytes(NodePaths.validate(path));
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
