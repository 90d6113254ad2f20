#!/usr/bin/env bash
# A whole Codis cluster on this machine, in one command, on the filesystem coordinator:
#
#   scripts/quickstart.sh          # start it (or say that it is already running)
#   scripts/quickstart.sh status   # which of its processes are alive
#   scripts/quickstart.sh down     # stop them: those it started and any started again by hand
#
# It starts 4 Redis servers (group 1 = 7021 + its replica 7022, group 2 = 7023 + its replica 7024),
# 3 redis-sentinel (26379, 26380, 26381), codis-dashboard on 18080 and two codis-proxy on 19000 and
# 19001 (admin 11080 and 11081), then drives them with codis-admin as an operator would:
# --create-proxy, --create-group, --group-add, --rebalance --confirm, --sentinel-add and
# --sentinel-resync (sentinel_down_after 5 s: kill -9 a master and watch it heal); and the web console, codis-fe, on http://127.0.0.1:9090. Everything lives in the run directory: configs, coordinator, Redis data,
# logs (log/) and pid files (pids/). Starting again after `down` starts a fresh cluster.
#
# A process of the cluster is found by its pid file (pids/NAME.pid, which the proxies and the
# dashboard also write themselves with --pidfile; a Redis server's or sentinel's own
# data/NAME/redis.pid), or else as the process listening on one of its ports, when that is the
# cluster's: a proxy or dashboard whose --config is in the run directory, a Redis server or sentinel
# whose directory is its data directory there. So `status` and `down` also see a process that was started again by hand.
#
# Environment: CODIS_RUN_DIR (default ./run), CODIS_PRODUCT (codis-demo), CODIS_REDIS_PORTS
# ("7021 7022 7023 7024": master and replica of group 1, then of group 2), CODIS_DASHBOARD_PORT
# (18080), CODIS_PROXY_PORTS ("19000 19001"), CODIS_PROXY_ADMIN_PORTS ("11080 11081"), CODIS_FE_PORT (9090),
# CODIS_SENTINEL_PORTS ("26379 26380 26381"),
# JAVA / JAVA_OPTS / CODIS_HOME (as for every launcher: the jars are under CODIS_HOME, default the
# checkout this script is in).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
run="${CODIS_RUN_DIR:-$PWD/run}"
product="${CODIS_PRODUCT:-codis-demo}"
read -r -a redis_ports <<<"${CODIS_REDIS_PORTS:-7021 7022 7023 7024}"
dashboard_port="${CODIS_DASHBOARD_PORT:-18080}"
read -r -a proxy_ports <<<"${CODIS_PROXY_PORTS:-19000 19001}"
read -r -a proxy_admin_ports <<<"${CODIS_PROXY_ADMIN_PORTS:-11080 11081}"
fe_port="${CODIS_FE_PORT:-9090}"
read -r -a sentinel_ports <<<"${CODIS_SENTINEL_PORTS:-26379 26380 26381}"
dashboard="127.0.0.1:$dashboard_port"
me="quickstart.sh"

say() { echo "$me: $*"; }
die() { echo "$me: $*" >&2; exit 1; }

[ "${#redis_ports[@]}" -eq 4 ] || die "CODIS_REDIS_PORTS needs 4 ports (master and replica of group 1, then of group 2)"
[ "${#proxy_ports[@]}" -eq "${#proxy_admin_ports[@]}" ] || die "CODIS_PROXY_PORTS and CODIS_PROXY_ADMIN_PORTS need as many ports each"
mkdir -p "$run"
run="$(cd "$run" && pwd -P)"
pids="$run/pids"
logs="$run/log"

# Whether process $1 is NAME ($2) of this cluster: its command line names the run directory or,
# for a proxy or the dashboard, a --config (relative to its working directory) that is NAME's
# config there; or, for a Redis server (which replaces its command line by a title), its working
# directory is its data directory there.
ours() {
  local pid="$1" name="$2" cwd arg
  cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || return 1
  case "$name" in redis-* | sentinel-*) [ "$cwd" = "$run/data/$name" ] && return 0 ;; esac
  while IFS= read -r -d '' arg || [ -n "$arg" ]; do
    case "$arg" in *"$run/"*) return 0 ;; esac
    case "$name:$arg" in
      redis-* | sentinel-*) ;;
      *:--config=*)
        arg="${arg#--config=}"
        [ "${arg#/}" = "$arg" ] && arg="$cwd/$arg"
        [ "$(readlink -f "$arg" 2>/dev/null)" = "$run/$name.toml" ] && return 0 ;;
    esac
  done < <(cat "/proc/$pid/cmdline" 2>/dev/null)
  return 1
}

