package io.codis.proxy.command;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Every command the proxy knows: the original's table and Redis 7.0's commands, classified by the same rules. */
public final class CommandTable {

    /** Open addressing, linear probing; a power of two at least four times the number of commands. */
    private static final int SLOTS;
    private static final byte[][] NAMES;
    private static final CommandSpec[] SPECS;

    static {
        List<CommandSpec> all = KnownCommands.all();
        int slots = Integer.highestOneBit(all.size() * 4 - 1) << 1;
        SLOTS = slots;
        NAMES = new byte[slots][];
        SPECS = new CommandSpec[slots];
        for (CommandSpec spec : all) {
            byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
            int slot = hash(name) & (slots - 1);
            while (NAMES[slot] != null) {
                if (Arrays.equals(NAMES[slot], name)) {
                    throw new IllegalStateException("command listed twice: " + spec.name());
                }
                slot = (slot + 1) & (slots - 1);
            }
            NAMES[slot] = name;
            SPECS[slot] = spec;
        }
    }

    /** Lower-case names of the allowed commands that Redis 7 has, in table order. */
    private static final List<String> ALLOWED_REDIS_NAMES = allowedNames(false);
    /** The same with the commands served on owned connections ({@code proxy_max_owned_conns} > 0). */
    private static final List<String> ALLOWED_REDIS_NAMES_WITH_OWNED = allowedNames(true);

    private static List<String> allowedNames(boolean owned) {
        return KnownCommands.all().stream().filter(spec -> isAllowedRedisCommand(spec, owned))
                .map(spec -> spec.name().toLowerCase(Locale.ROOT)).toList();
    }

    private CommandTable() {
    }

    /**
     * The lower-case names of the commands a client may send that Redis 7 knows (what COMMAND lists):
     * every allowed one but the original's {@code SLOTS*} commands, which stock Redis lacks; with
     * {@code owned}, the blocking and transaction commands too (served on owned connections).
     */
    public static List<String> allowedRedisNames(boolean owned) {
        return owned ? ALLOWED_REDIS_NAMES_WITH_OWNED : ALLOWED_REDIS_NAMES;
    }

    /** Whether {@code name} (any case) is one of {@link #allowedRedisNames(boolean)}. */
    public static boolean isAllowedRedisCommand(ByteBuf name, boolean owned) {
        int length = name.readableBytes();
        return length > 0 && length <= 64 && isAllowedRedisCommand(lookup(name), owned);
    }

    private static boolean isAllowedRedisCommand(CommandSpec spec, boolean owned) {
        boolean allowed = !spec.isNotAllowed() || (owned && spec.local().needsOwnedConnection());
        return allowed && !spec.isUnknown() && !spec.name().startsWith("SLOTS");
    }

    /**
     * The spec for a command name as it came on the wire (any case). The caller has checked that the
     * name is 1..64 bytes. A name the table lacks, or with a byte that is not a letter or ':', gets
     * an unknown, may-write spec named by its upper-cased bytes. Does not allocate for known names.
     *
     * <p>The table is consulted for every name: the only known names with other bytes are the
     * original's hyphenated dead entries, which the clone rejects (proxy-dataplane.md, Note of
     * "Command classification"), and Redis 7's {@code *_RO} commands, which need their own keys.
     */
    public static CommandSpec lookup(ByteBuf name) {
        return lookup(name, name.readerIndex(), name.readableBytes());
    }

    /** As {@link #lookup(ByteBuf)} for the {@code length} bytes of {@code buf} at absolute index {@code base}. */
    public static CommandSpec lookup(ByteBuf buf, int base, int length) {
        ByteBuf name = buf;
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + Ascii.upperCase(name.getByte(base + i));
        }
        for (int slot = spread(hash) & (SLOTS - 1); NAMES[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            if (Ascii.equalsIgnoreCase(NAMES[slot], name, base, length)) {
                return SPECS[slot];
            }
        }
        return CommandSpec.unknown(upperCaseName(name, base, length));
    }

    private static int hash(byte[] upperCaseName) {
        int hash = 0;
        for (byte b : upperCaseName) {
            hash = 31 * hash + b;
        }
        return spread(hash);
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }



    private static String upperCaseName(ByteBuf name, int base, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = Ascii.upperCase(name.getByte(base + i));
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
