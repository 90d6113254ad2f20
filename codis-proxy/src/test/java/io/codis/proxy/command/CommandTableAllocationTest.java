package io.codis.proxy.command;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Looking up a known command is on every request's path: it must not allocate (measured in bytes, not time). */
class CommandTableAllocationTest {

    private static final int LOOKUPS = 200_000;
    /** Far below one object per lookup; leaves room for what the measurement itself may allocate. */
    private static final long ALLOWED_BYTES = 64 * 1024;

    @Test
    void looksUpKnownNamesWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        // wrapped buffers: Netty's leak detector does not track (and record accesses to) them
        ByteBuf[] names = Stream.of("get", "SET", "mGeT", "ZUNIONSTORE", "eval_ro", "host:", "SLOTSMGRT-EXEC-WRAPPER",
                "georadiusbymember_ro", "xreadgroup", "Ping")
                .map(name -> Unpooled.wrappedBuffer(name.getBytes(StandardCharsets.US_ASCII)))
                .toArray(ByteBuf[]::new);

        long checksum = lookUp(names, LOOKUPS); // warm up
        long before = threads.getCurrentThreadAllocatedBytes();
        checksum += lookUp(names, LOOKUPS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(checksum).isPositive();
        assertThat(allocated).isLessThan(ALLOWED_BYTES);
    }

    private static long lookUp(ByteBuf[] names, int lookups) {
        long notAllowed = 0;
        for (int i = 0; i < lookups; i++) {
            if (CommandTable.lookup(names[i % names.length]).isNotAllowed()) {
                notAllowed++;
            }
        }
        return notAllowed;
    }
}
