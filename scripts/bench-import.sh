#!/usr/bin/env bash
# The import benchmark: a standalone Redis with N string keys of 256 bytes moved into a two-group
# cluster from the jars with `codis-admin --import`: keys/s of the snapshot phase (--no-follow), then
# ops/s followed in the stream phase while redis-benchmark sends W SETs of 256 bytes to the source.
#
#   scripts/bench-import.sh                  # 1,000,000 keys, 200,000 writes
#   BENCH_KEYS=100000 scripts/bench-import.sh
#
# Environment: BENCH_KEYS (default 1000000), BENCH_WRITES (default 200000).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
keys="${BENCH_KEYS:-1000000}"
writes="${BENCH_WRITES:-200000}"
for n in "$keys" "$writes"; do
  case "$n" in ''|*[!0-9]*) echo "bench-import.sh: BENCH_KEYS and BENCH_WRITES must be numbers" >&2; exit 2 ;; esac
done
cd "$root"
log="$(mktemp /tmp/bench-import.XXXXXX.log)"
status=0
mvn -B -q -ntp -pl codis-e2e -am verify -Dtest=ImportBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.import.keys="$keys" -Dbench.import.writes="$writes" >"$log" 2>&1 || status=$?
grep -h '^bench-import: ' codis-e2e/target/surefire-reports/io.codis.e2e.ImportBench-output.txt 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "bench-import.sh: the benchmark failed; Maven's output is in $log" >&2
  exit "$status"
fi
rm -f "$log"
