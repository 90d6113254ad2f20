package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.backend.OwnedConnections;
import io.codis.proxy.backend.ReplyHandler;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's pub/sub (issue 17): a channel (or a shard channel, SSUBSCRIBE) belongs to the group of
 * its slot, hashed like a key, so (S)PUBLISH goes to that group's master and (S)SUBSCRIBE subscribes
 * there, on a connection the session owns ({@link OwnedConnections}); PSUBSCRIBE subscribes on every
 * group's master, where a publish may land. Every message reaches the subscriber once, whichever proxy
 * published it. The replies are Redis': (P|S)SUBSCRIBE answer once every backend confirmed (no message
 * published after the reply is missed), with the session's own subscription counts; (P|S)UNSUBSCRIBE
 * answer at once and no message of a channel or pattern left is relayed after. A subscribed connection
 * that fails closes the session (its subscriptions are gone). Loop-confined.
 */
final class PubSub {

    private static final Logger LOG = LoggerFactory.getLogger(PubSub.class);
    private static final String NOT_IN_CONTEXT =
            "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

    private final Session session;
    /**
     * Channels, patterns and shard channels subscribed, as ISO-8859-1 strings of their bytes, in
     * subscription order, each with the masters it is subscribed on.
     */
    private final Map<String, Set<String>> channels = new LinkedHashMap<>();
    private final Map<String, Set<String>> patterns = new LinkedHashMap<>();
    private final Map<String, Set<String>> shardChannels = new LinkedHashMap<>();
    private final Map<String, Link> links = new HashMap<>();

    PubSub(Session session) {
        this.session = session;
    }

