#!/usr/bin/env bash
# The proxy benchmark: 4 Redis servers behind one codis-proxy (slots filled from a file, no
# dashboard), redis-benchmark against one Redis directly and against the proxy, interleaved in the
# same run, and the ratio proxy/direct for each line. Then the proxy's CPU seconds per million
# requests and its RSS with 1,000 idle client connections.
#
#   scripts/bench.sh                 # the full table (a few minutes)
#   BENCH_REQUESTS=50000 scripts/bench.sh   # a quicker, noisier run
#
# Environment: BENCH_REQUESTS (per line, default 500000), BENCH_NCPU (proxy event loops, default half
# the cores, at least 1: the other half runs redis-benchmark and the Redis servers; on 2 cores one loop
# measured cheaper per request and faster than two), BENCH_MAX_NCPU (the proxy's --max-ncpu, default
# BENCH_NCPU: no tuner, so every line runs on the same loops), BENCH_DIR (work directory, default a temp dir,
# removed at the end).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
requests="${BENCH_REQUESTS:-500000}"
cores=$(nproc)
ncpu="${BENCH_NCPU:-$(( cores / 2 > 0 ? cores / 2 : 1 ))}"
max_ncpu="${BENCH_MAX_NCPU:-$ncpu}"
work="${BENCH_DIR:-$(mktemp -d /tmp/codis-bench.XXXXXX)}"
mkdir -p "$work"

for tool in redis-server redis-benchmark redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is needed (apt-get install -y redis-server redis-tools python3)" >&2; exit 1; }
done
[ -f "$root/codis-proxy/target/codis-proxy.jar" ] || (cd "$root" && mvn -B -q -ntp -DskipTests package)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

redis_ports=()
for i in 1 2 3 4; do
  port=$(free_port)
  mkdir -p "$work/redis-$i"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work/redis-$i" \
    --daemonize no --logfile "$work/redis-$i/redis.log" &
  pids+=($!)
  redis_ports+=("$port")
done
for port in "${redis_ports[@]}"; do
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
done

# 1024 slots in four contiguous ranges, one per server.
python3 - "$work/slots.json" "${redis_ports[@]}" <<'EOF'
import json, sys
out, ports = sys.argv[1], sys.argv[2:]
slots = [{"id": sid, "backend_addr": "127.0.0.1:%s" % ports[sid * len(ports) // 1024],
          "backend_addr_group_id": sid * len(ports) // 1024 + 1} for sid in range(1024)]
json.dump(slots, open(out, "w"), indent=4)
EOF

proxy_port=$(free_port)
admin_port=$(free_port)
"$root/scripts/codis-proxy" --default-config \
  | sed -e "s|^proxy_addr = .*|proxy_addr = \"127.0.0.1:$proxy_port\"|" \
        -e "s|^admin_addr = .*|admin_addr = \"127.0.0.1:$admin_port\"|" \
        -e "s|^proxy_max_clients = .*|proxy_max_clients = 5000|" > "$work/proxy.toml"
"$root/scripts/codis-proxy" --ncpu="$ncpu" --max-ncpu="$max_ncpu" --config="$work/proxy.toml" --fillslots="$work/slots.json" \
  --log="$work/proxy.log" --log-level=WARN &
proxy_pid=$!
pids+=("$proxy_pid")
for _ in $(seq 1 300); do
  [ "$(redis-cli -p "$proxy_port" set bench:ready 1 2>/dev/null)" = "OK" ] && break
  kill -0 "$proxy_pid" 2>/dev/null || { echo "bench.sh: the proxy exited; see $work/proxy.log" >&2; exit 1; }
  sleep 0.2
done

# Prints the requests per second of one redis-benchmark test against a port.
rps() {
  local port=$1 test=$2 clients=$3 pipeline=$4
  redis-benchmark -p "$port" -t "$test" -d 256 -r 1000000 -n "$requests" -c "$clients" -P "$pipeline" --csv 2>/dev/null \
    | awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2; exit }'
}

cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$proxy_pid/stat"
}

echo "codis-proxy benchmark: $requests requests per line, -d 256 -r 1000000, proxy --ncpu=$ncpu --max-ncpu=$max_ncpu, $(nproc) cores"
printf '%-6s %-14s %14s %14s %7s\n' test clients/pipe "direct ops/s" "proxy ops/s" ratio
proxy_requests=0
ticks_before=$(cpu_ticks)
for line in "50 1" "50 16" "200 1"; do
  read -r clients pipeline <<<"$line"
  for test in get set mset; do
    direct=$(rps "${redis_ports[0]}" "$test" "$clients" "$pipeline")
    proxied=$(rps "$proxy_port" "$test" "$clients" "$pipeline")
    proxy_requests=$((proxy_requests + requests))
    printf '%-6s %-14s %14.0f %14.0f %7.2f\n' "$test" "-c $clients -P $pipeline" "$direct" "$proxied" \
      "$(awk -v p="$proxied" -v d="$direct" 'BEGIN { print (d > 0 ? p / d : 0) }')"
  done
done
ticks_after=$(cpu_ticks)
hz=$(getconf CLK_TCK)
awk -v t=$((ticks_after - ticks_before)) -v hz="$hz" -v n="$proxy_requests" \
  'BEGIN { printf "proxy CPU seconds per million requests: %.2f\n", (t / hz) / (n / 1000000) }'

python3 - "$proxy_port" "$proxy_pid" <<'EOF'
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
def rss_kb():
    for line in open("/proc/%s/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
before = rss_kb()
clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(1000)]
for c in clients:
    c.sendall(b"PING\r\n")
for c in clients:
    c.recv(64)
time.sleep(2)
print("proxy RSS: %.1f MiB before, %.1f MiB with 1000 idle clients" % (before / 1024, rss_kb() / 1024))
for c in clients:
    c.close()
EOF
