package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.command.CommandSpec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code INFO} and {@code INFO section...} (the first argument not a backend address) over every
 * group's master: each section as the first master gives it (the masters of a product run the same
 * Redis), but {@code Keyspace} summed over the masters ({@code keys} and {@code expires} added,
 * {@code avg_ttl} averaged over the expiring keys), and, for the default sections, {@code all},
 * {@code everything} or {@code codis}, a {@code # Codis} section listing the masters. {@code INFO addr
 * [section]} still asks backend {@code addr} alone, as the original does ({@link LocalCommands}).
 */
final class ServerInfo {

    private static final String KEYSPACE = "Keyspace";

    private ServerInfo() {
    }

    /** Whether {@code request} asks for sections rather than naming a backend (no argument, or no ':' in the first). */
    static boolean asksForSections(RespRequest request) {
        return request.argCount() == 1 || request.arg(1).indexOf(request.arg(1).readerIndex(),
                request.arg(1).writerIndex(), (byte) ':') < 0;
    }

    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        List<String> masters = FanOut.mastersOrRefuse(session, cmd.name());
        if (masters == null) {
            return true;
        }
        boolean listMasters = request.argCount() == 1;
        for (int i = 1; i < request.argCount(); i++) {
            String section = request.arg(i).toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            listMasters |= section.equals("default") || section.equals("all") || section.equals("everything")
                    || section.equals("codis");
        }
        boolean codisSection = listMasters;
        new FanOut(session.enqueue(cmd.name(), null), masters.size(), replies -> merge(replies, masters, codisSection))
                .send(session, masters, request.takeRaw());
        return true;
    }

    private static ByteBuf merge(RespReply[] replies, List<String> masters, boolean codisSection) {
        List<Map<String, List<String>>> parsed = new ArrayList<>();
        for (RespReply reply : replies) {
            String text = text(reply);
            if (text == null) {
                return null;
            }
            parsed.add(sections(text));
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> section : parsed.get(0).entrySet()) {
            List<String> lines = section.getKey().equals(KEYSPACE) ? summedKeyspace(parsed) : section.getValue();
            appendSection(out, section.getKey(), lines);
        }
        if (codisSection) {
            List<String> lines = new ArrayList<>();
            lines.add("masters:" + masters.size());
            for (int i = 0; i < masters.size(); i++) {
                List<String> keyspace = parsed.get(i).get(KEYSPACE);
                String keys = keyspace == null ? "" : ",keys=" + keyspace.stream().mapToLong(line -> field(line, "keys")).sum();
                lines.add("master_" + i + ":addr=" + masters.get(i) + keys);
            }
            appendSection(out, "Codis", lines);
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf buf = Replies.buffer(bytes.length + 20);
        if (replies[0].type() == '=') {
            RespWriter.writeVerbatimText(buf, bytes);
        } else {
            RespWriter.writeBulk(buf, bytes);
        }
        return buf;
    }

    private static void appendSection(StringBuilder out, String name, List<String> lines) {
        if (!out.isEmpty()) {
            out.append("\r\n");
        }
        out.append("# ").append(name).append("\r\n");
        lines.forEach(line -> out.append(line).append("\r\n"));
    }

    /** The INFO text of a bulk (RESP2) or verbatim (RESP3, after its {@code txt:}) reply, or null. */
    private static String text(RespReply reply) {
        if (reply.isNull() || (reply.type() != '$' && reply.type() != '=')) {
            return null;
        }
        ByteBuf frame = reply.frame();
        int start = frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) '\n') + 1 + (reply.type() == '=' ? 4 : 0);
        int end = frame.writerIndex() - 2;
        return end < start ? null : frame.toString(start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Section name to its lines, in the order given. */
    private static Map<String, List<String>> sections(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\r\n")) {
            if (line.startsWith("# ")) {
                current = sections.computeIfAbsent(line.substring(2), name -> new ArrayList<>());
            } else if (!line.isEmpty() && current != null) {
                current.add(line);
            }
        }
        return sections;
    }

    /** {@code db0:keys=..,expires=..,avg_ttl=..} per DB, over every master. */
    private static List<String> summedKeyspace(List<Map<String, List<String>>> parsed) {
        Map<String, long[]> dbs = new java.util.TreeMap<>((a, b) -> Long.compare(dbNumber(a), dbNumber(b)));
        for (Map<String, List<String>> master : parsed) {
            for (String line : master.getOrDefault(KEYSPACE, List.of())) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                long[] sums = dbs.computeIfAbsent(line.substring(0, colon), db -> new long[3]);
                long expires = field(line, "expires");
                sums[0] += field(line, "keys");
                sums[1] += expires;
                sums[2] += field(line, "avg_ttl") * expires;
            }
        }
        List<String> lines = new ArrayList<>();
        dbs.forEach((db, sums) -> lines.add(db + ":keys=" + sums[0] + ",expires=" + sums[1]
                + ",avg_ttl=" + (sums[1] == 0 ? 0 : sums[2] / sums[1])));
        return lines;
    }

    private static long dbNumber(String db) {
        try {
            return Long.parseLong(db.substring(2));
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The number after {@code name=} in a {@code key:a=1,b=2} line, 0 when absent. */
    private static long field(String line, String name) {
        int at = line.indexOf(name + "=", line.indexOf(':'));
        while (at > 0 && line.charAt(at - 1) != ':' && line.charAt(at - 1) != ',') {
            at = line.indexOf(name + "=", at + 1);
        }
        if (at < 0) {
            return 0;
        }
        int start = at + name.length() + 1;
        int end = start;
        while (end < line.length() && (Character.isDigit(line.charAt(end)) || line.charAt(end) == '-')) {
            end++;
        }
        try {
            return Long.parseLong(line.substring(start, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
