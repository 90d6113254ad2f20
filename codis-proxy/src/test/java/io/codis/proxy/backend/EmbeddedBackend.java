package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespRequestParser;
import io.codis.proxy.pacing.WriteBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Backend connections over {@link EmbeddedChannel}s: what a connection writes is read back as text
 * after the round's flush, and replies are fed in as bytes. Each dial opens a new channel; with
 * {@link #connectLater} the dial stays pending until the test settles it.
 */
final class EmbeddedBackend {

    static final BackendSettings SETTINGS = settings("", 0, 0);

    /** A reply handler that keeps, in order, each reply's bytes or failure's text. */
    static final class Recorder implements ReplyHandler {
        final List<String> outcomes = new ArrayList<>();
        boolean broken;

        @Override
        public void onReply(RespReply reply) {
            outcomes.add(reply.frame().toString(StandardCharsets.UTF_8));
            reply.release();
        }

        @Override
        public void onFailure(String error) {
            outcomes.add("failure: " + error);
        }

        @Override
        public boolean isBroken() {
            return broken;
        }
    }

    final WriteBatch batch = new WriteBatch(new EmbeddedChannel().eventLoop());
    final List<EmbeddedChannel> dialled = new ArrayList<>();
    private boolean connectLater;
    private ChannelPromise pending;

    static BackendSettings settings(String productAuth, long recvTimeoutNanos, long pingPeriodNanos) {
        return new BackendSettings(productAuth, recvTimeoutNanos, 0, pingPeriodNanos, 1024, 1, 1, 16, 0, 0, 0, 2);
    }

    BackendConnection connection(int db, BackendSettings settings) {
        Dialer dialer = (addr, handlers) -> {
            EmbeddedChannel ch = new EmbeddedChannel(handlers);
            dialled.add(ch);
            if (connectLater) {
                pending = ch.newPromise();
                return pending;
            }
            return ch.newSucceededFuture();
        };
        return new BackendConnection("127.0.0.1:6379", db, settings, batch, dialer);
    }

    /** Dials from now on stay pending until {@link #connected} or {@link #refused}. */
    void connectLater() {
        connectLater = true;
    }

    void connected() {
        pending.setSuccess();
    }

    void refused() {
        pending.setFailure(new java.net.ConnectException("Connection refused"));
    }

    EmbeddedChannel channel() {
        return dialled.get(dialled.size() - 1);
    }

    /** Ends the round and returns what the current channel was given since last asked. */
    String written() {
        batch.flush();
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel().readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    /** Feeds {@code bytes} to the current channel as the backend's answer. */
    void answer(String bytes) {
        channel().writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.UTF_8));
    }

    static ByteBuf command(String... args) {
        return Commands.of(args);
    }

    /** What each of {@code recorders} got, its outcomes joined by {@code " | "}. */
    static List<String> outcomes(Recorder... recorders) {
        List<String> all = new ArrayList<>();
        for (Recorder recorder : recorders) {
            all.add(String.join(" | ", recorder.outcomes));
        }
        return all;
    }

    /** Sends {@code args} on {@code conn}; returns what records the outcome. */
    static Recorder send(BackendConnection conn, String... args) {
        Recorder recorder = new Recorder();
        conn.send(command(args), recorder);
        return recorder;
    }

    /** {@code args} as the proxy reads a client's request; the caller releases it. */
    static RespRequest request(String... args) {
        ByteBuf in = command(args);
        try {
            return new RespRequestParser().parse(in);
        } finally {
            in.release();
        }
    }

    /**
     * Writes on {@code conn} the part of {@code request} with the keys at argument {@code keyArgs}
     * ({@code step} arguments each, the key first), as a split multi-key request does; returns what
     * records the outcome.
     */
    static Recorder part(BackendConnection conn, RespRequest request, boolean mset, int... keyArgs) {
        Recorder recorder = new Recorder();
        int step = mset ? 2 : 1;
        int size = 0;
        for (int key : keyArgs) {
            for (int s = 0; s < step; s++) {
                size += request.argLength(key + s) + 16;
            }
        }
        ByteBuf out = conn.beginRequest(request, 1 + keyArgs.length * step, size, mset);
        for (int key : keyArgs) {
            request.writeBulkArgs(out, key, step);
        }
        conn.endRequest(recorder);
        return recorder;
    }
}
