package io.codis.proxy.command;

import io.codis.common.resp.RespRequest;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * The destination keys of {@code STORE key} options ({@code SORT}, {@code GEORADIUS*}), found as Redis
 * 7's COMMAND GETKEYS finds them: arguments of the options listed as skipped are not mistaken for
 * keywords ({@code SORT k BY store} has no destination); for SORT only the last STORE counts (the one
 * SORT uses); for GEORADIUS the first STORE and the first STOREDIST count (its key specs).
 */
final class StoreOptionKey implements KeyFinder {

    private static final int NO_KEY = -1;

    private final int startFrom;
    private final byte[][] storeKeywords;
    private final byte[][] skippedKeywords;
    /** How many arguments follow each skipped keyword. */
    private final int[] skippedArguments;
    /** Only the last store option counts, else the first of each keyword. */
    private final boolean lastOnly;

    private StoreOptionKey(int startFrom, String[] storeKeywords, String[] skippedKeywords, int[] skippedArguments,
            boolean lastOnly) {
        this.startFrom = startFrom;
        this.storeKeywords = ascii(storeKeywords);
        this.skippedKeywords = ascii(skippedKeywords);
        this.skippedArguments = skippedArguments;
        this.lastOnly = lastOnly;
    }

    /** {@code SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]}. */
    static StoreOptionKey sortStoreKey() {
        return new StoreOptionKey(2, new String[] {"STORE"}, new String[] {"LIMIT", "GET", "BY"}, new int[] {2, 1, 1},
                true);
    }

    /** {@code GEORADIUS* ... [STORE key] [STOREDIST key]}, options from argument {@code startFrom}. */
    static StoreOptionKey geoStoreKey(int startFrom) {
        return new StoreOptionKey(startFrom, new String[] {"STORE", "STOREDIST"}, new String[0], new int[0], false);
    }

    @Override
    public void forEachKey(RespRequest request, IntConsumer keyIndex) {
        if (lastOnly) {
            int key = firstKey(request);
            if (key != NO_KEY) {
                keyIndex.accept(key);
            }
            return;
        }
        int argc = request.argCount();
        int seenKeywords = 0;
        for (int i = startFrom; i < argc - 1; i++) {
            int keyword = indexOf(storeKeywords, request.arg(i));
            if (keyword >= 0 && (seenKeywords & (1 << keyword)) == 0) {
                seenKeywords |= 1 << keyword;
                keyIndex.accept(++i);
            }
        }
    }

    @Override
    public int firstKey(RespRequest request) {
        int argc = request.argCount();
        int key = NO_KEY;
        for (int i = startFrom; i < argc - 1; i++) {
            ByteBuf arg = request.arg(i);
            int skipped = indexOf(skippedKeywords, arg);
            if (skipped >= 0) {
                i += skippedArguments[skipped];
            } else if (indexOf(storeKeywords, arg) >= 0) {
                key = ++i;
                if (!lastOnly) {
                    return key;
                }
            }
        }
        return key;
    }

    private static int indexOf(byte[][] keywords, ByteBuf arg) {
        for (int k = 0; k < keywords.length; k++) {
            if (Ascii.equalsIgnoreCase(keywords[k], arg)) {
                return k;
            }
        }
        return -1;
    }

    private static byte[][] ascii(String[] keywords) {
        byte[][] bytes = new byte[keywords.length][];
        for (int i = 0; i < keywords.length; i++) {
            bytes[i] = keywords[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