    /** Handles a pub/sub command; always true (nothing waits for a held slot). */
    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        String name = cmd.name();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean needsArgs = !name.endsWith("UNSUBSCRIBE");
        boolean publish = name.endsWith("PUBLISH");
        if ((needsArgs && request.argCount() < 2) || (publish && request.argCount() != 3)) {
            session.reply(name, Replies.arity(lower));
            return true;
        }
        switch (name) {
            case "PUBLISH", "SPUBLISH" -> {
                return Dispatch.forwardToSlot(session, request, cmd, MultiKeySplit.slotOfArg(request, 1));
            }
            case "SUBSCRIBE" -> session.pubSub().subscribe(request, Kind.CHANNEL);
            case "PSUBSCRIBE" -> session.pubSub().subscribe(request, Kind.PATTERN);
            case "SSUBSCRIBE" -> session.pubSub().subscribe(request, Kind.SHARD);
            case "UNSUBSCRIBE" -> session.pubSub().unsubscribe(request, Kind.CHANNEL);
            case "PUNSUBSCRIBE" -> session.pubSub().unsubscribe(request, Kind.PATTERN);
            default -> session.pubSub().unsubscribe(request, Kind.SHARD);
        }
        return true;
    }

    /** Redis' refusal of a command other than (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING, QUIT and RESET while subscribed. */
    static String notInContext(String name) {
        return "ERR Can't execute '" + name.toLowerCase(Locale.ROOT) + NOT_IN_CONTEXT;
    }

    /** Whether {@code name} may run while subscribed. */
    static boolean allowedWhileSubscribed(String name) {
        return switch (name) {
            case "SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SSUBSCRIBE", "SUNSUBSCRIBE",
                    "PING", "QUIT", "RESET" -> true;
            default -> false;
        };
    }

    /** PING while subscribed: Redis' {@code pong} array, with the message or an empty one. */
    static void ping(Session session, RespRequest request) {
        if (request.argCount() > 2) {
            session.reply("PING", Replies.arity("ping"));
            return;
        }
        ByteBuf out = Replies.buffer(32 + (request.argCount() == 2 ? request.argLength(1) : 0));
        RespWriter.writeArrayHeader(out, 2);
        RespWriter.writeBulk(out, "pong".getBytes(StandardCharsets.US_ASCII));
        if (request.argCount() == 2) {
            RespWriter.writeBulk(out, request.arg(1));
        } else {
            RespWriter.writeBulk(out, new byte[0]);
        }
        session.reply("PING", out);
    }

    boolean isSubscribed() {
        return !channels.isEmpty() || !patterns.isEmpty() || !shardChannels.isEmpty();
    }

    int channelCount() {
        return channels.size();
    }

    int patternCount() {
        return patterns.size();
    }

    int shardChannelCount() {
        return shardChannels.size();
    }

    /** The count a (un)subscribe reply of {@code kind} gives: shard channels apart, as Redis 7 counts them. */
    private int count(Kind kind) {
        return kind == Kind.SHARD ? shardChannels.size() : channels.size() + patterns.size();
    }

    private Map<String, Set<String>> subscribed(Kind kind) {
        return kind == Kind.CHANNEL ? channels : kind == Kind.PATTERN ? patterns : shardChannels;
    }

    private void subscribe(RespRequest request, Kind kind) {
        String name = kind.subscribe;
        boolean pattern = kind == Kind.PATTERN;
        List<String> fresh = new ArrayList<>();
        List<List<String>> where = new ArrayList<>();
        for (int i = 1; i < request.argCount(); i++) {
            String target = text(ByteBufUtil.getBytes(request.arg(i)));
            if (subscribed(kind).containsKey(target) || fresh.contains(target)) {
                continue;
            }
            List<String> addrs = pattern ? primaries() : primaryOf(MultiKeySplit.slotOfArg(request, i));
            if (addrs == null) {
                session.fail(name, Replies.SLOT_NOT_READY);
                return;
            }
            for (String addr : addrs) {
                if (link(addr) == null) {
                    releaseUnused();
                    session.fail(name, Replies.OWNED_LIMIT);
                    return;
                }
            }
            fresh.add(target);
            where.add(addrs);
        }
        Pending pending = session.enqueue(name, null);
        ByteBuf confirmations = Replies.buffer(64);
        Confirmation confirmation = new Confirmation(() -> session.complete(pending, confirmations));
        byte[] reply = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i < request.argCount(); i++) {
            String target = text(ByteBufUtil.getBytes(request.arg(i)));
            int at = fresh.indexOf(target);
            if (at >= 0 && subscribed(kind).putIfAbsent(target, new LinkedHashSet<>(where.get(at))) == null) {
                for (String addr : where.get(at)) {
                    Link link = links.get(addr);
                    link.subscriptions++;
                    link.awaiting.add(confirmation);
                    confirmation.awaiting++;
                    link.conn.send(command(name, bytes(target)), link);
                }
            }
            writeConfirmation(confirmations, reply, bytes(target), count(kind), session.isResp3());
        }
        confirmation.confirmedOne(0);
    }

    private void unsubscribe(RespRequest request, Kind kind) {
        String name = kind.unsubscribe;
        byte[] reply = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        Map<String, Set<String>> subscribed = subscribed(kind);
        List<String> targets = new ArrayList<>();
        for (int i = 1; i < request.argCount(); i++) {
            targets.add(text(ByteBufUtil.getBytes(request.arg(i))));
        }
        if (targets.isEmpty()) {
            targets.addAll(subscribed.keySet());
        }
        ByteBuf out = Replies.buffer(64);
        if (targets.isEmpty()) {
            writeConfirmation(out, reply, null, count(kind), session.isResp3());
        }
        for (String target : targets) {
            Set<String> addrs = subscribed.remove(target);
            if (addrs != null) {
                for (String addr : addrs) {
                    Link link = links.get(addr);
                    if (link != null) {
                        link.conn.send(command(name, bytes(target)), link);
                        link.subscriptions--;
                    }
                }
            }
            writeConfirmation(out, reply, bytes(target), count(kind), session.isResp3());
        }
        session.reply(name, out);
        if (!isSubscribed()) {
            releaseIdle();
        }
    }

    /**
     * After a slot fill: each channel (and shard channel) subscription moves to the master of its slot
     * now, each pattern to every master now; {@code confirmed} runs once the new masters confirmed them
     * (the old ones are unsubscribed at once: a message published there by a proxy still on the old
     * table may be missed, none published once the new table is everywhere). A session that cannot get
     * a connection to a new master is closed (its client subscribes again elsewhere).
     */
    void follow(Runnable confirmed) {
        Confirmation confirmation = new Confirmation(confirmed);
        String unreachable = null;
        for (Kind kind : Kind.values()) {
            for (Map.Entry<String, Set<String>> subscription : subscribed(kind).entrySet()) {
                String target = subscription.getKey();
                List<String> now = kind == Kind.PATTERN ? primaries() : primaryOf(SlotHash.slotOf(bytes(target)));
                if (now == null) {
                    continue; // offline: stays where it is
                }
                Set<String> at = subscription.getValue();
                for (String addr : now) {
                    if (at.contains(addr)) {
                        continue;
                    }
                    Link link = link(addr);
                    if (link == null) {
                        unreachable = addr;
                        continue;
                    }
                    at.add(addr);
                    link.subscriptions++;
                    link.awaiting.add(confirmation);
                    confirmation.awaiting++;
                    link.conn.send(command(kind.subscribe, bytes(target)), link);
                }
                at.removeIf(addr -> !now.contains(addr) && leave(addr, kind, target));
            }
        }
        confirmation.confirmedOne(0);
        if (unreachable != null) {
            session.closeFor("pub/sub cannot follow a slot fill: no owned backend connection to " + unreachable);
        }
    }

    /** Unsubscribes {@code target} on {@code addr}, closing the link there once nothing is left on it; true. */
    private boolean leave(String addr, Kind kind, String target) {
        Link link = links.get(addr);
        if (link != null) {
            link.conn.send(command(kind.unsubscribe, bytes(target)), link);
            if (--link.subscriptions <= 0 && link.awaiting.isEmpty()) {
                links.remove(addr);
                link.release();
            }
        }
        return true;
    }

    /** No subscription left: the connections no confirmation is due on go back (closed, so the servers forget them). */
    private void releaseIdle() {
        links.values().removeIf(link -> {
            if (link.awaiting.isEmpty()) {
                link.release();
                return true;
            }
            return false;
        });
    }

    private static ByteBuf command(String name, byte[] target) {
        ByteBuf out = Replies.buffer(32 + target.length);
        RespWriter.writeArrayHeader(out, 2);
        RespWriter.writeBulk(out, name.getBytes(StandardCharsets.US_ASCII));
        RespWriter.writeBulk(out, target);
        return out;
    }

    /** Replies {@code *3 kind target count} (RESP3: the push {@code >3 ...}); a null target is the null reply. */
    private static void writeConfirmation(ByteBuf out, byte[] kind, byte[] target, int count, boolean resp3) {
        if (resp3) {
            RespWriter.writePushHeader(out, 3);
        } else {
            RespWriter.writeArrayHeader(out, 3);
        }
        RespWriter.writeBulk(out, kind);
        if (target == null && resp3) {
            RespWriter.writeNull3(out);
        } else if (target == null) {
            RespWriter.writeNullBulk(out);
        } else {
            RespWriter.writeBulk(out, target);
        }
        RespWriter.writeInteger(out, count);
    }

    private List<String> primaryOf(int slotId) {
        return primaryOf(session, slotId);
    }

    /** The master of every group ({@link io.codis.proxy.router.Router#masters()}), or null when there is none. */
    private List<String> primaries() {
        List<String> masters = session.shared().router.masters();
        return masters.isEmpty() ? null : masters;
    }

    /** The primary of slot {@code slotId}, or null when the slot is offline. */
    static List<String> primaryOf(Session session, int slotId) {
        SlotState state = session.shared().router.slot(slotId);
        return state.isOffline() ? null : List.of(state.slot().backendAddr());
    }

    private Link link(String addr) {
        Link link = links.get(addr);
        if (link == null) {
            OwnedConnections pool = session.ownedConnections();
            BackendConnection conn = pool.acquire(addr, session.forwarder().db());
            if (conn == null) {
                return null;
            }
            link = new Link(pool, conn);
            conn.receivePushes(link);
            links.put(addr, link);
        }
        return link;
    }

    private void releaseUnused() {
        links.values().removeIf(link -> {
            if (link.subscriptions == 0) {
                link.release();
                return true;
            }
            return false;
        });
    }

    /** The session closed or RESET: every subscription ends with its connection. */
    void closeAll() {
        channels.clear();
        patterns.clear();
        shardChannels.clear();
        for (Link link : new ArrayList<>(links.values())) {
            link.release();
        }
        links.clear();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What a subscription names: a channel, a pattern (on every master) or a shard channel (Redis 7's SSUBSCRIBE). */
    private enum Kind {
        CHANNEL("SUBSCRIBE", "UNSUBSCRIBE"), PATTERN("PSUBSCRIBE", "PUNSUBSCRIBE"), SHARD("SSUBSCRIBE", "SUNSUBSCRIBE");

        final String subscribe;
        final String unsubscribe;

        Kind(String subscribe, String unsubscribe) {
            this.subscribe = subscribe;
            this.unsubscribe = unsubscribe;
        }
    }

    /** Subscriptions sent (a (P|S)SUBSCRIBE's, or a fill's moves) that something waits for the backends to confirm. */
    private static final class Confirmation {
        private final Runnable confirmed;
        int awaiting;

        Confirmation(Runnable confirmed) {
            this.confirmed = confirmed;
        }

        void confirmedOne(int count) {
            awaiting -= count;
            if (awaiting == 0) {
                confirmed.run();
            }
        }
    }

    /**
     * One owned subscribed connection (of the session's protocol when it subscribed): relays its
     * messages, in the session's protocol now, and counts its confirmations.
     */
    private final class Link implements ReplyHandler {
        final OwnedConnections pool;
        final BackendConnection conn;
        final ArrayDeque<Confirmation> awaiting = new ArrayDeque<>();
        int subscriptions;
        boolean released;

        Link(OwnedConnections pool, BackendConnection conn) {
            this.pool = pool;
            this.conn = conn;
        }

        /** Closes the connection; a (P|S)SUBSCRIBE still waiting for it is answered, as Redis ran it before. */
        void release() {
            released = true;
            pool.release(conn, false);
            Confirmation due;
            while ((due = awaiting.poll()) != null) {
                due.confirmedOne(1);
            }
        }

        @Override
        public void onReply(RespReply reply) {
            try {
                if (released || (reply.type() != '*' && reply.type() != '>')) {
                    return;
                }
                List<ByteBuf> elements = reply.elements();
                String kind = elements.isEmpty() ? null : Replies.bulkText(elements.get(0));
                switch (kind == null ? "" : kind) {
                    case "message" -> relayIf(channels.containsKey(Replies.bulkText(elements.get(1))), reply);
                    case "pmessage" -> relayIf(patterns.containsKey(Replies.bulkText(elements.get(1))), reply);
                    case "smessage" -> relayIf(shardChannels.containsKey(Replies.bulkText(elements.get(1))), reply);
                    case "subscribe", "psubscribe", "ssubscribe" -> {
                        Confirmation confirmation = awaiting.poll();
                        if (confirmation != null) {
                            confirmation.confirmedOne(1);
                        }
                    }
                    default -> {
                    }
                }
            } finally {
                reply.release();
            }
        }

        private void relayIf(boolean subscribed, RespReply message) {
            if (!subscribed || session.isClosed()) {
                return;
            }
            long limit = session.shared().pubSubOutputLimit;
            long unsent = limit > 0 ? session.unsentBytes() : 0;
            if (limit > 0 && unsent + message.frame().readableBytes() > limit) {
                LOG.warn("session [{}] subscribed client too slow: {} bytes unsent, past session_pubsub_output_limit = {};"
                        + " closed", Long.toHexString(session.id()), unsent, limit);
                session.closeFor("pubsub output buffer limit (" + limit + " bytes) reached");
                return;
            }
            session.complete(session.enqueue(null, null), inSessionProtocol(message));
        }

        /**
         * The message as the session's protocol has it: a message's elements are bulk strings in both,
         * only its header differs (RESP2's array {@code *}, RESP3's push {@code >}), so one of the other
         * protocol (the session switched since it subscribed) is copied with its first byte changed.
         */
        private Object inSessionProtocol(RespReply message) {
            byte wanted = session.isResp3() ? (byte) '>' : (byte) '*';
            if (message.type() == wanted) {
                return message.retain();
            }
            ByteBuf frame = message.frame();
            ByteBuf copy = Replies.buffer(frame.readableBytes()).writeBytes(frame, frame.readerIndex(), frame.readableBytes());
            copy.setByte(0, wanted);
            return copy;
        }

        @Override
        public void onFailure(String error) {
            if (!released) {
                session.closeFor("subscribed backend connection failed: " + error);
            }
        }
    }
}
