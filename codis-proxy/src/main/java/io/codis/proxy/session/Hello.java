package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * HELLO, answered by the proxy itself and RESP2 only: forwarding it would switch a shared backend
 * connection to RESP3. {@code HELLO}, {@code HELLO 2} with {@code AUTH} and {@code SETNAME} work as in
 * Redis (SETNAME names the session, as CLIENT SETNAME); any other protocol version gets Redis's NOPROTO error.
 */
final class Hello {

    /**
     * The reply to one HELLO; {@code authorizes} when it succeeded, after which the session is authorized
     * (it was already, or the HELLO's AUTH option authenticated it). A refused HELLO changes nothing.
     */
    record Answer(ByteBuf reply, boolean authorizes, byte[] clientName) {
        static Answer error(String message) {
            return new Answer(Replies.error(message), false, null);
        }
    }

    private Hello() {
    }

    static Answer answer(RespRequest request, boolean authorized, String sessionAuth, long sessionId) {
        int argc = request.argCount();
        int index = 1;
        if (argc > 1) {
            long proto;
            try {
                proto = Long.parseLong(request.arg(1).toString(StandardCharsets.UTF_8));
            } catch (NumberFormatException e) {
                return Answer.error("ERR Protocol version is not an integer or out of range");
            }
            if (proto != 2) {
                return Answer.error("NOPROTO unsupported protocol version");
            }
            index = 2;
        }
        boolean authenticates = false;
        byte[] clientName = null;
        for (; index < argc; index++) {
            String option = request.arg(index).toString(StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
            int left = argc - index - 1;
            if (option.equals("AUTH") && left >= 2) {
                byte[] password = request.argBytes(index + 2);
                if (sessionAuth.isEmpty()
                        || !MessageDigest.isEqual(sessionAuth.getBytes(StandardCharsets.UTF_8), password)) {
                    return Answer.error(sessionAuth.isEmpty()
                            ? "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
                            : "WRONGPASS invalid username-password pair or user is disabled.");
                }
                authenticates = true;
                index += 2;
            } else if (option.equals("SETNAME") && left >= 1) {
                clientName = request.argBytes(index + 1);
                if (!ClientCommand.isValidName(clientName)) {
                    return Answer.error(ClientCommand.BAD_NAME);
                }
                index += 1;
            } else {
                return Answer.error("ERR Syntax error in HELLO option '"
                        + request.arg(index).toString(StandardCharsets.UTF_8) + "'");
            }
        }
        if (!authorized && !authenticates) {
            return Answer.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the"
                    + " HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the"
                    + " RESP protocol version at the same time");
        }
        return new Answer(serverInfo(sessionId), true, clientName);
    }

    /** What Redis 7 answers to HELLO 2, with the session's id. */
    private static ByteBuf serverInfo(long sessionId) {
        ByteBuf out = Replies.buffer(160);
        RespWriter.writeArrayHeader(out, 14);
        bulk(out, "server");
        bulk(out, "redis");
        bulk(out, "version");
        bulk(out, "7.0.0");
        bulk(out, "proto");
        RespWriter.writeInteger(out, 2);
        bulk(out, "id");
        RespWriter.writeInteger(out, sessionId);
        bulk(out, "mode");
        bulk(out, "standalone");
        bulk(out, "role");
        bulk(out, "master");
        bulk(out, "modules");
        RespWriter.writeArrayHeader(out, 0);
        return out;
    }

    private static void bulk(ByteBuf out, String text) {
        RespWriter.writeBulk(out, text.getBytes(StandardCharsets.UTF_8));
    }
}
