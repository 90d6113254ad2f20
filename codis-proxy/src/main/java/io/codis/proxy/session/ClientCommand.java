package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code CLIENT SETNAME/GETNAME/ID/INFO/LIST} about the proxy's own sessions (never forwarded: a backend
 * connection is shared by many clients); the lines have Redis 7's fields, with the proxy's values where
 * they have a meaning (id, addresses, name, age, idle, db, last command) and Redis' idle defaults for the
 * others. The table refuses the other subcommands.
 */
final class ClientCommand {

    static final String BAD_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";

    private ClientCommand() {
    }

    /** Handles {@code request}; always true (CLIENT LIST replies later, when every loop has listed its sessions). */
    static boolean handle(Session session, RespRequest request) {
        String name = "CLIENT";
        String sub = request.arg(1).toString(StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        int argc = request.argCount();
        switch (sub) {
            case "SETNAME" -> {
                if (argc != 3) {
                    session.reply(name, Replies.arity("client|setname"));
                } else if (!isValidName(request.argBytes(2))) {
                    session.reply(name, Replies.error(BAD_NAME));
                } else {
                    session.setClientName(request.argBytes(2));
                    session.reply(name, Replies.simple("OK"));
                }
            }
            case "GETNAME" -> {
                if (argc != 2) {
                    session.reply(name, Replies.arity("client|getname"));
                } else {
                    session.reply(name, Replies.bulk(session.clientName(), session.isResp3()));
                }
            }
            case "ID" -> {
                if (argc != 2) {
                    session.reply(name, Replies.arity("client|id"));
                } else {
                    ByteBuf out = Replies.buffer(24);
                    RespWriter.writeInteger(out, session.id());
                    session.reply(name, out);
                }
            }
            case "INFO" -> {
                if (argc != 2) {
                    session.reply(name, Replies.arity("client|info"));
                } else {
                    session.reply(name, Replies.verbatim(session.describeClient(System.nanoTime(), "client|info") + "\n", session.isResp3()));
                }
            }
            default -> list(session, request);
        }
        return true;
    }

    /** {@code CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id ...]}, as Redis 7.0 checks it. */
    private static void list(Session session, RespRequest request) {
        int argc = request.argCount();
        Predicate<Long> wanted = id -> true;
        if (argc == 4 && text(request, 2).equals("TYPE")) {
            String type = text(request, 3);
            if (!List.of("NORMAL", "MASTER", "REPLICA", "SLAVE", "PUBSUB").contains(type)) {
                session.reply("CLIENT", Replies.error("ERR Unknown client type '" + request.arg(3).toString(StandardCharsets.UTF_8) + "'"));
                return;
            }
            boolean normal = type.equals("NORMAL");
            wanted = id -> normal;
        } else if (argc > 3 && text(request, 2).equals("ID")) {
            Set<Long> ids = new HashSet<>();
            for (int i = 3; i < argc; i++) {
                try {
                    long id = Long.parseLong(request.arg(i).toString(StandardCharsets.US_ASCII));
                    if (id <= 0) {
                        throw new NumberFormatException();
                    }
                    ids.add(id);
                } catch (NumberFormatException e) {
                    session.reply("CLIENT", Replies.error("ERR Invalid client ID"));
                    return;
                }
            }
            wanted = ids::contains;
        } else if (argc != 2) {
            session.reply("CLIENT", Replies.error("ERR syntax error"));
            return;
        }
        Pending pending = session.enqueue("CLIENT", null);
        session.shared().describeSessions(session, wanted, lines -> {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append('\n');
            }
            session.complete(pending, Replies.verbatim(text.toString(), session.isResp3()));
        });
    }

    private static String text(RespRequest request, int index) {
        return request.arg(index).toString(StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    }

    /** As Redis: printable ASCII without spaces. */
    static boolean isValidName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }
}
