package io.codis.common.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every {@link Coordinator} backend must do, run unchanged against each of them by a subclass
 * that says how to reach its (shared, per class) server. Where a backend documents a different
 * behaviour (the filesystem has no ephemeral nodes), the subclass says so and the test asserts that
 * documented behaviour instead.
 */
public abstract class CoordinatorContractTest {
    protected static final Duration EVENTUALLY = Duration.ofSeconds(15);
    /** How long a closed watch gets to misbehave after an open one has seen the same change. */
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static final AtomicInteger TESTS = new AtomicInteger();

    /** The client every test uses. */
    protected Coordinator client;
    /** A path no other test uses, so the shared server needs no cleaning. */
    protected String base;

    /** A new client of the class's server. */
    protected abstract Coordinator connect();

    /** Makes the store unreachable for {@link #connect()}ed clients. */
    protected abstract void takeServerDown();

    /** Undoes {@link #takeServerDown()}. */
    protected abstract void bringServerBack();

    /** Whether ephemeral nodes exist here; when not, createEphemeral must fail with "not supported". */
    protected boolean supportsEphemeral() {
        return true;
    }

    /** Data that must come back byte for byte: every byte value by default. */
    protected byte[] binarySample() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    @BeforeEach
    void openClient(TestInfo test) {
        base = "/contract/" + test.getTestMethod().orElseThrow().getName() + "-" + TESTS.incrementAndGet();
        client = connect();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void createMakesParentsAndReadsBack() {
        String leaf = base + "/a/b/c";
        client.create(leaf, bytes("{\"id\":1}"));

        assertThat(text(client.readExisting(leaf))).isEqualTo("{\"id\":1}");
        assertThat(client.read(leaf)).map(CoordinatorContractTest::text).contains("{\"id\":1}");
        assertThat(client.list(base + "/a")).containsExactly(base + "/a/b");
        assertThat(client.listExisting(base + "/a/b")).containsExactly(leaf);
        assertThat(client.list(base)).containsExactly(base + "/a");
    }

    @Test
    void createFailsWhenTheNodeExistsAndKeepsItsData() {
        String node = base + "/topom";
        client.create(node, bytes("first"));

        assertThatThrownBy(() -> client.create(node, bytes("second")))
                .isInstanceOf(NodeExistsException.class)
                .hasMessageContaining(node);
        assertThat(text(client.readExisting(node))).isEqualTo("first");
    }

    @Test
    void updateCreatesThenOverwrites() {
        String node = base + "/slots/slot-0009";
        client.update(node, bytes("one"));
        assertThat(text(client.readExisting(node))).isEqualTo("one");

        client.update(node, bytes("two"));
        assertThat(text(client.readExisting(node))).isEqualTo("two");
        assertThat(client.list(base + "/slots")).containsExactly(node);
    }

    @Test
    void absentNodesReadAndListAsNothingOrFailWhenRequired() {
        String missing = base + "/missing";

        assertThat(client.read(missing)).isEmpty();
        assertThat(client.list(missing)).isEmpty();
        assertThatThrownBy(() -> client.readExisting(missing)).isInstanceOf(NoNodeException.class).hasMessageContaining(missing);
        assertThatThrownBy(() -> client.listExisting(missing)).isInstanceOf(NoNodeException.class).hasMessageContaining(missing);
    }

    @Test
    void deleteRemovesTheNodeAndAnAbsentNodeIsFine() {
        String node = base + "/group/group-0001";
        client.create(node, bytes("g"));
        client.create(base + "/group/group-0002", bytes("g2"));

        client.delete(node);
        client.delete(node);
        client.delete(base + "/never/there");

        assertThat(client.read(node)).isEmpty();
        assertThat(client.list(base + "/group")).containsExactly(base + "/group/group-0002");
        client.create(node, bytes("again"));
        assertThat(text(client.readExisting(node))).isEqualTo("again");
    }

    @Test
    void listGivesFullChildPaths() {
        for (String name : List.of("proxy-c", "proxy-a", "proxy-b")) {
            client.update(base + "/proxy/" + name, bytes(name));
        }

        assertThat(client.listExisting(base + "/proxy"))
                .containsExactlyInAnyOrder(base + "/proxy/proxy-a", base + "/proxy/proxy-b", base + "/proxy/proxy-c");
    }

    @Test
    void dataRoundTripsExactly() {
        byte[] sample = binarySample();
        client.update(base + "/binary", sample);
        client.create(base + "/empty", new byte[0]);

        assertThat(client.readExisting(base + "/binary")).isEqualTo(sample);
        assertThat(client.readExisting(base + "/empty")).isEmpty();
    }

    @Test
    void concurrentCreatesHaveExactlyOneWinner() throws Exception {
        int racers = 8;
        String lock = base + "/topom";
        List<Coordinator> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int i = 0; i < racers; i++) {
                clients.add(connect());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Coordinator racer = clients.get(i);
                String data = "racer-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        racer.create(lock, bytes(data));
                        return true;
                    } catch (NodeExistsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                if (results.get(i).get(30, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(text(client.readExisting(lock))).isEqualTo("racer-" + winners.get(0));
        } finally {
            pool.shutdownNow();
            clients.forEach(Coordinator::close);
        }
    }

    @Test
    void ephemeralNodeVanishesWhenItsOwnerCloses() {
        String node = base + "/jodis/proxy-1";
        if (!supportsEphemeral()) {
            assertThatThrownBy(() -> client.createEphemeral(node, bytes("x"))).hasMessage("not supported");
            return;
        }
        Coordinator owner = connect();
        EphemeralNode ephemeral;
        try {
            ephemeral = owner.createEphemeral(node, bytes("{\"addr\":\"127.0.0.1:19000\"}"));
            assertThat(ephemeral.path()).isEqualTo(node);
            assertThat(client.read(node)).map(CoordinatorContractTest::text).contains("{\"addr\":\"127.0.0.1:19000\"}");
            assertThatThrownBy(() -> client.createEphemeral(node, bytes("other"))).isInstanceOf(NodeExistsException.class);
        } finally {
            owner.close();
        }
        Await.untilPasses("the closed owner's node gone", EVENTUALLY, () -> assertThat(client.read(node)).isEmpty());
        assertThat(ephemeral.lost()).isNotDone();
    }

    @Test
    void closingAnEphemeralNodeRemovesItWithoutReportingItLost() {
        String node = base + "/jodis/proxy-2";
        if (!supportsEphemeral()) {
            assertThatThrownBy(() -> client.createEphemeral(node, bytes("x"))).hasMessage("not supported");
            return;
        }
        EphemeralNode ephemeral = client.createEphemeral(node, bytes("x"));
        ephemeral.close();
        ephemeral.close();

        assertThat(client.read(node)).isEmpty();
        pause(Duration.ofMillis(300));
        assertThat(ephemeral.lost()).isNotDone();
        client.createEphemeral(node, bytes("again")).close();
    }

    @Test
    void ephemeralNodeIsLostWhenSomeoneElseDeletesIt() throws Exception {
        String node = base + "/jodis/proxy-3";
        if (!supportsEphemeral()) {
            assertThatThrownBy(() -> client.createEphemeral(node, bytes("x"))).hasMessage("not supported");
            return;
        }
        try (Coordinator owner = connect()) {
            EphemeralNode ephemeral = owner.createEphemeral(node, bytes("x"));
            assertThat(ephemeral.lost()).isNotDone();

            client.delete(node);

            ephemeral.lost().get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void ephemeralNodeIsLostWhenSomeoneElseChangesIt() throws Exception {
        String node = base + "/jodis/proxy-4";
        if (!supportsEphemeral()) {
            assertThatThrownBy(() -> client.createEphemeral(node, bytes("x"))).hasMessage("not supported");
            return;
        }
        try (Coordinator owner = connect()) {
            EphemeralNode ephemeral = owner.createEphemeral(node, bytes("x"));

            client.update(node, bytes("changed"));

            ephemeral.lost().get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void watchReportsCreateChangeAndDeleteBelowThePath() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        String node = base + "/watched/group/group-0001";
        client.update(base + "/watched/seed", bytes("s"));
        try (CoordinatorWatch watch = client.watch(base + "/watched", events::add)) {
            client.update(base + "/watched-sibling", bytes("not below"));
            client.create(node, bytes("v1"));
            awaitEvent(events, node);

            client.update(node, bytes("v2 is longer"));
            awaitEvent(events, node);

            client.delete(node);
            awaitEvent(events, node);
        }
        assertThat(events).allMatch(path -> NodePaths.isAtOrBelow(path, base + "/watched"));
    }

    @Test
    void closedWatchReportsNothing() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        BlockingQueue<String> control = new LinkedBlockingQueue<>();
        String node = base + "/quiet/node";
        CoordinatorWatch watch = client.watch(base + "/quiet", events::add);
        client.update(node, bytes("v1"));
        awaitEvent(events, node);

        watch.close();
        events.clear();
        try (CoordinatorWatch stillOpen = client.watch(base + "/quiet", control::add)) {
            client.update(node, bytes("v2 after close"));
            client.update(base + "/quiet/other", bytes("new"));
            awaitEvent(control, base + "/quiet/other");
            pause(SETTLE);
        }

        assertThat(events).isEmpty();
    }

    @Test
    void closingTheClientStopsItsWatches() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        BlockingQueue<String> control = new LinkedBlockingQueue<>();
        Coordinator watcher = connect();
        watcher.watch(base, events::add);
        watcher.close();
        watcher.close();

        try (CoordinatorWatch stillOpen = client.watch(base, control::add)) {
            client.update(base + "/after-close", bytes("x"));
            awaitEvent(control, base + "/after-close");
            pause(SETTLE);
        }

        assertThat(events).isEmpty();
        assertThatThrownBy(() -> watcher.read(base)).isInstanceOf(CoordinatorException.class);
    }

    @Test
    void serverDownFailsClearlyAndRecovers() throws Exception {
        String node = base + "/topom";
        client.update(node, bytes("before"));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (CoordinatorWatch watch = client.watch(base, events::add)) {
            takeServerDown();
            try {
                assertThatThrownBy(() -> client.read(node))
                        .isInstanceOf(CoordinatorException.class)
                        .isNotInstanceOf(NoNodeException.class)
                        .hasMessageContaining(node);
            } finally {
                bringServerBack();
            }
            Await.untilPasses("the node readable again", EVENTUALLY,
                    () -> assertThat(client.read(node)).map(CoordinatorContractTest::text).contains("before"));

            // a client that had to watch again (new ZooKeeper session) may report the change as its watched root
            events.clear();
            client.update(base + "/after-restart", bytes("x"));
            awaitEvent(events, base + "/after-restart", base);
        }
    }

    @Test
    void invalidPathsAreRefused() {
        assertThatThrownBy(() -> client.read("relative/path")).isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("invalid path");
        assertThatThrownBy(() -> client.update(base + "//double", bytes("x"))).isInstanceOf(CoordinatorException.class);
        assertThatThrownBy(() -> client.update(base + "/../escape", bytes("x"))).isInstanceOf(CoordinatorException.class);
    }

    // ----- helpers for the backend tests -----

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Waits until {@code events} holds one of {@code paths}, consuming the events up to it. */
    protected static void awaitEvent(BlockingQueue<String> events, String... paths) {
        List<String> wanted = List.of(paths);
        List<String> seen = new ArrayList<>();
        Await.until("an event for " + String.join(" or ", paths), EVENTUALLY, () -> {
            for (String event = events.poll(); event != null; event = events.poll()) {
                seen.add(event);
                if (wanted.contains(event)) {
                    break;
                }
            }
            return seen;
        }, saw -> !saw.isEmpty() && wanted.contains(saw.get(saw.size() - 1)));
    }

    protected static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static Optional<String> readText(Coordinator coordinator, String path) {
        return coordinator.read(path).map(CoordinatorContractTest::text);
    }
}
