package io.codis.common.resp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.codis.common.resp.RespBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random input: the parsers only ever throw {@link RespProtocolException}, allocate little
 * whatever lengths the input declares, leak nothing, and give the same outcome however the input
 * is cut.
 */
@ExtendWith(NettyLeakCheck.class)
class RespFuzzTest {

    private static final int INPUTS = 3000;
    /** Far below what preallocating for a declared length (e.g. *1048576) would take. */
    private static final long MAX_ALLOCATED_BYTES_PER_INPUT = 2 * 1024 * 1024;
    private static final byte[] ALPHABET = bytes("*$:+-_,#!=(%~|>.;?\r\n\r\n0123456789-  \t\"'\\xabAB\0");
    private static final String[] VALID_REQUESTS = {
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", "GET  k\r\n", "echo \"a\\x41\" 'b'\n", "*1\r\n$4\r\nPING\r\n"};
    private static final String[] VALID_REPLIES = {
            "*2\r\n$1\r\na\r\n:1\r\n", "%1\r\n+k\r\n~1\r\n_\r\n", "|1\r\n+a\r\n+b\r\n$?\r\n;1\r\nx\r\n;0\r\n",
            "*?\r\n>1\r\n#t\r\n.\r\n", "!3\r\nERR\r\n"};
    private static final String[] HUGE_NUMBERS = {
            "1048576", "1048577", "536870912", "536870913", "2147483647", "2147483648", "9223372036854775807",
            "-1", "-2", "0", "99999999999999999999", "?"};

    /** Heap buffers without leak tracking (which, at PARANOID, records a stack trace per access). */
    private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(false, true);

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void requestParserSurvivesGarbage() {
        fuzz(new Random(20240601), VALID_REQUESTS, ChunkedFeed::requests);
    }

    @Test
    void replyFramerSurvivesGarbage() {
        fuzz(new Random(20240602), VALID_REPLIES, ChunkedFeed::replies);
    }

    /** Parses input cut at some positions, with buffers from the given allocator. */
    private interface Parse {
        List<String> apply(byte[] input, int[] cuts, ByteBufAllocator alloc);
    }

    private void fuzz(Random random, String[] validFrames, Parse parse) {
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = switch (i % 3) {
                case 0 -> randomBytes(random);
                case 1 -> mutate(random, bytes(validFrames[random.nextInt(validFrames.length)]));
                default -> hugeHeaders(random);
            };
            List<String> whole = parse.apply(input, new int[0], PooledByteBufAllocator.DEFAULT);

            assertThat(allocatedBytesParsing(parse, input)).as("bytes allocated parsing %s", Arrays.toString(input))
                    .isLessThan(MAX_ALLOCATED_BYTES_PER_INPUT);
            assertThat(parse.apply(input, randomCuts(random, input.length), PooledByteBufAllocator.DEFAULT))
                    .as("outcome of %s cut at random", Arrays.toString(input))
                    .isEqualTo(whole);
        }
    }

    /**
     * Measured with untracked buffers, on a second run so that first-time class loading does not count.
     */
    private long allocatedBytesParsing(Parse parse, byte[] input) {
        long thread = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            long before = threads.getThreadAllocatedBytes(thread);
            parse.apply(input, new int[0], UNTRACKED);
            least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
        }
        return least;
    }

    private static byte[] randomBytes(Random random) {
        byte[] input = new byte[random.nextInt(80)];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return input;
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] input = Arrays.copyOf(valid, valid.length);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(input.length);
            switch (random.nextInt(3)) {
                case 0 -> input[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                case 1 -> {
                    byte[] longer = new byte[input.length + 1];
                    System.arraycopy(input, 0, longer, 0, at);
                    longer[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    System.arraycopy(input, at, longer, at + 1, input.length - at);
                    input = longer;
                }
                default -> {
                    if (input.length > 1) {
                        byte[] shorter = new byte[input.length - 1];
                        System.arraycopy(input, 0, shorter, 0, at);
                        System.arraycopy(input, at + 1, shorter, at, input.length - at - 1);
                        input = shorter;
                    }
                }
            }
        }
        return input;
    }

    /** Headers declaring huge or odd counts and lengths, nested, with little data behind them. */
    private static byte[] hugeHeaders(Random random) {
        StringBuilder input = new StringBuilder();
        for (int headers = 1 + random.nextInt(6); headers > 0; headers--) {
            input.append("*$%~|>!=".charAt(random.nextInt(8)))
                    .append(HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)])
                    .append("\r\n");
            if (random.nextBoolean()) {
                input.append("abc\r\n");
            }
        }
        return bytes(input.toString());
    }

    private static int[] randomCuts(Random random, int length) {
        return random.ints(random.nextInt(6), 0, length + 1).sorted().toArray();
    }
}
