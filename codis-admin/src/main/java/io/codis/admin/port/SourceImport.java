package io.codis.admin.port;

import com.moilioncircle.redis.replicator.Configuration;
import com.moilioncircle.redis.replicator.RedisReplicator;
import com.moilioncircle.redis.replicator.Replicator;
import com.moilioncircle.redis.replicator.cmd.CommandName;
import com.moilioncircle.redis.replicator.cmd.impl.DefaultCommand;
import com.moilioncircle.redis.replicator.cmd.parser.DefaultCommandParser;
import com.moilioncircle.redis.replicator.event.Event;
import com.moilioncircle.redis.replicator.event.PostRdbSyncEvent;
import com.moilioncircle.redis.replicator.event.PreRdbSyncEvent;
import com.moilioncircle.redis.replicator.rdb.dump.DumpRdbVisitor;
import com.moilioncircle.redis.replicator.rdb.dump.datatype.DumpFunction;
import com.moilioncircle.redis.replicator.rdb.dump.datatype.DumpKeyValuePair;
import ch.qos.logback.classic.Level;
import com.moilioncircle.redis.replicator.Status;
import io.codis.common.api.ProxyApi;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * {@code codis-admin --import}: replicates the source as its replica (PSYNC, through
 * redis-replicator), restores the RDB snapshot's keys on the cluster's masters, then applies the
 * replication stream through a proxy until stopped (Ctrl-C), or stops after the snapshot.
 */
public final class SourceImport {
    private static final long RECONNECT_INTERVAL_MS = 1000;
    private static final int RETRIES = 30;
    private static final int SUMMARY_WAIT_SECONDS = 3;

    private final ImportSettings settings;
    private final ClusterView cluster;
    private final ProxyApi proxyApi;
    private final ImportProgress progress;
    private final SourceLink source;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger snapshots = new AtomicInteger();
    private volatile Replicator replicator;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean stoppedBySignal;
    private final AtomicBoolean summaryPrinted = new AtomicBoolean();
    private int streamDb;

    private SourceImport(ImportSettings settings, ClusterView cluster, ProxyApi proxyApi, PrintWriter out, boolean terminal) {
        this.settings = settings;
        this.cluster = cluster;
        this.proxyApi = proxyApi;
        this.progress = new ImportProgress(out, terminal);
        this.source = new SourceLink(settings.from(), settings.fromAuth());
    }

    /** A slot that moves would take the keys restored on its old master out of sight: the import stops. */
    private void stopIfASlotMoved() {
        try {
            cluster.changeIn(proxyApi).ifPresent(change -> {
                failure.compareAndSet(null, new ImportFailure(change + " during the import; let the slot actions finish,"
                        + " then run the import again with --replace"));
                stop();
            });
        } catch (RuntimeException proxyUnreachable) {
            // the stream's writes through the proxy fail and say so; the next tick asks again
        }
    }

    /**
     * Runs the import into the cluster {@code proxyApi}'s proxy sees; returns when done (--no-follow)
     * or stopped, and stops with an error as soon as a slot moves.
     */
    public static void run(ImportSettings settings, ProxyApi proxyApi, PrintWriter out, boolean terminal) {
        ClusterView cluster = ClusterView.ofProxy(proxyApi);
        if (settings.db() >= 0) {
            cluster.checkDb(settings.db());
        }
        new SourceImport(settings, cluster, proxyApi, out, terminal).run();
    }

