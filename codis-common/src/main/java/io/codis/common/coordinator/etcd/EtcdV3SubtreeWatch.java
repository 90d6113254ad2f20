package io.codis.common.coordinator.etcd;

import io.codis.common.coordinator.CoordinatorListener;
import io.codis.common.coordinator.CoordinatorWatch;
import io.codis.common.coordinator.NodePaths;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch of a node and the keys below it that outlives a server outage: when jetcd gives the watch
 * up (its retries ran out), it is started again from the last revision it saw, so no change is lost,
 * and the listener is told the watched path in case it must re-read.
 */
final class EtcdV3SubtreeWatch implements CoordinatorWatch {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdV3SubtreeWatch.class);
    private static final long RESUME_DELAY_MILLIS = 500;

    private final Client client;
    private final String path;
    private final CoordinatorListener listener;
    private long nextRevision;
    private Watch.Watcher watcher;
    private boolean closed;

    EtcdV3SubtreeWatch(Client client, String path, long fromRevision, CoordinatorListener listener) {
        this.client = client;
        this.path = path;
        this.listener = listener;
        this.nextRevision = fromRevision;
        start();
    }

    private synchronized void start() {
        if (closed) {
            return;
        }
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(nextRevision).build();
        watcher = client.getWatchClient().watch(ByteSequence.from(path, StandardCharsets.UTF_8), option,
                new Watch.Listener() {
                    @Override
                    public void onNext(WatchResponse response) {
                        for (WatchEvent event : response.getEvents()) {
                            seen(event.getKeyValue().getModRevision());
                            String changed = event.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
                            if (NodePaths.isAtOrBelow(changed, path)) {
                                deliver(changed);
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {
                        LOG.warn("etcdv3 - watch {} failed, resuming: {}", path, failure.toString());
                        deliver(path);
                        resumeLater();
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
    }

    private synchronized void seen(long modRevision) {
        nextRevision = Math.max(nextRevision, modRevision + 1);
    }

    private synchronized void resumeLater() {
        if (closed) {
            return;
        }
        watcher.close();
        CompletableFuture.delayedExecutor(RESUME_DELAY_MILLIS, TimeUnit.MILLISECONDS).execute(this::start);
    }

    private void deliver(String changed) {
        try {
            listener.changed(changed);
        } catch (RuntimeException e) {
            LOG.warn("etcdv3 - watch listener of {} failed on {}", path, changed, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watcher.close();
    }

    @Override
    public String toString() {
        return "etcdv3 watch " + path;
    }
}
