package io.codis.proxy.command;

import io.codis.common.resp.RespRequest;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * One Redis 7 key specification: where the search for keys begins (a fixed argument index, or just
 * after a keyword) and how the keys are found from there (a range, or a count argument followed by
 * that many keys). Evaluated as Redis' {@code getKeysUsingKeySpecs} does with partial results
 * allowed: a spec that does not fit the request (keyword absent, bad or too large key count, too
 * few arguments) yields no key, never an error.
 */
final class KeySpec implements KeyFinder {

    private static final int NO_KEY = -1;

    /** Begin search by index: the argument index; 0 when the search is by keyword. */
    private final int beginIndex;
    /** Begin search by keyword: the upper-case keyword, or null. */
    private final byte[] keyword;
    /** Where the keyword search starts: forwards from it when positive, backwards from argc + it when negative. */
    private final int startFrom;
    /** Find keys by count: the argument right after the begin is the number of keys that follow. */
    private final boolean keyCount;
    /** Find keys by range: offset of the last key from the first; negative counts from the end. */
    private final int lastKey;
    private final int keyStep;
    /** With a negative lastKey: only 1/limit of the remaining arguments are keys (0 = all). */
    private final int limit;

    private KeySpec(int beginIndex, String keyword, int startFrom, boolean keyCount, int lastKey, int keyStep,
            int limit) {
        this.beginIndex = beginIndex;
        this.keyword = keyword == null ? null : keyword.getBytes(StandardCharsets.US_ASCII);
        this.startFrom = startFrom;
        this.keyCount = keyCount;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        this.limit = limit;
    }

    /** One key at argument {@code index}. */
    static KeySpec at(int index) {
        return range(index, 0, 1);
    }

    /**
     * Keys from argument {@code index} to {@code index + lastKey} (to {@code argc + lastKey} when
     * negative), every {@code step}.
     */
    static KeySpec range(int index, int lastKey, int step) {
        return new KeySpec(index, null, 0, false, lastKey, step, 0);
    }

    /** Argument {@code index} is the number of keys, which follow it ({@code EVAL script numkeys key...}). */
    static KeySpec numKeysAt(int index) {
        return new KeySpec(index, null, 0, true, 0, 1, 0);
    }

    /** One key right after {@code keyword} ({@code ... STORE key}). */
    static KeySpec keyword(String keyword, int startFrom) {
        return keyword(keyword, startFrom, 0, 1, 0);
    }

    /**
     * Keys after {@code keyword}, found as by {@link #range}; with a negative {@code lastKey}, only the
     * first 1/{@code limit} of the remaining arguments ({@code XREAD ... STREAMS k1 k2 id1 id2}).
     */
    static KeySpec keyword(String keyword, int startFrom, int lastKey, int step, int limit) {
        return new KeySpec(0, keyword, startFrom, false, lastKey, step, limit);
    }

    @Override
    public int fixedFirstKey() {
        return keyword == null && !keyCount ? beginIndex : 0;
    }

    @Override
    public boolean mayFindSeveral() {
        return keyCount || lastKey != 0;
    }

    @Override
    public void forEachKey(RespRequest request, IntConsumer keyIndex) {
        int first = firstKey(request);
        if (first == NO_KEY) {
            return;
        }
        int last = lastKeyIndex(request, first);
        for (int i = first; i <= last; i += keyStep) {
            keyIndex.accept(i);
        }
    }

    @Override
    public int firstKey(RespRequest request) {
        int first = begin(request);
        if (first == NO_KEY) {
            return NO_KEY;
        }
        int argc = request.argCount();
        if (keyCount) {
            if (first >= argc) {
                return NO_KEY;
            }
            long count = parseCount(request.arg(first));
            int lastPossible = argc - 1;
            if (count <= 0 || count > lastPossible - first) {
                return NO_KEY;
            }
            return first + 1;
        }
        int last = rangeEnd(first, argc);
        return first >= argc || last >= argc || last < first ? NO_KEY : first;
    }

    private int lastKeyIndex(RespRequest request, int first) {
        if (keyCount) {
            return first - 1 + (int) parseCount(request.arg(first - 1));
        }
        return rangeEnd(first, request.argCount());
    }

    private int rangeEnd(int first, int argc) {
        if (lastKey >= 0) {
            return first + lastKey;
        }
        if (limit == 0) {
            return argc + lastKey;
        }
        return first + ((argc - first) / limit + lastKey);
    }

    /** The argument the key search starts at, or -1 (keyword absent). */
    private int begin(RespRequest request) {
        if (keyword == null) {
            return beginIndex;
        }
        int argc = request.argCount();
        if (startFrom > 0) {
            // as Redis: the keyword is never the last argument
            for (int i = startFrom; i < argc - 1; i++) {
                if (Ascii.equalsIgnoreCase(keyword, request.arg(i))) {
                    return i + 1;
                }
            }
        } else {
            for (int i = argc + startFrom; i > 1; i--) {
                if (Ascii.equalsIgnoreCase(keyword, request.arg(i))) {
                    return i + 1;
                }
            }
        }
        return NO_KEY;
    }


    /** A key count as Redis' string2ll reads it; -1 for anything that is not a non-negative number. */
    static long parseCount(ByteBuf arg) {
        int length = arg.readableBytes();
        if (length == 0 || length > 18) {
            return -1;
        }
        int base = arg.readerIndex();
        if (length > 1 && arg.getByte(base) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            byte b = arg.getByte(base + i);
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
