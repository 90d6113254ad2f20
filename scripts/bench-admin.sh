#!/usr/bin/env bash
# How long a codis-admin call takes, start to exit, as an operator's script sees it: 20 calls
# (BENCH_CALLS) each of `codis-admin --help`, `--version` and `--dashboard=ADDR` (the overview of a
# real dashboard), then `--help` and `--version` of every other program; prints the mean and the
# maximum in milliseconds per line. The dashboard is BENCH_DASHBOARD (host:port) when set, else one
# started here on the filesystem coordinator in a temp dir on a free port and stopped at the end.
#
#   scripts/bench-admin.sh
#   BENCH_CALLS=5 BENCH_DASHBOARD=127.0.0.1:18080 scripts/bench-admin.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
calls="${BENCH_CALLS:-20}"
for module in codis-admin codis-dashboard codis-proxy codis-fe codis-ha; do
  [ -f "$root/$module/target/$module.jar" ] || (cd "$root" && mvn -B -q -ntp -DskipTests package)
done

work="$(mktemp -d /tmp/codis-bench-admin.XXXXXX)"
dashboard_pid=""
cleanup() {
  if [ -n "$dashboard_pid" ]; then
    kill "$dashboard_pid" 2>/dev/null || true
    wait "$dashboard_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

dashboard="${BENCH_DASHBOARD:-}"
if [ -z "$dashboard" ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  dashboard="127.0.0.1:$port"
  "$root/scripts/codis-dashboard" --default-config | sed \
      -e "s|^coordinator_addr = .*|coordinator_addr = \"$work/coordinator\"|" \
      -e 's|^product_name = .*|product_name = "codis-bench-admin"|' \
      -e "s|^admin_addr = .*|admin_addr = \"$dashboard\"|" > "$work/dashboard.toml"
  "$root/scripts/codis-dashboard" --ncpu=1 --config="$work/dashboard.toml" --log="$work/dashboard.log" \
      --log-level=warn &
  dashboard_pid=$!
  for _ in $(seq 1 100); do
    "$root/scripts/codis-admin" --dashboard="$dashboard" model >/dev/null 2>&1 && break
    kill -0 "$dashboard_pid" 2>/dev/null || { echo "bench-admin.sh: the dashboard died, see $work/dashboard.log" >&2; exit 1; }
    sleep 0.2
  done
fi

# Runs "$@" $calls times (after one untimed call) and prints NAME mean max, in milliseconds.
measure() {
  local name="$1" total=0 max=0 start took i
  shift
  "$@" >/dev/null 2>&1 || { echo "bench-admin.sh: $* failed:" >&2; "$@" >&2 || true; exit 1; }
  for i in $(seq 1 "$calls"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    took=$(( ($(date +%s%N) - start) / 1000000 ))
    total=$(( total + took ))
    (( took > max )) && max=$took
  done
  printf '%-40s mean %5d ms   max %5d ms\n' "$name" $(( total / calls )) "$max"
}

echo "$calls calls each, $(nproc) cores"
measure "codis-admin --help" "$root/scripts/codis-admin" --help
measure "codis-admin --version" "$root/scripts/codis-admin" --version
measure "codis-admin --dashboard=ADDR" "$root/scripts/codis-admin" --dashboard="$dashboard"
for program in codis-dashboard codis-proxy codis-fe codis-ha; do
  measure "$program --help" "$root/scripts/$program" --help
  measure "$program --version" "$root/scripts/$program" --version
done
