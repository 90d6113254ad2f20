package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * HELLO, answered by the proxy itself (forwarding it would switch a shared backend connection's
 * protocol): {@code HELLO [2|3] [AUTH user pass] [SETNAME name]} as in Redis 7 (SETNAME names the
 * session, as CLIENT SETNAME; AUTH checks session_auth), the reply in the protocol it selects; the
 * session then speaks that protocol ({@link Session#useProtocol}). Any other protocol version gets
 * Redis's NOPROTO error.
 */
final class Hello {

    /**
     * The reply to one HELLO; {@code authorizes} when it succeeded, after which the session is authorized
     * (it was already, or the HELLO's AUTH option authenticated it). A refused HELLO changes nothing.
     */
    record Answer(ByteBuf reply, boolean authorizes, byte[] clientName, int protocol) {
        static Answer error(String message, int protocol) {
            return new Answer(Replies.error(message), false, null, protocol);
        }
    }

    private Hello() {
    }

    /** The protocol version a HELLO asks for, 2 or 3; 0 when it names none or an unsupported one. */
    static int requestedProtocol(RespRequest request) {
        if (request.argCount() < 2 || request.argLength(1) != 1) {
            return 0;
        }
        byte digit = request.arg(1).getByte(request.arg(1).readerIndex());
        return digit == '2' ? 2 : digit == '3' ? 3 : 0;
    }

    /** The answer to HELLO for a session speaking {@code current} (2 or 3). */
    static Answer answer(RespRequest request, boolean authorized, String sessionAuth, long sessionId, int current) {
        int argc = request.argCount();
        int index = 1;
        int proto = current;
        if (argc > 1) {
            long asked;
            try {
                asked = Long.parseLong(request.arg(1).toString(StandardCharsets.UTF_8));
            } catch (NumberFormatException e) {
                return Answer.error("ERR Protocol version is not an integer or out of range", current);
            }
            if (asked != 2 && asked != 3) {
                return Answer.error("NOPROTO unsupported protocol version", current);
            }
            proto = (int) asked;
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
                            : "WRONGPASS invalid username-password pair or user is disabled.", current);
                }
                authenticates = true;
                index += 2;
            } else if (option.equals("SETNAME") && left >= 1) {
                clientName = request.argBytes(index + 1);
                if (!ClientCommand.isValidName(clientName)) {
                    return Answer.error(ClientCommand.BAD_NAME, current);
                }
                index += 1;
            } else {
                return Answer.error("ERR Syntax error in HELLO option '"
                        + request.arg(index).toString(StandardCharsets.UTF_8) + "'", current);
            }
        }
        if (!authorized && !authenticates) {
            return Answer.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the"
                    + " HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the"
                    + " RESP protocol version at the same time", current);
        }
        return new Answer(serverInfo(sessionId, proto), true, clientName, proto);
    }

    /** What Redis 7 answers to HELLO {@code proto}, with the session's id: an array of pairs in RESP2, a map in RESP3. */
    private static ByteBuf serverInfo(long sessionId, int proto) {
        ByteBuf out = Replies.buffer(160);
        if (proto == 3) {
            RespWriter.writeMapHeader(out, 7);
        } else {
            RespWriter.writeArrayHeader(out, 14);
        }
        bulk(out, "server");
        bulk(out, "redis");
        bulk(out, "version");
        bulk(out, "7.0.0");
        bulk(out, "proto");
        RespWriter.writeInteger(out, proto);
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
