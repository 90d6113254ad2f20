package io.codis.proxy.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures the InfluxDB and StatsD reporters send, taken from the stats JSON with runtime. */
public final class UsageFields {
    private UsageFields() {
    }

    /** {@code ops_total} ... {@code runtime_num_mem_offheap}; {@code rusage_cpu} is the only float. */
    public static Map<String, Number> of(JsonNode stats) {
        JsonNode ops = stats.path("ops");
        JsonNode runtime = stats.path("runtime");
        Map<String, Number> fields = new LinkedHashMap<>();
        fields.put("ops_total", ops.path("total").asLong());
        fields.put("ops_fails", ops.path("fails").asLong());
        fields.put("ops_redis_errors", ops.path("redis").path("errors").asLong());
        fields.put("ops_qps", ops.path("qps").asLong());
        fields.put("sessions_total", stats.path("sessions").path("total").asLong());
        fields.put("sessions_alive", stats.path("sessions").path("alive").asLong());
        fields.put("rusage_mem", stats.path("rusage").path("mem").asLong());
        fields.put("rusage_cpu", doubleOf(stats.path("rusage").path("cpu")));
        fields.put("runtime_gc_num", runtime.path("gc").path("num").asLong());
        fields.put("runtime_gc_total_pausems", runtime.path("gc").path("total_pausems").asLong());
        fields.put("runtime_num_procs", runtime.path("num_procs").asLong());
        fields.put("runtime_num_goroutines", runtime.path("num_goroutines").asLong());
        fields.put("runtime_num_cgo_call", runtime.path("num_cgo_call").asLong());
        fields.put("runtime_num_mem_offheap", runtime.path("mem_offheap").asLong());
        return fields;
    }

    private static double doubleOf(JsonNode node) {
        if (node.isPojo()) {
            Object pojo = ((com.fasterxml.jackson.databind.node.POJONode) node).getPojo();
            return pojo instanceof Number number ? number.doubleValue() : 0;
        }
        return node.asDouble();
    }
}