    private void run() {
        if (Logs.level() != LogLevel.DEBUG) {
            // its socket errors come with stack traces: the status lines below say what happens
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.moilioncircle")).setLevel(Level.OFF);
        }
        List<String> commands = source.commandNames();
        if (!commands.contains("psync") && !commands.contains("sync")) {
            throw new ImportFailure("source " + settings.from() + " refuses replicas: it has no PSYNC or SYNC command"
                    + " (renamed or disabled)");
        }
        Pace pace = new Pace(settings.rate());
        Configuration configuration = Configuration.defaultSetting()
                .setRetries(RETRIES).setRetryTimeInterval((int) RECONNECT_INTERVAL_MS)
                .setConnectionTimeout(5000).setReadTimeout(60000);
        if (settings.fromAuth() != null && !settings.fromAuth().isEmpty()) {
            configuration.setAuthPassword(settings.fromAuth());
        }
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch summarised = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(() -> {
            stoppedBySignal = true;
            // closing the replication link can wait for the source's next byte (its PING to replicas
            // comes every 10 s): close it aside, and print the summary here if the import has not by then
            Thread closer = new Thread(this::stop, "import-close");
            closer.setDaemon(true);
            closer.start();
            try {
                summarised.await(SUMMARY_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            summaryOnce();
        }, "import-stop");
        try (SnapshotWriter snapshot = new SnapshotWriter(cluster, settings.auth(), progress, pace);
                StreamWriter stream = new StreamWriter(new RedisLink(cluster.proxy(), settings.auth()), progress, pace)) {
            Replicator r = new RedisReplicator(settings.from().host(), settings.from().port(), configuration);
            replicator = r;
            r.setRdbVisitor(new DumpRdbVisitor(r));
            for (String command : commands) {
                r.addCommandParser(CommandName.name(command.toUpperCase(Locale.ROOT)), new DefaultCommandParser());
            }
            r.addEventListener((rep, event) -> onEvent(event, snapshot, stream));
            r.addStatusListener((rep, status) -> onStatus(status));
            r.addExceptionListener((rep, error, event) -> {
                failure.compareAndSet(null, error);
                stop();
            });
            ticks.scheduleWithFixedDelay(() -> flushQuietly(stream), 10, 10, TimeUnit.MILLISECONDS);
            ticks.scheduleWithFixedDelay(() -> progress.tick(offset(), source::masterOffset), 1, 1, TimeUnit.SECONDS);
            ticks.scheduleWithFixedDelay(this::stopIfASlotMoved, 1, 1, TimeUnit.SECONDS);
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            progress.expectKeys(source.keyCount(settings.db()));
            r.open();
            stream.flush();
            Throwable error = failure.get();
            if (error instanceof ImportFailure importFailure) {
                throw importFailure;
            } else if (error != null) {
                throw new ImportFailure("source " + settings.from() + ": " + ImportFailure.messageOf(error));
            }
            if (snapshots.get() == 0 && failure.get() == null && !stoppedBySignal) {
                throw new ImportFailure("source " + settings.from() + " sent no snapshot after " + RETRIES
                        + " attempts (is it a replica whose master is down? run with -v to see its replies)");
            }
        } catch (IOException e) {
            throw new ImportFailure("source " + settings.from() + ": " + ImportFailure.messageOf(e));
        } finally {
            ticks.shutdownNow();
            source.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stopped us
            }
            summaryOnce();
            summarised.countDown();
        }
    }

    private void onStatus(Status status) {
        if (status == Status.DISCONNECTED && !stopping && snapshots.get() == 0) {
            progress.say("source " + settings.from() + " did not start a snapshot, retrying (" + connections.get()
                    + "/" + RETRIES + ")");
        } else if (status == Status.DISCONNECTED && !stopping) {
            progress.say("link to source " + settings.from() + " lost at offset " + offset() + ", reconnecting");
        } else if (status == Status.CONNECTED && connections.getAndIncrement() > 0 && snapshots.get() > 0) {
            progress.say("reconnected to source " + settings.from() + ", continuing from offset " + offset());
        }
    }

    private void onEvent(Event event, SnapshotWriter snapshot, StreamWriter stream) {
        try {
            if (event instanceof PreRdbSyncEvent) {
                if (snapshots.getAndIncrement() > 0) {
                    progress.say("source " + settings.from() + " could not continue from offset " + offset()
                            + " (no longer in its backlog): full resync, the new snapshot overwrites the keys copied before");
                }
            } else if (event instanceof DumpKeyValuePair kv) {
                int db = (int) kv.getDb().getDbNumber();
                if (!settings.copies(db)) {
                    progress.otherDbs.incrementAndGet();
                } else if (db >= cluster.databases()) {
                    progress.skipped("DB " + db + " is outside the proxy's DB [0," + cluster.databases() + ")");
                } else if (kv.getExpiredMs() != null && kv.getExpiredMs() <= System.currentTimeMillis()) {
                    progress.expired.incrementAndGet();
                } else {
                    snapshot.restore(db, kv.getKey(), kv.getExpiredMs(), kv.getValue(),
                            settings.replace() || snapshots.get() > 1);
                }
            } else if (event instanceof DumpFunction function) {
                stream.restoreFunctions(function.getSerialized(), settings.replace() || snapshots.get() > 1);
            } else if (event instanceof PostRdbSyncEvent) {
                snapshot.flushAll();
                progress.tick(offset(), source::masterOffset);
                progress.snapshotDone();
                if (!settings.follow()) {
                    stop();
                }
            } else if (event instanceof DefaultCommand command && progress.following()) {
                if ("SELECT".equalsIgnoreCase(new String(command.getCommand(), StandardCharsets.US_ASCII))) {
                    streamDb = Integer.parseInt(new String(command.getArgs()[0], StandardCharsets.US_ASCII));
                } else if (settings.copies(streamDb) && streamDb < cluster.databases()) {
                    stream.apply(streamDb, command.getCommand(), command.getArgs());
                }
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            stop();
        }
    }

    private long offset() {
        Replicator r = replicator;
        return r == null ? -1 : r.getConfiguration().getReplOffset();
    }

    private void flushQuietly(StreamWriter stream) {
        try {
            stream.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            stop();
        }
    }

    /** The summary, printed once, by whichever of the import and the signal handler gets there first. */
    private void summaryOnce() {
        if (summaryPrinted.compareAndSet(false, true)) {
            progress.summary(settings.from().toString(), offset(), settings.follow());
        }
    }

    private void stop() {
        stopping = true;
        Replicator r = replicator;
        if (r != null) {
            try {
                r.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
