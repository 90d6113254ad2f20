package io.codis.proxy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.json.JsonCodec;
import org.junit.jupiter.api.Test;

class JvmRuntimeStatsTest {

    @Test
    void runtimeHasGoRuntimeFieldsFilledWithTheJvmFigures() {
        ObjectNode runtime = JvmRuntimeStats.snapshot(3);
        String json = JsonCodec.pretty(runtime);

        assertThat(json).containsSubsequence("\"general\"", "\"alloc\"", "\"sys\"", "\"lookups\"", "\"mallocs\"",
                "\"frees\"", "\"heap\"", "\"alloc\"", "\"sys\"", "\"idle\"", "\"inuse\"", "\"objects\"", "\"gc\"",
                "\"num\"", "\"cpu_fraction\"", "\"total_pausems\"", "\"num_procs\"", "\"num_goroutines\"",
                "\"num_cgo_call\"", "\"mem_offheap\"");
        assertThat(runtime.get("heap").get("alloc").longValue()).isPositive();
        assertThat(runtime.get("num_procs").intValue()).isEqualTo(3);
        assertThat(runtime.get("num_goroutines").intValue()).isGreaterThan(1);
        assertThat(json).doesNotContain("E-").doesNotContain("E+");
    }
}
