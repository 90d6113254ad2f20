package io.codis.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.json.JsonCodec;
import io.codis.proxy.stats.CommandStats;
import io.codis.proxy.stats.OpsStats;
import io.codis.proxy.stats.SessionStats;
import io.codis.proxy.usage.JvmRuntimeStats;
import io.codis.proxy.usage.ProcessUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyStatsJsonTest {
    private static final OpsStats OPS = new OpsStats(5321, 2, 1, 12, List.of(
            new CommandStats("GET", 4000, 812345, 0, 0), new CommandStats("KEYS", 2, 40, 0, 2)));
    private static final ProcessUsage USAGE = new ProcessUsage("2017-04-08 15:40:01.101872312 +0800 CST", 0.0099,
            420000000, 310000000, 0, 0, 12, 520781824, 23318528);

    @Test
    void withoutFlagsTheStatsAreExactlyTheOriginalsFieldsInOrder() {
        ObjectNode stats = ProxyStatsJson.build(true, false, List.of("10.2.16.131:26379", "10.2.16.132:26379"), OPS,
                new SessionStats(14, 2), USAGE, false, () -> JsonNodeFactory.instance.objectNode(), StatsFlags.NONE);

        assertThat(JsonCodec.pretty(stats)).isEqualTo("""
                {
                    "online": true,
                    "closed": false,
                    "sentinels": {
                        "servers": [
                            "10.2.16.131:26379",
                            "10.2.16.132:26379"
                        ]
                    },
                    "ops": {
                        "total": 5321,
                        "fails": 2,
                        "redis": {
                            "errors": 1
                        },
                        "qps": 12
                    },
                    "sessions": {
                        "total": 14,
                        "alive": 2
                    },
                    "rusage": {
                        "now": "2017-04-08 15:40:01.101872312 +0800 CST",
                        "cpu": 0.0099,
                        "mem": 23318528,
                        "raw": {
                            "utime": 420000000,
                            "stime": 310000000,
                            "cutime": 0,
                            "cstime": 0,
                            "num_threads": 12,
                            "vm_size": 520781824,
                            "vm_rss": 23318528
                        }
                    },
                    "backend": {
                        "primary_only": false
                    }
                }""");
    }

    @Test
    void flagOneAddsThePerCommandTableAndFlagFourTheRuntime() {
        ObjectNode stats = ProxyStatsJson.build(true, false, List.of(), OPS, new SessionStats(14, 2), USAGE, true,
                () -> JvmRuntimeStats.snapshot(4), StatsFlags.ALL);

        assertThat(stats.get("sentinels").isEmpty()).isTrue();
        assertThat(JsonCodec.pretty(stats.get("ops").get("cmd"))).isEqualTo("""
                [
                    {
                        "opstr": "GET",
                        "calls": 4000,
                        "usecs": 812345,
                        "usecs_percall": 203,
                        "fails": 0,
                        "redis_errtype": 0
                    },
                    {
                        "opstr": "KEYS",
                        "calls": 2,
                        "usecs": 40,
                        "usecs_percall": 20,
                        "fails": 0,
                        "redis_errtype": 2
                    }
                ]""");
        assertThat(stats.get("backend").get("primary_only").booleanValue()).isTrue();
        assertThat(fieldNames(stats)).containsExactly("online", "closed", "sentinels", "ops", "sessions", "rusage",
                "backend", "runtime");
        assertThat(fieldNames(stats.get("runtime"))).containsExactly("general", "heap", "gc", "num_procs",
                "num_goroutines", "num_cgo_call", "mem_offheap");
    }

    @Test
    void anEmptyCommandTableIsOmittedEvenWithFlagOne() {
        OpsStats none = new OpsStats(0, 0, 0, 0, List.of());
        ObjectNode stats = ProxyStatsJson.build(false, true, List.of(), none, new SessionStats(0, 0), ProcessUsage.NONE,
                false, () -> JvmRuntimeStats.snapshot(4), new StatsFlags(StatsFlags.WITH_COMMANDS));
        assertThat(fieldNames(stats.get("ops"))).containsExactly("total", "fails", "redis", "qps");
        assertThat(stats.get("rusage").get("now").textValue()).isEmpty();
        assertThat(stats.has("runtime")).isFalse();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
