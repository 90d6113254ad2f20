package io.codis.common.coordinator.etcd;

import io.codis.common.coordinator.CoordinatorWatch;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the etcd v2 event history of a key (and, when recursive, everything below it) with
 * {@code ?wait=true&waitIndex=N} long polls on a thread of its own, telling {@code onEvent} the key
 * of each event. When the history it needs was already cleared it resumes from the current index and
 * reports the watched key itself, so a change is never silently lost; when etcd cannot be reached it
 * keeps trying.
 */
final class EtcdV2LongPoll implements CoordinatorWatch {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdV2LongPoll.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final EtcdV2Http http;
    private final String key;
    private final boolean recursive;
    private final Consumer<String> onEvent;
    private final Runnable onClose;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile CompletableFuture<EtcdV2Response> pending;
    private long waitIndex;

    EtcdV2LongPoll(EtcdV2Http http, String key, boolean recursive, long fromIndex, Consumer<String> onEvent, Runnable onClose) {
        this.http = http;
        this.key = key;
        this.recursive = recursive;
        this.waitIndex = fromIndex;
        this.onEvent = onEvent;
        this.onClose = onClose;
        this.thread = new Thread(this::follow, "etcd-watch " + key);
        thread.setDaemon(true);
    }

    EtcdV2LongPoll start() {
        thread.start();
        return this;
    }

    private void follow() {
        while (!stopped) {
            try {
                CompletableFuture<EtcdV2Response> poll = http.waitFor(key, recursive, waitIndex, MAX_WAIT);
                pending = poll;
                if (stopped) {
                    poll.cancel(true);
                    return;
                }
                handle(poll.get());
            } catch (InterruptedException | CancellationException e) {
                return;
            } catch (ExecutionException | RuntimeException e) {
                Throwable cause = AsyncFailures.unwrap(e);
                if (!(cause instanceof HttpTimeoutException) && !stopped) {
                    LOG.debug("etcd watch {} failed, retrying: {}", key, cause.toString());
                    pause();
                }
            }
        }
    }

    private void handle(EtcdV2Response response) {
        if (response.error().isPresent()) {
            EtcdV2Error error = response.error().get();
            if (error.code() == EtcdV2Error.EVENT_INDEX_CLEARED) {
                waitIndex = Math.max(waitIndex, error.index() + 1);
                deliver(key);
            } else {
                LOG.warn("etcd watch {} refused: {}", key, error);
                pause();
            }
            return;
        }
        long modified = response.node().path("modifiedIndex").asLong(waitIndex);
        waitIndex = Math.max(waitIndex, modified + 1);
        deliver(response.node().path("key").asText(key));
    }

    private void deliver(String changed) {
        if (stopped) {
            return;
        }
        try {
            onEvent.accept(changed);
        } catch (RuntimeException e) {
            LOG.warn("etcd watch {}: listener failed on {}", key, changed, e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        CompletableFuture<EtcdV2Response> poll = pending;
        if (poll != null) {
            poll.cancel(true);
        }
        thread.interrupt();
        onClose.run();
    }

    @Override
    public String toString() {
        return "etcd watch " + key;
    }
}
