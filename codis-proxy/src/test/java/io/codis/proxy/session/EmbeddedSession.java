package io.codis.proxy.session;

import io.codis.common.config.ProxyConfig;
import io.codis.common.model.Slot;
import io.codis.common.resp.RespRequestDecoder;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.proxy.backend.Transport;
import io.codis.proxy.router.Router;
import io.codis.proxy.stats.DataPlaneStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Session} on an {@link EmbeddedChannel}: the test writes the client's bytes in and reads the
 * session's bytes out. The session's backend connections are real ones on a real event loop, so every
 * step of the session (the client side, the backend replies, the flush batch) runs on that loop: the
 * test hands each of its own steps to it.
 */
final class EmbeddedSession implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Router router;
    private final Sessions sessions;
    private final DataPlaneStats stats = new DataPlaneStats();
    private final StringBuilder received = new StringBuilder();
    private EmbeddedChannel client;

    /** A session of a proxy configured by {@code toml}, with every slot on {@code backend}. */
    EmbeddedSession(String toml, String backend) {
        Transport transport = Transport.best();
        this.group = transport.newGroup(1, "embedded-session");
        this.loop = group.next();
        ProxyConfig config = ProxyConfig.parse(toml);
        this.router = new Router(config);
        this.sessions = new Sessions(config, router, stats, transport, group, l -> true);
        fill(backend, 0, SlotHash.MAX_SLOT_ID);
        router.start();
        this.client = newClient();
    }

    private EmbeddedChannel newClient() {
        return onLoop(() -> new EmbeddedChannel(new RespRequestDecoder(), new Session(sessions, sessions.context(loop))));
    }

    /** Routes slots {@code from..to} to {@code backend} (offline for ""). */
    EmbeddedSession fill(String backend, int from, int to) {
        return fill(backend, "", from, to);
    }

    /** Routes slots {@code from..to} to {@code backend} while they migrate from {@code source} ("" for none). */
    EmbeddedSession fill(String backend, String source, int from, int to) {
        List<Slot> slots = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            slots.add(new Slot(i, false, backend, backend.isEmpty() ? 0 : 1, source, source.isEmpty() ? 0 : 2,
                    Slot.FORWARD_SYNC, List.of()));
        }
        router.fillSlots(slots);
        return this;
    }

    /** Replaces the client by a new connection (a new session) of the same proxy. */
    EmbeddedSession reconnect() {
        onLoop(() -> client.finishAndReleaseAll());
        received.setLength(0);
        client = newClient();
        return this;
    }

    DataPlaneStats stats() {
        return stats;
    }

    /** The client sends {@code bytes} in one read. */
    EmbeddedSession send(String bytes) {
        onLoop(() -> client.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.UTF_8)));
        return this;
    }

    /** The client sends {@code bytes} one byte a read. */
    EmbeddedSession sendByteByByte(String bytes) {
        for (byte b : bytes.getBytes(StandardCharsets.UTF_8)) {
            onLoop(() -> client.writeInbound(Unpooled.wrappedBuffer(new byte[] {b})));
        }
        return this;
    }

    /** What the session wrote to the client so far (flushed), from the start. */
    String received() {
        return onLoop(() -> {
            ByteBuf out;
            while ((out = client.readOutbound()) != null) {
                received.append(out.toString(StandardCharsets.UTF_8));
                out.release();
            }
            return received.toString();
        });
    }

    /** Waits until the session has written at least {@code length} bytes; returns all it wrote. */
    String awaitReceived(int length) {
        return Await.until("the session to write " + length + " bytes", DEADLINE, this::received, now -> now.length() >= length);
    }

    /** Waits until the session's channel is closed. */
    void awaitClosed() {
        Await.until("the session's channel closed", DEADLINE, () -> !isOpen());
    }

    boolean isOpen() {
        return onLoop(() -> client.isOpen());
    }

    /** Runs {@code step} on the session's event loop (after what is queued there) and returns its result. */
    <T> T onLoop(Callable<T> step) {
        try {
            return loop.submit(step).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("step on the session's loop failed", e);
        }
    }

    @Override
    public void close() {
        onLoop(() -> client.finishAndReleaseAll());
        sessions.close();
        router.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
