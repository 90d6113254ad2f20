#!/usr/bin/env bash
# The migration benchmark: a bare SCAN+MIGRATE KEYS loop between two Redis servers (the yardstick),
# then a cluster from the jars with N string keys of 256 bytes in group 1 and an empty group 2:
# `codis-admin --rebalance --confirm` with no load, then the slots moved back with
# `--slot-action --create-range` while clients send about OPS requests a second through a proxy.
# Prints keys/s and MB/s of each move with its ratio to the bare loop measured in the same run, and
# the load's p50/p99 latency before and during the move.
#
#   scripts/bench-migration.sh                    # 1,000,000 keys, 20,000 ops/s
#   BENCH_KEYS=200000 scripts/bench-migration.sh  # a quicker run
#
# Environment: BENCH_KEYS (default 1000000), BENCH_OPS (the load, default 20000),
# BENCH_PARALLEL_SLOTS (dashboard.toml migration_parallel_slots, default the shipped 100),
# BENCH_COORDINATOR (zookeeper, etcd or filesystem; default zookeeper, as the seed article runs it).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
keys="${BENCH_KEYS:-1000000}"
ops="${BENCH_OPS:-20000}"
parallel="${BENCH_PARALLEL_SLOTS:-100}"
coordinator="${BENCH_COORDINATOR:-zookeeper}"
for n in "$keys" "$ops" "$parallel"; do
  case "$n" in ''|*[!0-9]*) echo "bench-migration.sh: BENCH_KEYS, BENCH_OPS and BENCH_PARALLEL_SLOTS must be numbers" >&2; exit 2 ;; esac
done
cd "$root"
log="$(mktemp /tmp/bench-migration.XXXXXX.log)"
status=0
mvn -B -q -ntp -pl codis-e2e -am verify -Dtest=MigrationBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.migration.keys="$keys" -Dbench.migration.ops="$ops" -Dbench.migration.parallel="$parallel" \
  -Dbench.migration.coordinator="$coordinator" >"$log" 2>&1 || status=$?
grep -h '^bench-migration: ' codis-e2e/target/surefire-reports/io.codis.e2e.MigrationBench-output.txt 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "bench-migration.sh: the benchmark failed; Maven's output is in $log" >&2
  exit "$status"
fi
rm -f "$log"