# The ports NAME listens on.
ports_of() {
  local i
  case "$1" in
    redis-*) echo "${1#redis-}" ;;
    sentinel-*) echo "${1#sentinel-}" ;;
    dashboard) echo "$dashboard_port" ;;
    fe) echo "$fe_port" ;;
    proxy-*) i=$((${1#proxy-} - 1)); echo "${proxy_ports[$i]} ${proxy_admin_ports[$i]}" ;;
  esac
}

# The pid of the process listening on TCP port $1, if ss can tell.
listener() {
  command -v ss >/dev/null || return 1
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2
}

# The pid of NAME when it runs, else nothing: from its pid files, else the listener on its ports.
alive_pid() {
  local name="$1" file pid port
  for file in "$pids/$name.pid" "$run/data/$name/redis.pid"; do
    [ -f "$file" ] || continue
    pid="$(cat "$file")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ours "$pid" "$name" && echo "$pid" && return 0
  done
  for port in $(ports_of "$name"); do
    pid="$(listener "$port")"
    [ -n "$pid" ] && ours "$pid" "$name" && echo "$pid" && return 0
  done
  return 1
}

names() {
  local i
  echo fe
  for i in "${!proxy_ports[@]}"; do echo "proxy-$((i + 1))"; done
  echo dashboard
  for port in "${sentinel_ports[@]}"; do echo "sentinel-$port"; done
  for port in "${redis_ports[@]}"; do echo "redis-$port"; done
}

any_alive() {
  local name
  for name in $(names); do
    alive_pid "$name" >/dev/null && return 0
  done
  return 1
}

status() {
  local name pid
  for name in $(names); do
    if pid="$(alive_pid "$name")"; then
      echo "$name: running, pid $pid"
    else
      echo "$name: stopped"
    fi
  done
}

# Stops every process of the cluster (see alive_pid): the console, the proxies, then the dashboard (which
# releases its lock), then the sentinels and Redis; SIGTERM, then SIGKILL after 15 s.
down() {
  local name pid i stopped
  for name in $(names); do
    stopped=""
    while pid="$(alive_pid "$name")" && [ "$pid" != "$stopped" ]; do
      kill -TERM "$pid" 2>/dev/null || true
      for i in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$pid" 2>/dev/null; then
        say "$name (pid $pid) did not stop after SIGTERM; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      say "stopped $name (pid $pid)"
      stopped="$pid"
    done
    rm -f "$pids/$name.pid"
  done
}

# Starts NAME in the background, detached from this shell, with stdout/stderr in log/NAME.out, and
# returns once the forked shell has become the command: until then its command line is this
# script's, and alive_pid would take it for a process that has already exited.
start() {
  local name="$1" pid i mine
  shift
  setsid nohup "$@" >"$logs/$name.out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pids/$name.pid"
  mine="$(tr '\0' ' ' <"/proc/$$/cmdline")"
  for i in $(seq 1 200); do
    [ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" = "$mine" ] || return 0
    sleep 0.05
  done
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits until port $2 of NAME ($1) accepts connections; fails when NAME exits first.
await_port() {
  local name="$1" port="$2" i
  for i in $(seq 1 600); do
    port_open "$port" && return 0
    alive_pid "$name" >/dev/null || die "$name exited; see $logs/$name.out"
    sleep 0.1
  done
  die "$name does not listen on $port after 60 s; see $logs/$name.out"
}

admin() {
  "$root/scripts/codis-admin" "$@"
}

need_jars() {
  local module
  for module in codis-dashboard codis-proxy codis-admin codis-fe; do
    [ -f "${CODIS_HOME:-$root}/$module/target/$module.jar" ] || return 0
  done
  return 1
}

need_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && command -v redis-sentinel >/dev/null \
    && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing redis-server, redis-sentinel and redis-tools with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-sentinel redis-tools >/dev/null
  else
    die "redis-server, redis-sentinel and redis-cli are needed: install them (Debian/Ubuntu: sudo apt-get install -y redis-server redis-sentinel redis-tools) and run me again"
  fi
}

up() {
  if any_alive; then
    say "a cluster is already running in $run:"
    status
    connect_help
    return 0
  fi
  command -v java >/dev/null || [ -n "${JAVA:-}" ] || die "java (17 or newer) is needed"
  need_redis
  if need_jars; then
    say "building the jars (mvn -B -q -DskipTests package)"
    (cd "${CODIS_HOME:-$root}" && mvn -B -q -DskipTests package)
  fi
  for port in "${redis_ports[@]}" "${sentinel_ports[@]}" "$dashboard_port" "${proxy_ports[@]}" "${proxy_admin_ports[@]}" \
      "$fe_port"; do
    port_open "$port" && die "port $port is already in use; stop what uses it or choose other ports (see the top of $0)"
  done

  # A fresh cluster: nothing of a previous run but the logs.
  rm -rf "$run/coordinator" "$run/data" "$pids"
  mkdir -p "$run/coordinator" "$run/data" "$pids" "$logs"

  local i port master
  for i in 0 1 2 3; do
    port="${redis_ports[$i]}"
    mkdir -p "$run/data/redis-$port"
    local replica=()
    if [ $((i % 2)) = 1 ]; then
      master="${redis_ports[$((i - 1))]}"
      replica=(--replicaof 127.0.0.1 "$master")
    fi
    # a copy of its own: CONFIG REWRITE (sync actions, sentinels) writes the server's replication into it
    cp "$root/config/redis.conf" "$run/data/redis-$port/redis.conf"
    start "redis-$port" redis-server "$run/data/redis-$port/redis.conf" --port "$port" --bind 127.0.0.1 \
      --dir "$run/data/redis-$port" --pidfile "$run/data/redis-$port/redis.pid" --logfile "$logs/redis-$port.log" \
      --dbfilename "dump-$port.rdb" --appendfilename "appendonly-$port.aof" "${replica[@]}"
  done
  for port in "${redis_ports[@]}"; do
    await_port "redis-$port" "$port"
  done
  say "redis-server on ${redis_ports[*]} (replicas: ${redis_ports[1]} of ${redis_ports[0]}, ${redis_ports[3]} of ${redis_ports[2]})"
  for port in "${sentinel_ports[@]}"; do
    mkdir -p "$run/data/sentinel-$port"
    printf '%s\n' "port $port" "bind 127.0.0.1" "protected-mode no" "daemonize no" "dir $run/data/sentinel-$port" \
      "pidfile $run/data/sentinel-$port/redis.pid" "logfile $logs/sentinel-$port.log" "sentinel resolve-hostnames no" \
      "sentinel deny-scripts-reconfig yes" >"$run/data/sentinel-$port/sentinel.conf"
    start "sentinel-$port" redis-sentinel "$run/data/sentinel-$port/sentinel.conf"
  done
  for port in "${sentinel_ports[@]}"; do
    await_port "sentinel-$port" "$port"
  done

  "$root/scripts/codis-dashboard" --default-config \
    | sed -e "s|^coordinator_name = .*|coordinator_name = \"filesystem\"|" \
          -e "s|^coordinator_addr = .*|coordinator_addr = \"$run/coordinator\"|" \
          -e "s|^product_name = .*|product_name = \"$product\"|" \
          -e "s|^admin_addr = .*|admin_addr = \"$dashboard\"|" \
          -e "s|^sentinel_down_after = .*|sentinel_down_after = \"5s\"|" \
          -e "s|^sentinel_failover_timeout = .*|sentinel_failover_timeout = \"30s\"|" >"$run/dashboard.toml"
  start dashboard "$root/scripts/codis-dashboard" --ncpu=1 --config="$run/dashboard.toml" \
    --log="$logs/dashboard.log" --log-level=warn --pidfile="$pids/dashboard.pid"
  await_port dashboard "$dashboard_port"
  for i in $(seq 1 300); do
    admin --dashboard="$dashboard" model >/dev/null 2>&1 && admin --dashboard="$dashboard" stats >/dev/null 2>&1 && break
    alive_pid dashboard >/dev/null || die "the dashboard exited; see $logs/dashboard.out"
    sleep 0.2
  done
  say "codis-dashboard on $dashboard"
  start fe "$root/scripts/codis-fe" --ncpu=1 --filesystem="$run/coordinator" --listen="127.0.0.1:$fe_port" \
    --log="$logs/fe.log" --log-level=warn --pidfile="$pids/fe.pid"

  for i in "${!proxy_ports[@]}"; do
    local name="proxy-$((i + 1))" addr="127.0.0.1:${proxy_ports[$i]}" admin_addr="127.0.0.1:${proxy_admin_ports[$i]}"
    "$root/scripts/codis-proxy" --default-config \
      | sed -e "s|^product_name = .*|product_name = \"$product\"|" \
            -e "s|^admin_addr = .*|admin_addr = \"$admin_addr\"|" \
            -e "s|^proxy_addr = .*|proxy_addr = \"$addr\"|" >"$run/$name.toml"
    start "$name" "$root/scripts/codis-proxy" --ncpu=2 --config="$run/$name.toml" \
      --log="$logs/$name.log" --log-level=warn --pidfile="$pids/$name.pid"
  done
  for i in "${!proxy_ports[@]}"; do
    await_port "proxy-$((i + 1))" "${proxy_admin_ports[$i]}"
    admin --dashboard="$dashboard" --create-proxy -x "127.0.0.1:${proxy_admin_ports[$i]}"
  done
  say "codis-proxy on ${proxy_ports[*]} (admin ${proxy_admin_ports[*]}), online"

  admin --dashboard="$dashboard" --create-group --gid=1
  admin --dashboard="$dashboard" --group-add --gid=1 --addr="127.0.0.1:${redis_ports[0]}"
  admin --dashboard="$dashboard" --group-add --gid=1 --addr="127.0.0.1:${redis_ports[1]}"
  admin --dashboard="$dashboard" --create-group --gid=2
  admin --dashboard="$dashboard" --group-add --gid=2 --addr="127.0.0.1:${redis_ports[2]}"
  admin --dashboard="$dashboard" --group-add --gid=2 --addr="127.0.0.1:${redis_ports[3]}"
  say "groups 1 and 2 created"
  admin --dashboard="$dashboard" --rebalance --confirm
  await_slots
  for port in "${sentinel_ports[@]}"; do
    admin --dashboard="$dashboard" --sentinel-add --addr="127.0.0.1:$port"
  done
  admin --dashboard="$dashboard" --sentinel-resync
  say "redis-sentinel on ${sentinel_ports[*]}, watching groups 1 and 2 (down after 5 s)"
  admin --dashboard="$dashboard" --group-status
  admin --dashboard="$dashboard" --proxy-status
  await_port fe "$fe_port"
  say "codis-fe on http://127.0.0.1:$fe_port"
  connect_help
}

# Waits until every slot belongs to a group and no slot action is left.
await_slots() {
  local i slots
  for i in $(seq 1 300); do
    slots="$(admin --dashboard="$dashboard" slots)"
    if ! grep -q '"group_id": 0' <<<"$slots" && ! grep -q '"state"' <<<"$slots"; then
      say "all 1024 slots are served"
      return 0
    fi
    sleep 0.5
  done
  die "slots are still moving after 150 s; see $logs/dashboard.out and codis-admin --dashboard=$dashboard --slots-status"
}

connect_help() {
  cat <<EOF

Connect:  redis-cli -p ${proxy_ports[0]}        (every proxy: ${proxy_ports[*]})
Admin:    $root/scripts/codis-admin --dashboard=$dashboard --group-status
Console:  http://127.0.0.1:$fe_port/#$product
Logs:     $logs/
Stop:     $0 down$( [ -n "${CODIS_RUN_DIR:-}" ] && echo "   (with CODIS_RUN_DIR=$run)")
EOF
}

case "${1:-up}" in
  up | start) up ;;
  down | stop) down ;;
  status) status ;;
  *) die "usage: $0 [up|status|down]" ;;
esac
