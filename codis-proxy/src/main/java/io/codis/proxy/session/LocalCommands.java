package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.slot.SlotHash;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.LocalCommand;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The commands a session answers itself or sends where an argument says (proxy-dataplane.md "Locally
 * handled commands"): QUIT, AUTH and HELLO (allowed before AUTH), SELECT, PING (no argument: a
 * pseudo-random slot's backend; else the backend the first argument names), INFO (the backend an
 * address names; else sections over every master, {@link ServerInfo}), SLOTSMAPPING (from the
 * routing table), and SLOTSINFO and SLOTSSCAN, which stock Redis backends do not have: checked as the
 * original checks them, then refused with {@link #noSlotCommands}.
 */
final class LocalCommands {

    private LocalCommands() {
    }

    /** Handles {@code request} of local command {@code cmd}; false when it must wait for a held slot. */
    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        String name = cmd.name();
        switch (cmd.local()) {
            case QUIT -> {
                session.reply(name, Replies.simple("OK"));
                session.quit();
                return true;
            }
            case AUTH -> {
                auth(session, request, name);
                return true;
            }
            case HELLO -> {
                return hello(session, request, name);
            }
            case RESET -> {
                if (request.argCount() != 1) {
                    session.reply(name, Replies.arity("reset"));
                } else if (session.isResp3() && session.hasRepliesDue()) {
                    session.parkUntilAnswered(); // back to RESP2: after the replies due on RESP3 connections
                    return false;
                } else {
                    session.reset();
                    session.reply(name, Replies.simple("RESET"));
                }
                return true;
            }
            default -> {
            }
        }
        if (!session.isAuthorized()) {
            return Dispatch.refuseUnauthorized(session, cmd);
        }
        switch (cmd.local()) {
            case SELECT -> select(session, request, name);
            case PING, INFO -> {
                if (cmd.local() == LocalCommand.INFO && ServerInfo.asksForSections(request)) {
                    return ServerInfo.handle(session, request, cmd);
                }
                if (request.argCount() == 1) {
                    int slot = (int) Math.floorMod(session.readNanos(), (long) SlotHash.SLOT_COUNT);
                    return Dispatch.forwardToSlot(session, request, cmd, slot);
                }
                Object[] args = new Object[request.argCount() - 1];
                args[0] = request.arg(0);
                for (int i = 2; i < request.argCount(); i++) {
                    args[i - 1] = request.arg(i);
                }
                Dispatch.sendTo(session, request.arg(1).toString(StandardCharsets.UTF_8), name, Replies.command(args));
            }
            case SLOTSINFO -> {
                if (request.argCount() != 2) {
                    session.reply(name, Replies.arity("SLOTSINFO"));
                } else if (Dispatch.isBackend(session, request.arg(1).toString(StandardCharsets.UTF_8), name)) {
                    session.fail(name, noSlotCommands(name));
                }
            }
            case SLOTSSCAN -> {
                if (request.argCount() <= 2) {
                    session.reply(name, Replies.arity("SLOTSSCAN"));
                    return true;
                }
                String text = request.arg(1).toString(StandardCharsets.UTF_8);
                if (SlotsMapping.slotNumber(text) < 0) {
                    session.reply(name, SlotsMapping.badSlotNumber(text));
                } else {
                    session.fail(name, noSlotCommands(name));
                }
            }
            case SLOTSMAPPING -> session.reply(name, SlotsMapping.reply(request, session.shared().router));
            case TIME -> session.reply(name, request.argCount() != 1 ? Replies.arity("time") : time());
            case ECHO -> {
                if (request.argCount() != 2) {
                    session.reply(name, Replies.arity("echo"));
                } else {
                    ByteBuf out = Replies.buffer(request.argLength(1) + 16);
                    RespWriter.writeBulk(out, request.arg(1));
                    session.reply(name, out);
                }
            }
            case CLIENT -> {
                return ClientCommand.handle(session, request);
            }
            case COMMAND -> {
                return CommandCommand.handle(session, request, cmd);
            }
            case BLOCKING -> {
                return Blocking.handle(session, request, cmd);
            }
            case XREAD -> {
                return Blocking.xread(session, request, cmd);
            }
            case EVERY_MASTER -> {
                return EveryMaster.handle(session, request, cmd);
            }
            case MULTI, EXEC, DISCARD, WATCH, UNWATCH -> {
                return Transaction.handle(session, request, cmd);
            }
            case SCAN, DBSIZE, RANDOMKEY, KEYS, FLUSH -> {
                return WholeKeyspace.handle(session, request, cmd);
            }
            case SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, SSUBSCRIBE, SUNSUBSCRIBE, SPUBLISH -> {
                return PubSub.handle(session, request, cmd);
            }
            case CONFIG -> {
                return ConfigGet.handle(session, request, cmd);
            }
            case PUBSUB -> {
                return PubSubQuery.handle(session, request, cmd);
            }
            default -> throw new IllegalArgumentException("not a local command: " + name);
        }
        return true;
    }

    /**
     * HELLO: a protocol switch waits until the session's earlier requests are answered (they went over
     * the other protocol's connections, which later requests must not overtake), and is refused while a
     * WATCH holds a connection of the old protocol.
     */
    private static boolean hello(Session session, RespRequest request, String name) {
        int current = session.isResp3() ? 3 : 2;
        int asked = Hello.requestedProtocol(request);
        if (asked != 0 && asked != current) {
            if (session.transaction() != null) {
                session.reply(name, Replies.error(HELLO_WHILE_WATCHING));
                return true;
            }
            if (session.hasRepliesDue()) {
                session.parkUntilAnswered();
                return false;
            }
        }
        Hello.Answer answer = Hello.answer(request, session.isAuthorized(), session.shared().sessionAuth, session.id(), current);
        session.authorize(session.isAuthorized() || answer.authorizes());
        if (answer.authorizes()) {
            session.useProtocol(answer.protocol());
        }
        if (answer.clientName() != null) {
            session.setClientName(answer.clientName());
        }
        session.reply(name, answer.reply());
        return true;
    }

    static final String HELLO_WHILE_WATCHING =
            "ERR handle request, HELLO cannot change the protocol while keys are watched (UNWATCH or EXEC first)";

    /**
     * The error for SLOTSINFO and SLOTSSCAN, which need the slot commands of the original's
     * {@code codis-server}: stock Redis has none and would answer "unknown command".
     */
    private static String noSlotCommands(String name) {
        return "ERR handle request, command '" + name + "' is not supported: the backends are stock Redis,"
                + " which has no slot commands";
    }

    /** TIME: the proxy's clock, as Redis answers it (seconds and microseconds, as bulk strings). */
    private static ByteBuf time() {
        java.time.Instant now = java.time.Instant.now();
        ByteBuf out = Replies.buffer(48);
        RespWriter.writeArrayHeader(out, 2);
        RespWriter.writeBulk(out, Long.toString(now.getEpochSecond()).getBytes(StandardCharsets.US_ASCII));
        RespWriter.writeBulk(out, Long.toString(now.getNano() / 1000).getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    private static void auth(Session session, RespRequest request, String name) {
        if (request.argCount() != 2) {
            session.reply(name, Replies.arity("AUTH"));
            return;
        }
        String expected = session.shared().sessionAuth;
        if (expected.isEmpty()) {
            session.reply(name, Replies.error("ERR Client sent AUTH, but no password is set"));
            return;
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), request.argBytes(1))) {
            session.authorize(false);
            session.reply(name, Replies.error("ERR invalid password"));
            return;
        }
        session.authorize(true);
        session.reply(name, Replies.simple("OK"));
    }

    private static void select(Session session, RespRequest request, String name) {
        if (request.argCount() != 2) {
            session.reply(name, Replies.arity("SELECT"));
            return;
        }
        int n;
        try {
            n = Integer.parseInt(request.arg(1).toString(StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            session.reply(name, Replies.error("ERR invalid DB index"));
            return;
        }
        int dbs = session.shared().numberDatabases;
        if (n < 0 || n >= dbs) {
            session.reply(name, Replies.error("ERR invalid DB index, only accept DB [0," + dbs + ")"));
            return;
        }
        session.forwarder().select(n);
        if (session.transaction() != null) {
            session.transaction().selected(n);
        }
        session.reply(name, Replies.simple("OK"));
    }
}
