package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.proxy.backend.BackendPool;
import io.codis.proxy.backend.ReplyHandler;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.CommandTable;
import io.codis.proxy.forward.ForwardHandler;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scripts {@code SCRIPT LOAD}ed through this proxy (Redis cannot list them), so that a group's
 * master that lacks one, because it took slots after the load (or restarted), gets it: the proxy loads
 * every remembered script on a master that a fill names for the first time, and an {@code EVALSHA}
 * (or {@code EVALSHA_RO}) of a remembered script that still gets {@code NOSCRIPT} loads the script on
 * the slot's master and runs again there, the client seeing only the second reply. {@code SCRIPT FLUSH}
 * through the proxy forgets them all. At most {@link #MAX_SCRIPTS} are kept, the least recently used
 * dropped first. Thread-safe.
 */
final class ScriptReplay {

    static final int MAX_SCRIPTS = 4096;
    private static final CommandSpec EVALSHA = CommandTable.lookup(ascii("EVALSHA"));
    private static final CommandSpec EVALSHA_RO = CommandTable.lookup(ascii("EVALSHA_RO"));

    private final Map<String, byte[]> bodies = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MAX_SCRIPTS;
        }
    };

    private static ByteBuf ascii(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isEvalsha(CommandSpec cmd) {
        return cmd == EVALSHA || cmd == EVALSHA_RO;
    }

    synchronized void remember(String sha, byte[] body) {
        bodies.put(sha.toLowerCase(Locale.ROOT), body);
    }

    synchronized void forgetAll() {
        bodies.clear();
    }

    private synchronized byte[] body(String sha) {
        return bodies.get(sha.toLowerCase(Locale.ROOT));
    }

    private synchronized List<byte[]> all() {
        return new ArrayList<>(bodies.values());
    }

    /** Loads every remembered script on the masters {@code addrs} (DB 0 connections of {@code pool}), replies ignored; on the pool's loop. */
    void loadOn(BackendPool pool, Set<String> addrs) {
        List<byte[]> scripts = all();
        for (String addr : addrs) {
            for (byte[] body : scripts) {
                pool.primary(addr, 0, 0).send(Replies.command("SCRIPT", "LOAD", Unpooled.wrappedBuffer(body)), ReplyHandler.IGNORED);
            }
        }
    }

    /**
     * The handler for EVALSHA {@code request} forwarded for {@code pending} in entered slot {@code state}:
     * {@code pending} itself unless the script is remembered, else one that replays it on NOSCRIPT.
     */
    ForwardHandler around(Session session, RespRequest request, SlotState state, Pending pending) {
        byte[] body = request.argCount() > 1 ? body(request.arg(1).toString(StandardCharsets.ISO_8859_1)) : null;
        if (body == null) {
            return pending;
        }
        return new Retry(session, state.slot().backendAddr(), body, request.raw().retainedDuplicate(), pending);
    }

    /** An EVALSHA that, on NOSCRIPT, loads its script on {@code addr} and runs again there; the slot stays entered meanwhile. */
    private static final class Retry implements ForwardHandler {
        private final Session session;
        private final String addr;
        private final byte[] body;
        private ByteBuf again;
        private final Pending pending;

        Retry(Session session, String addr, byte[] body, ByteBuf again, Pending pending) {
            this.session = session;
            this.addr = addr;
            this.body = body;
            this.again = again;
            this.pending = pending;
        }

        private void dropAgain() {
            if (again != null) {
                again.release();
                again = null;
            }
        }

        @Override
        public void onReply(RespReply reply) {
            if (!reply.isError() || !reply.textStartsWith("NOSCRIPT") || session.isClosed()) {
                dropAgain();
                pending.onReply(reply);
                return;
            }
            reply.release();
            session.forwarder().sendTo(addr, Replies.command("SCRIPT", "LOAD", Unpooled.wrappedBuffer(body)), new ReplyHandler() {
                @Override
                public void onReply(RespReply loaded) {
                    loaded.release();
                    ByteBuf request = again;
                    again = null;
                    session.forwarder().sendTo(addr, request, pending);
                }

                @Override
                public void onFailure(String error) {
                    dropAgain();
                    pending.onFailure(error);
                }
            });
        }

        @Override
        public void onFailure(String error) {
            dropAgain();
            pending.onFailure(error);
        }

        @Override
        public void onRefused(String message) {
            dropAgain();
            pending.onRefused(message);
        }

        @Override
        public boolean isBroken() {
            return pending.isBroken();
        }
    }
}
