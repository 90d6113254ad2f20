package io.codis.proxy.usage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The {@code runtime} object of the proxy's stats, with the JVM's equivalents of Go's runtime
 * figures: heap from the memory MXBean, collections from the garbage collector MXBeans, threads as
 * {@code num_goroutines}, Netty's pooled direct memory as {@code mem_offheap}, the event loops that take
 * new clients as {@code num_procs} (Go's {@code GOMAXPROCS}). Go-only figures are 0.
 */
public final class JvmRuntimeStats {
    private JvmRuntimeStats() {
    }

    /** The figures now, in the original's field order, with {@code numProcs} threads running the proxy. */
    public static ObjectNode snapshot(int numProcs) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long uptimeMillis = Math.max(1, ManagementFactory.getRuntimeMXBean().getUptime());

        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode runtime = json.objectNode();
        ObjectNode general = runtime.putObject("general");
        general.put("alloc", heap.getUsed());
        general.put("sys", heap.getCommitted() + nonHeap.getCommitted());
        general.put("lookups", 0);
        general.put("mallocs", 0);
        general.put("frees", 0);
        ObjectNode heapNode = runtime.putObject("heap");
        heapNode.put("alloc", heap.getUsed());
        heapNode.put("sys", heap.getCommitted());
        heapNode.put("idle", Math.max(0, heap.getCommitted() - heap.getUsed()));
        heapNode.put("inuse", heap.getUsed());
        heapNode.put("objects", 0);
        ObjectNode gc = runtime.putObject("gc");
        gc.put("num", gcCount);
        gc.putPOJO("cpu_fraction", (double) gcMillis / uptimeMillis);
        gc.put("total_pausems", gcMillis);
        runtime.put("num_procs", numProcs);
        runtime.put("num_goroutines", ManagementFactory.getThreadMXBean().getThreadCount());
        runtime.put("num_cgo_call", 0);
        runtime.put("mem_offheap", offHeapBytes());
        return runtime;
    }

    private static long offHeapBytes() {
        return Math.max(0, PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
    }
}
