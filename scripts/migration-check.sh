#!/usr/bin/env bash
# The migration correctness harness at full size: a cluster from the jars, N keys of mixed types
# (strings, strings and hashes with TTLs, lists, sets, sorted sets, streams with a consumer group)
# in group 1, writers and readers through two proxies recording every acknowledged write, while
# `codis-admin --rebalance --confirm` moves half the slots to a new group 2 and
# `--slot-action --create-range` moves them back. It prints
#   migration-check: N keys checked, L lost, S stale, E client errors (...)
# and fails unless L, S and E are 0. The suite runs the same test (MigrationCheckTest) at 20,000 keys.
#
#   scripts/migration-check.sh            # 1,000,000 keys
#   scripts/migration-check.sh 200000     # another size
#
# Environment: MIGRATION_CHECK_OPS (the load's ops/s through the proxies in all, default 2000).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
keys="${1:-1000000}"
ops="${MIGRATION_CHECK_OPS:-2000}"
case "$keys" in ''|*[!0-9]*) echo "migration-check.sh: the key count must be a number, not '$keys'" >&2; exit 2 ;; esac
cd "$root"
status=0
mvn -B -q -ntp -pl codis-e2e -am verify -Dtest=MigrationCheckTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmigration.check.keys="$keys" -Dmigration.check.ops="$ops" >/tmp/migration-check.$$.log 2>&1 || status=$?
grep -h '^migration-check: ' codis-e2e/target/surefire-reports/io.codis.e2e.MigrationCheckTest-output.txt 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "migration-check.sh: the check failed; Maven's output is in /tmp/migration-check.$$.log" >&2
  exit "$status"
fi
rm -f /tmp/migration-check.$$.log
