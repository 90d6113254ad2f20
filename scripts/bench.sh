#!/usr/bin/env bash
# The proxy benchmark: 4 Redis servers behind one codis-proxy (slots filled from a file, no
# dashboard), redis-benchmark against one Redis directly and against the proxy, interleaved in the
# same run, and the ratio proxy/direct for each line. Then the proxy's CPU seconds per million
# requests and its RSS with 1,000 idle client connections.
#
# Before the table, every test runs once against the proxy and once directly (BENCH_WARMUP requests,
# not counted), so the JIT has compiled the proxy's hot path as it would be in production. Each line
# is then measured BENCH_ROUNDS times, direct and proxy back to back; the table gives the median
# direct and proxy ops/s and the median of the rounds' ratios (the machine is shared, so one round
# can be off by 0.2 either way), and lists every round's ratio.
#
#   scripts/bench.sh                 # the full table (several minutes)
#   BENCH_REQUESTS=50000 BENCH_ROUNDS=1 scripts/bench.sh   # a quicker, noisier run
#
# When twemproxy (Debian's nutcracker) is installed, it runs over the same four Redis servers and
# each line also gives its median ratio to direct, measured in the same rounds: the C proxy the
# issue's first targets are set against (BENCH_TWEMPROXY=0 leaves it out).
#
# Environment: BENCH_REQUESTS (per run, default 200000), BENCH_ROUNDS (runs per line, default 3),
# BENCH_WARMUP (requests per test before the table, default 100000), BENCH_NCPU (proxy event loops, default half
# the cores, at least 1: the other half runs redis-benchmark and the Redis servers; on 2 cores one loop
# measured cheaper per request and faster than two), BENCH_MAX_NCPU (the proxy's --max-ncpu, default
# BENCH_NCPU: no tuner, so every line runs on the same loops), BENCH_DIR (work directory, default a temp dir,
# removed at the end).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
requests="${BENCH_REQUESTS:-200000}"
rounds="${BENCH_ROUNDS:-3}"
warmup="${BENCH_WARMUP:-100000}"
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

# Waits until the server named $3 (process $2, log $4) answers SET on port $1; exits saying why if it
# stops or stays silent for a minute.
await_ready() {
  local port=$1 pid=$2 name=$3 log=$4
  for _ in $(seq 1 300); do
    [ "$(redis-cli -p "$port" set bench:ready 1 2>/dev/null)" = "OK" ] && return
    kill -0 "$pid" 2>/dev/null || { echo "bench.sh: $name exited; see $log" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench.sh: $name did not answer on port $port within a minute; see $log" >&2
  exit 1
}

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
await_ready "$proxy_port" "$proxy_pid" "the proxy" "$work/proxy.log"

twemproxy_port=""
if [ "${BENCH_TWEMPROXY:-1}" != 0 ] && command -v nutcracker >/dev/null; then
  twemproxy_port=$(free_port)
  {
    echo "bench:"
    echo "  listen: 127.0.0.1:$twemproxy_port"
    echo "  hash: fnv1a_64"
    echo "  distribution: ketama"
    echo "  redis: true"
    echo "  auto_eject_hosts: false"
    echo "  servers:"
    for port in "${redis_ports[@]}"; do echo "   - 127.0.0.1:$port:1"; done
  } > "$work/twemproxy.yml"
  nutcracker -c "$work/twemproxy.yml" -s "$(free_port)" -o "$work/twemproxy.log" -p "$work/twemproxy.pid" &
  pids+=($!)
  await_ready "$twemproxy_port" "$!" "twemproxy" "$work/twemproxy.log"
fi

# Prints the requests per second of one redis-benchmark test against a port.
rps() {
  local port=$1 test=$2 clients=$3 pipeline=$4 n=${5:-$requests}
  redis-benchmark -p "$port" -t "$test" -d 256 -r 1000000 -n "$n" -c "$clients" -P "$pipeline" --csv 2>/dev/null \
    | awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2; exit }'
}

# ops/s over direct ops/s, two decimals.
ratio() {
  awk -v p="$1" -v d="$2" 'BEGIN { printf "%.2f", (d > 0 ? p / d : 0) }'
}

# The median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$proxy_pid/stat"
}

for test in get set mset; do
  for pipeline in 1 16; do
    rps "$proxy_port" "$test" 50 "$pipeline" "$warmup" >/dev/null
    rps "${redis_ports[0]}" "$test" 50 "$pipeline" "$warmup" >/dev/null
    [ -z "$twemproxy_port" ] || rps "$twemproxy_port" "$test" 50 "$pipeline" "$warmup" >/dev/null
  done
done

echo "codis-proxy benchmark: $requests requests per run, $rounds rounds per line (medians), -d 256 -r 1000000, proxy --ncpu=$ncpu --max-ncpu=$max_ncpu, $(nproc) cores"
printf '%-6s %-14s %14s %14s %7s %10s  %s\n' test clients/pipe "direct ops/s" "proxy ops/s" ratio \
  "${twemproxy_port:+twemproxy}" "ratio per round"
proxy_requests=0
proxy_ticks=0
for line in "50 1" "50 16" "200 1"; do
  read -r clients pipeline <<<"$line"
  for test in get set mset; do
    directs=() proxies=() ratios=() twemproxy_ratios=()
    for _ in $(seq 1 "$rounds"); do
      direct=$(rps "${redis_ports[0]}" "$test" "$clients" "$pipeline")
      ticks=$(cpu_ticks)
      proxied=$(rps "$proxy_port" "$test" "$clients" "$pipeline")
      proxy_ticks=$((proxy_ticks + $(cpu_ticks) - ticks))
      proxy_requests=$((proxy_requests + requests))
      directs+=("$direct") proxies+=("$proxied")
      ratios+=("$(ratio "$proxied" "$direct")")
      [ -z "$twemproxy_port" ] || twemproxy_ratios+=("$(ratio "$(rps "$twemproxy_port" "$test" "$clients" "$pipeline")" "$direct")")
    done
    printf '%-6s %-14s %14.0f %14.0f %7.2f %10s  %s\n' "$test" "-c $clients -P $pipeline" "$(median "${directs[@]}")" \
      "$(median "${proxies[@]}")" "$(median "${ratios[@]}")" \
      "$([ -z "$twemproxy_port" ] || printf '%.2f' "$(median "${twemproxy_ratios[@]}")")" "${ratios[*]}"
  done
done
hz=$(getconf CLK_TCK)
awk -v t="$proxy_ticks" -v hz="$hz" -v n="$proxy_requests" \
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
