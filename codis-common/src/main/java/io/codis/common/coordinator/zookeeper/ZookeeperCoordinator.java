package io.codis.common.coordinator.zookeeper;

import io.codis.common.coordinator.ClosingRegistry;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorAuth;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.CoordinatorTimeout;
import io.codis.common.coordinator.CoordinatorListener;
import io.codis.common.coordinator.CoordinatorWatch;
import io.codis.common.coordinator.EphemeralNode;
import io.codis.common.coordinator.NoNodeException;
import io.codis.common.coordinator.NodeExistsException;
import io.codis.common.coordinator.NodePaths;
import io.codis.common.coordinator.OwnedEphemeralNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.CuratorConnectionLossException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryUntilElapsed;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZooKeeper client (Curator) with Codis's semantics: the session timeout is the caller's timeout,
 * nodes get {@link ZookeeperAcls}, parents are created as needed, and no call waits much longer
 * than the timeout for an unreachable ensemble.
 */
public final class ZookeeperCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(ZookeeperCoordinator.class);

    private final String addr;
    private final Duration timeout;
    private final ZookeeperAcls acls;
    private final CuratorFramework curator;
    private final ClosingRegistry resources = new ClosingRegistry();
    /** Our ephemeral nodes and the session that owns each. */
    private final Map<OwnedEphemeralNode, Long> ephemerals = new ConcurrentHashMap<>();
    private final Set<SubtreeWatch> watches = ConcurrentHashMap.newKeySet();
    private final ZookeeperOutage outage;

    /** Connects to the comma-separated {@code addr}; fails if no server answers within the timeout. */
    public ZookeeperCoordinator(String addr, Optional<CoordinatorAuth> auth, Duration timeout) {
        this.addr = addr.replace(" ", "");
        this.timeout = CoordinatorTimeout.orDefault(timeout);
        this.acls = new ZookeeperAcls(auth);
        this.outage = new ZookeeperOutage(this.addr);
        int millis = (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis());
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(this.addr)
                .sessionTimeoutMs(millis)
                .connectionTimeoutMs(Math.max(500, millis / 2))
                .retryPolicy(new RetryUntilElapsed(Math.max(500, millis / 2), 200))
                .aclProvider(acls);
        auth.ifPresent(credentials -> builder.authorization("digest", credentials.text().getBytes(StandardCharsets.UTF_8)));
        this.curator = builder.build();
        curator.getConnectionStateListenable().addListener((client, state) -> connectionChanged(state));
        curator.start();
        try {
            if (!curator.blockUntilConnected(millis, TimeUnit.MILLISECONDS)) {
                curator.close();
                throw new CoordinatorException("zk: cannot connect to " + this.addr + " within " + this.timeout.toMillis() + "ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            curator.close();
            throw new CoordinatorException("zk: interrupted while connecting to " + this.addr, e);
        }
    }

    /** The Curator client, for tests that need to expire its session. */
    CuratorFramework curator() {
        return curator;
    }

    @Override
    public void create(String path, byte[] data) {
        call("create", path, () -> curator.create().creatingParentsIfNeeded()
                .withACL(acls.leaf()).forPath(path, data));
    }

    @Override
    public void update(String path, byte[] data) {
        call("update", path, () -> curator.create().orSetData().creatingParentsIfNeeded()
                .withACL(acls.leaf()).forPath(path, data));
    }

    /** Removes the node (not its children, as the original); an absent node is fine. */
    @Override
    public void delete(String path) {
        call("delete", path, () -> {
            try {
                curator.delete().forPath(path);
            } catch (KeeperException.NoNodeException e) {
                // already gone
            }
            return null;
        });
    }

    @Override
    public Optional<byte[]> read(String path) {
        return call("read", path, () -> {
            try {
                return Optional.of(curator.getData().forPath(path));
            } catch (KeeperException.NoNodeException e) {
                return Optional.<byte[]>empty();
            }
        });
    }

    @Override
    public Optional<List<String>> children(String path) {
        return call("list", path, () -> {
            try {
                List<String> children = new ArrayList<>();
                for (String child : curator.getChildren().forPath(path)) {
                    children.add(NodePaths.join(path, child));
                }
                return Optional.of(children);
            } catch (KeeperException.NoNodeException e) {
                return Optional.<List<String>>empty();
            }
        });
    }

    @Override
    public EphemeralNode createEphemeral(String path, byte[] data) {
        OwnedEphemeralNode node = new OwnedEphemeralNode(path);
        call("create-ephemeral", path, () -> curator.create().creatingParentsIfNeeded()
                .withMode(CreateMode.EPHEMERAL).withACL(acls.leaf()).forPath(path, data));
        long session = sessionId();
        node.onRelease(() -> {
            ephemerals.remove(node);
            resources.remove(node);
            deleteIfOwnedBy(path, session);
        });
        ephemerals.put(node, session);
        resources.add(node);
        Watcher dataWatch = event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                node.markLost();
            }
        };
        try {
            curator.getData().usingWatcher(dataWatch).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            node.markLost();
        } catch (Exception e) {
            node.close();
            throw failure("create-ephemeral", path, e);
        }
        return node;
    }

    /** Uses a persistent recursive watch (ZooKeeper 3.6 or newer), added again after a session loss. */
    @Override
    public CoordinatorWatch watch(String path, CoordinatorListener listener) {
        SubtreeWatch watch = new SubtreeWatch(path, listener);
        call("watch", path, () -> {
            watch.register();
            return null;
        });
        watches.add(watch);
        resources.add(watch);
        return watch;
    }

    @Override
    public void close() {
        resources.closeOnce(curator::close);
    }

    @Override
    public String toString() {
        return "zkclient " + addr;
    }

    private long sessionId() {
        try {
            return curator.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Removes our ephemeral node, but never a node some other session created at the same path since. */
    private void deleteIfOwnedBy(String path, long session) {
        if (resources.isClosed()) {
            return;
        }
        try {
            Stat stat = curator.checkExists().forPath(path);
            if (stat != null && stat.getEphemeralOwner() == session) {
                curator.delete().withVersion(stat.getVersion()).forPath(path);
            }
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            // gone or replaced meanwhile
        } catch (Exception e) {
            LOG.warn("zkclient - remove ephemeral {} failed: {}", path, e.toString());
        }
    }

    /**
     * A lost session takes our ephemeral nodes and watches with it: report the nodes lost, and
     * watch again once connected on a new session (compared by id, as Curator may swap sessions
     * without every step being reported).
     */
    private void connectionChanged(ConnectionState state) {
        if (resources.isClosed()) {
            return;
        }
        outage.changed(state);
        if (state == ConnectionState.LOST) {
            ephemerals.keySet().forEach(OwnedEphemeralNode::markLost);
        } else if (state == ConnectionState.RECONNECTED) {
            long session = sessionId();
            ephemerals.forEach((node, owner) -> {
                if (owner != session) {
                    node.markLost();
                }
            });
            watches.forEach(watch -> watch.renewUnlessOn(session));
        }
    }

    private interface ZkCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String operation, String path, ZkCall<T> body) {
        if (resources.isClosed()) {
            throw new CoordinatorException("use of closed zk client");
        }
        NodePaths.validate(path);
        try {
            return body.run();
        } catch (CoordinatorException e) {
            throw e;
        } catch (Exception e) {
            throw failure(operation, path, e);
        }
    }

    private CoordinatorException failure(String operation, String path, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String what = "zk: " + operation + " " + path + " failed: ";
        if (e instanceof KeeperException.NodeExistsException) {
            return new NodeExistsException(path);
        }
        if (e instanceof KeeperException.NoNodeException) {
            return new NoNodeException(path);
        }
        if (e instanceof KeeperException.NoAuthException) {
            return new CoordinatorException(what + "not authorized (the node's ACL does not allow this client)", e);
        }
        if (e instanceof KeeperException.AuthFailedException) {
            return new CoordinatorException(what + "authentication failed", e);
        }
        if (e instanceof KeeperException.NotEmptyException) {
            return new CoordinatorException(what + "node has children", e);
        }
        if (e instanceof CuratorConnectionLossException || e instanceof KeeperException.ConnectionLossException
                || e instanceof KeeperException.SessionExpiredException || e instanceof KeeperException.OperationTimeoutException) {
            return new CoordinatorException(what + "zookeeper " + addr + " is unreachable (timeout " + timeout.toMillis() + "ms)", e);
        }
        return new CoordinatorException(what + e, e);
    }

    /** A persistent recursive watch on one path. */
    private final class SubtreeWatch implements CoordinatorWatch, Watcher {
        private final String path;
        private final CoordinatorListener listener;
        private volatile boolean stopped;
        private volatile long registeredSession;

        SubtreeWatch(String path, CoordinatorListener listener) {
            this.path = path;
            this.listener = listener;
        }

        void register() throws Exception {
            long session = sessionId();
            curator.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher(this).forPath(path);
            registeredSession = session;
        }

        /** On a new session: watch again and report the subtree, whose changes may have been missed. */
        void renewUnlessOn(long session) {
            if (stopped || session == registeredSession) {
                return;
            }
            try {
                register();
                deliver(path);
            } catch (Exception e) {
                LOG.warn("zkclient - re-watch {} failed: {}", path, e.toString());
            }
        }

        @Override
        public void process(WatchedEvent event) {
            if (event.getType() != Event.EventType.None && event.getPath() != null) {
                deliver(event.getPath());
            }
        }

        private void deliver(String changed) {
            if (stopped) {
                return;
            }
            try {
                listener.changed(changed);
            } catch (RuntimeException e) {
                LOG.warn("zkclient - watch listener of {} failed on {}", path, changed, e);
            }
        }

        @Override
        public void close() {
            if (stopped) {
                return;
            }
            stopped = true;
            watches.remove(this);
            resources.remove(this);
            if (!resources.isClosed()) {
                try {
                    curator.watchers().remove(this).ofType(WatcherType.Any).quietly().inBackground().forPath(path);
                } catch (Exception e) {
                    LOG.debug("zkclient - unwatch {}: {}", path, e.toString());
                }
            }
        }

        @Override
        public String toString() {
            return "zk watch " + path;
        }
    }
}
