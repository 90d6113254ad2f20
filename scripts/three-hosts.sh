#!/usr/bin/env bash
# The seed article's deployment on three hosts, on this machine: three network namespaces joined by a
# bridge (in a fourth namespace, the switch), each a host with one address of 192.168.163.0/24 that
# exists only inside them (as the article's 192.168.163.131-133; nothing in this machine's own network
# reaches them, and they have no route anywhere else). On them, as the article lays them out:
#
#   host 1 (.131)  ZooKeeper myid 1  redis 7021 (group 1 master)  7022 (group 3 replica)  sentinel 10086
#                  codis-proxy 19000 (admin 11080)  codis-dashboard 18080  codis-fe 18090
#   host 2 (.132)  ZooKeeper myid 2  redis 7021 (group 2 master)  7022 (group 1 replica)  sentinel 10086
#                  codis-proxy 19000 (admin 11080)
#   host 3 (.133)  ZooKeeper myid 3  redis 7021 (group 3 master)  7022 (group 2 replica)  sentinel 10086
#                  codis-proxy 19000 (admin 11080)
#
# ZooKeeper is Debian's (apt-get install zookeeper), its server class run with java; the proxies
# register in Jodis. Then the article's steps with codis-admin (--create-proxy, --create-group,
# --group-add, --sync-action --create, slots 0-300 / 301-800 / 801-1023 to groups 1 / 2 / 3, 10 slots
# moved from group 1 to group 3, --sentinel-add) and these checks, one line each:
#   keys written through each proxy are read through the others; a ZooKeeper node killed (the leader)
#   leaves the cluster working, and it rejoins when started again; host 3 cut off (its link down) makes
#   its master fail over and the two remaining proxies serve every slot.
# Exits 0 when every check passed, 1 on the first that failed (its logs are kept and named), 2 when this
# machine cannot run it (not root, no network namespaces, ZooKeeper or Redis missing).
# Everything it starts it stops on exit, even when interrupted: every process in its namespaces, the
# namespaces with their bridge and veths.
#
# Environment: THREE_HOSTS_ID (names the namespaces codis3h-ID-h1..h3 and codis3h-ID-sw; default the
# script's pid), THREE_HOSTS_DIR (configs, data and logs; default a temporary directory, removed when
# every check passed), CODIS_PRODUCT (codis-testX), THREE_HOSTS_DOWN_AFTER (the sentinels'
# down-after, default 3s), JAVA / JAVA_OPTS / CODIS_HOME as for every launcher.
set -euo pipefail

# beside the launchers: scripts/ of a checkout, bin/ of the release
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$here")"
me="three-hosts.sh"
id="${THREE_HOSTS_ID:-$$}"
product="${CODIS_PRODUCT:-codis-testX}"
down_after="${THREE_HOSTS_DOWN_AFTER:-3s}"
zookeeper_jar=/usr/share/java/zookeeper.jar
hosts=(1 2 3)
declare -A ns ip started_cmd started_host
for h in "${hosts[@]}"; do
  ns[$h]="codis3h-$id-h$h"
  ip[$h]="192.168.163.13$h"
done
switch_ns="codis3h-$id-sw"
zookeeper_addr="${ip[1]}:2181,${ip[2]}:2181,${ip[3]}:2181"
dashboard="${ip[1]}:18080"
fe="${ip[1]}:18090"
jodis_timeout=10
# A request to a backend whose host vanished (no reset, no reply) fails after this long, and a slot
# switched to another server waits for its requests in flight: 30 s by default, short here.
backend_timeout=5s

say() { echo "$me: $*"; }
cannot() { echo "$me: cannot run here: $*" >&2; exit 2; }

[[ "$id" =~ ^[0-9a-z]{1,7}$ ]] || cannot "THREE_HOSTS_ID must be 1 to 7 digits or small letters (it names network interfaces)"
[ "$(id -u)" = 0 ] || cannot "network namespaces need root"
command -v ip >/dev/null || cannot "ip (iproute2) is missing"
for command in redis-server redis-sentinel redis-cli java; do
  command -v "$command" >/dev/null || cannot "$command is missing"
done
[ -f "$zookeeper_jar" ] || cannot "ZooKeeper is missing: apt-get install -y zookeeper"
for module in codis-dashboard codis-proxy codis-admin codis-fe; do
  [ -f "${CODIS_HOME:-$root}/$module/target/$module.jar" ] || [ -f "${CODIS_HOME:-$root}/lib/$module.jar" ] \
    || cannot "$module.jar is missing; build it with: mvn -DskipTests package"
done

if [ -n "${THREE_HOSTS_DIR:-}" ]; then
  run="$THREE_HOSTS_DIR"
  keep_run=1
  mkdir -p "$run"
else
  run="$(mktemp -d "${TMPDIR:-/tmp}/three-hosts-XXXXXX")"
  keep_run=0
fi
run="$(cd "$run" && pwd -P)"
logs="$run/log"
mkdir -p "$logs"
failed=0

# Stops the processes running in namespaces $@ (they hold nothing but what this script started):
# SIGTERM, then SIGKILL for those still there after 10 s.
stop_namespaces() {
  local n pids i
  for n in "$@"; do
    pids="$(ip netns pids "$n" 2>/dev/null || true)"
    [ -n "$pids" ] && kill -TERM $pids 2>/dev/null || true
  done
  for i in $(seq 1 100); do
    pids=""
    for n in "$@"; do pids+="$(ip netns pids "$n" 2>/dev/null | tr '\n' ' ' || true)"; done
    [ -z "${pids// /}" ] && return 0
    sleep 0.1
  done
  say "killing what did not stop within 10 s of SIGTERM: $(for pid in $pids; do tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80; echo; done | sort | uniq -c | tr -s ' \n' ' ')"
  kill -KILL $pids 2>/dev/null || true
}

# Stops everything it started: Codis first (a proxy leaves Jodis, the dashboard releases its lock
# while ZooKeeper still runs: the cut host is joined again for that), then ZooKeeper, Redis and the
# sentinels, then deletes the namespaces, which takes their veths and the bridge with them.
cleanup() {
  local status=$? name
  trap - EXIT INT TERM HUP
  ip -n "$switch_ns" link set "c3h${id}s3" up 2>/dev/null || true
  local codis=() pid i
  for name in fe proxy-1 proxy-2 proxy-3 dashboard; do
    [ -f "$run/h${started_host[$name]:-0}/$name.pid" ] && codis+=("$(pid_of "$name")")
  done
  if [ "${#codis[@]}" -gt 0 ]; then
    kill -TERM "${codis[@]}" 2>/dev/null || true
    for i in $(seq 1 100); do
      for pid in "${codis[@]}"; do kill -0 "$pid" 2>/dev/null && break; done
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  stop_namespaces "${ns[@]}" "$switch_ns"
  for n in "${ns[@]}" "$switch_ns"; do
    ip netns del "$n" 2>/dev/null || true
  done
  if [ "$failed" = 0 ] && [ "$status" = 0 ] && [ "$keep_run" = 0 ]; then
    rm -rf "$run"
  elif [ "$status" != 2 ]; then
    say "configs, data and logs are in $run"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

began=$SECONDS
pass() { echo "$me: ok   $* (at $((SECONDS - began)) s)"; }
fail() {
  failed=1
  echo "$me: FAIL $1${2:+: $2}"
  exit 1
}

# Runs a command on host $1 (in its namespace).
on() {
  local host="$1"
  shift
  ip netns exec "${ns[$host]}" "$@"
}

admin() { on 1 "$here/codis-admin" --dashboard="$dashboard" "$@"; }
cli() { local host="$1" port="$2"; shift 2; on "$host" redis-cli -h "${ip[$host]}" -p "$port" "$@"; }

# --- the network ---------------------------------------------------------------------------------

make_network() {
  local h out
  out="$(ip netns add "$switch_ns" 2>&1)" || cannot "ip netns add failed: $out"
  for h in "${hosts[@]}"; do
    ip netns add "${ns[$h]}"
  done
  ip -n "$switch_ns" link add "c3h${id}br" type bridge
  ip -n "$switch_ns" link set "c3h${id}br" up
  for h in "${hosts[@]}"; do
    out="$(ip link add "c3h${id}a$h" netns "${ns[$h]}" type veth peer name "c3h${id}s$h" netns "$switch_ns" 2>&1)" \
      || cannot "cannot make a veth pair: $out"
    ip -n "${ns[$h]}" link set "c3h${id}a$h" name eth0
    ip -n "${ns[$h]}" addr add "${ip[$h]}/24" dev eth0
    ip -n "${ns[$h]}" link set eth0 up
    ip -n "${ns[$h]}" link set lo up
    ip -n "$switch_ns" link set "c3h${id}s$h" master "c3h${id}br"
    ip -n "$switch_ns" link set "c3h${id}s$h" up
  done
  say "hosts ${ip[1]}, ${ip[2]}, ${ip[3]} in namespaces ${ns[1]}, ${ns[2]}, ${ns[3]}, bridged in $switch_ns"
}

# --- processes -----------------------------------------------------------------------------------

# Starts NAME on host H in the background, in its own session, its working directory run/hH, its
# output in log/NAME.out.
start() {
  local name="$1" host="$2"
  shift 2
  mkdir -p "$run/h$host"
  started_host[$name]="$host"
  started_cmd[$name]="$(printf '%q ' "$@")"
  (cd "$run/h$host" && exec ip netns exec "${ns[$host]}" setsid "$@" >>"$logs/$name.out" 2>&1 </dev/null) &
  echo "$!" >"$run/h$host/$name.pid"
  disown "$!"
}

# Starts NAME again, on its host with its command.
restart() {
  local name="$1"
  eval "start \"\$name\" \"\${started_host[\$name]}\" ${started_cmd[$name]}"
}

pid_of() { cat "$run/h${started_host[$1]}/$1.pid"; }

port_open() {
  on "$1" bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null
}

# Waits until NAME listens on ADDR:PORT as seen from its host; fails when NAME exits first.
await_port() {
  local name="$1" addr="$2" port="$3" i
  for i in $(seq 1 600); do
    port_open "${started_host[$name]}" "$addr" "$port" && return 0
    kill -0 "$(pid_of "$name")" 2>/dev/null || fail "$name starts" "it exited; see $logs/$name.out: $(tail -n 3 "$logs/$name.out")"
    sleep 0.1
  done
  fail "$name listens on $addr:$port" "not after 60 s; see $logs/$name.out"
}

# Retries "$@" every half second until it succeeds or $1 seconds have passed.
within() {
  local seconds="$1" i
  shift
  for i in $(seq 1 $((seconds * 2))); do
    "$@" && return 0
    sleep 0.5
  done
  return 1
}

# --- ZooKeeper -----------------------------------------------------------------------------------

zookeeper_classpath() {
  local classpath="/etc/zookeeper/conf:$zookeeper_jar"
  # Debian's slf4j has a plain binding; without one the server logs nothing
  [ -f /usr/share/java/slf4j-simple.jar ] && classpath+=":/usr/share/java/slf4j-simple.jar"
  echo "$classpath"
}

start_zookeeper() {
  local h="$1" dir="$run/h$1/zookeeper"
  mkdir -p "$dir/data" "$dir/log"
  echo "$h" >"$dir/data/myid"
  cat >"$dir/zoo.cfg" <<EOF
tickTime=1000
initLimit=10
syncLimit=5
dataDir=$dir/data
dataLogDir=$dir/log
clientPort=2181
clientPortAddress=${ip[$h]}
admin.enableServer=false
4lw.commands.whitelist=srvr,conf
server.1=${ip[1]}:2888:3888
server.2=${ip[2]}:2888:3888
server.3=${ip[3]}:2888:3888
EOF
  start "zookeeper-$h" "$h" "${JAVA:-java}" -Xmx128m -XX:+UseSerialGC -Dzookeeper.log.dir="$logs" \
    -cp "$(zookeeper_classpath)" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg"
}

# What ZooKeeper node $1 answers to the four-letter word $2.
zookeeper_says() {
  on "$1" bash -c "exec 3<>/dev/tcp/${ip[$1]}/2181 && echo $2 >&3 && cat <&3" 2>/dev/null
}

# ZooKeeper node $1's mode (leader, follower), or nothing.
zookeeper_mode() {
  zookeeper_says "$1" srvr | sed -n 's/^Mode: //p'
}

# The nodes of an ensemble that has a leader, as "h:mode" words, when there is one.
ensemble_modes() {
  local h mode modes=""
  for h in "$@"; do
    mode="$(zookeeper_mode "$h")"
    [ -n "$mode" ] || return 1
    modes+="$h:$mode "
  done
  [[ "$modes" == *":leader "* ]] && echo "${modes% }"
}

zookeeper_leader() {
  local h
  for h in "${hosts[@]}"; do
    [ "$(zookeeper_mode "$h")" = leader ] && echo "$h" && return 0
  done
  return 1
}

# `ls PATH` on the ensemble from host 1, with ZooKeeper's own command-line client.
zookeeper_ls() {
  on 1 "${JAVA:-java}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$zookeeper_jar" org.apache.zookeeper.ZooKeeperMain \
    -server "$zookeeper_addr" ls "$1" 2>/dev/null | grep '^\[' | tail -n 1
}

# --- Redis ---------------------------------------------------------------------------------------

start_redis() {
  local h="$1" port="$2" dir="$run/h$1/redis-$2"
  mkdir -p "$dir"
  cp "$root/config/redis.conf" "$dir/redis.conf"
  start "redis-$h-$port" "$h" redis-server "$dir/redis.conf" --port "$port" --bind "${ip[$h]} 127.0.0.1" \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$logs/redis-$h-$port.log" --save "" \
    --dbfilename "dump-$port.rdb" --appendfilename "appendonly-$port.aof"
}

start_sentinel() {
  local h="$1" dir="$run/h$1/sentinel"
  mkdir -p "$dir"
  printf '%s\n' "port 10086" "bind ${ip[$h]} 127.0.0.1" "protected-mode no" "daemonize no" "dir $dir" \
    "pidfile $dir/sentinel.pid" "logfile $logs/sentinel-$h.log" "sentinel resolve-hostnames no" \
    "sentinel deny-scripts-reconfig yes" >"$dir/sentinel.conf"
  start "sentinel-$h" "$h" redis-sentinel "$dir/sentinel.conf"
}

# The article's group table: group G's master is 7021 on host G, its replica 7022 on the next host.
master_host() { echo "$1"; }
replica_host() { echo $(($1 % 3 + 1)); }

# --- Codis ---------------------------------------------------------------------------------------

start_dashboard() {
  "$here/codis-dashboard" --default-config \
    | sed -e "s|^coordinator_name = .*|coordinator_name = \"zookeeper\"|" \
          -e "s|^coordinator_addr = .*|coordinator_addr = \"$zookeeper_addr\"|" \
          -e "s|^product_name = .*|product_name = \"$product\"|" \
          -e "s|^admin_addr = .*|admin_addr = \"$dashboard\"|" \
          -e "s|^sentinel_down_after = .*|sentinel_down_after = \"$down_after\"|" \
          -e "s|^sentinel_failover_timeout = .*|sentinel_failover_timeout = \"30s\"|" >"$run/h1/dashboard.toml"
  start dashboard 1 "$here/codis-dashboard" --ncpu=1 --config="$run/h1/dashboard.toml" \
    --log="$logs/dashboard.log" --log-level=warn
}

start_proxy() {
  local h="$1"
  "$here/codis-proxy" --default-config \
    | sed -e "s|^product_name = .*|product_name = \"$product\"|" \
          -e "s|^admin_addr = .*|admin_addr = \"${ip[$h]}:11080\"|" \
          -e "s|^proxy_addr = .*|proxy_addr = \"${ip[$h]}:19000\"|" \
          -e "s|^jodis_name = .*|jodis_name = \"zookeeper\"|" \
          -e "s|^jodis_addr = .*|jodis_addr = \"$zookeeper_addr\"|" \
          -e "s|^jodis_timeout = .*|jodis_timeout = \"${jodis_timeout}s\"|" \
          -e "s|^proxy_heap_placeholder = .*|proxy_heap_placeholder = \"0\"|" \
          -e "s|^backend_recv_timeout = .*|backend_recv_timeout = \"$backend_timeout\"|" >"$run/h$h/proxy.toml"
  start "proxy-$h" "$h" "$here/codis-proxy" --ncpu=1 --config="$run/h$h/proxy.toml" \
    --log="$logs/proxy-$h.log" --log-level=warn
}

# --- keys ----------------------------------------------------------------------------------------

# CRC-32 (IEEE) as Codis hashes a key to its slot: crc32(key) % 1024.
crc_table=()
for ((i = 0; i < 256; i++)); do
  c=$i
  for ((j = 0; j < 8; j++)); do
    if ((c & 1)); then c=$(((c >> 1) ^ 0xEDB88320)); else c=$((c >> 1)); fi
  done
  crc_table[i]=$c
done
slot=0
slot_of() {
  local key="$1" c=0xFFFFFFFF i b
  for ((i = 0; i < ${#key}; i++)); do
    printf -v b '%d' "'${key:i:1}"
    c=$((crc_table[(c ^ b) & 0xFF] ^ (c >> 8)))
  done
  slot=$(((c ^ 0xFFFFFFFF) % 1024))
}

# slot_keys[S]: a key of slot S, for every slot.
slot_keys=()
find_slot_keys() {
  local n=0 found=0
  while [ "$found" -lt 1024 ]; do
    slot_of "key:$n"
    if [ -z "${slot_keys[$slot]:-}" ]; then
      slot_keys[$slot]="key:$n"
      found=$((found + 1))
    fi
    n=$((n + 1))
  done
}

# Writes every slot's key with value ROUND-SLOT, each through one of the proxies PROXY... in turn.
write_keys() {
  local round="$1" s i out
  shift
  local proxies=("$@")
  for i in "${!proxies[@]}"; do
    local args=(MSET)
    for ((s = i; s < 1024; s += ${#proxies[@]})); do
      args+=("${slot_keys[$s]}" "$round-$s")
    done
    out="$(cli "${proxies[$i]}" 19000 "${args[@]}" 2>&1)" || true
    [ "$out" = OK ] || { echo "MSET through proxy ${proxies[$i]}: $out"; return 1; }
  done
}

# Reads every slot's key through proxy $2 and compares it with ROUND-SLOT ($1); prints what differs.
read_keys() {
  local round="$1" proxy="$2" s expected got
  expected="$(for ((s = 0; s < 1024; s++)); do echo "$round-$s"; done)"
  got="$(cli "$proxy" 19000 MGET "${slot_keys[@]}" 2>&1)" || true
  [ "$got" = "$expected" ] && return 0
  echo "MGET through proxy $proxy: $(diff <(echo "$expected") <(echo "$got") | grep -c '^>') of 1024 lines differ, e.g. $(diff <(echo "$expected") <(echo "$got") | grep '^>' | head -n 2 | tr '\n' ' ')"
  return 1
}

# Every slot's key written in round $1 through each of proxies $2..., read through every one of them.
written_through_each_read_through_all() {
  local round="$1" p
  shift
  write_keys "$round" "$@" || return 1
  for p in "$@"; do
    read_keys "$round" "$p" || return 1
  done
}

# --- the cluster's state, as codis-admin shows it --------------------------------------------------

# Group $1's master (its first server) as --group-status shows it.
group_master() {
  admin --group-status 2>/dev/null | sed -n "s/^\[.\] group-$1 \[0\] \([^ ]*\).*/\1/p"
}

every_replica_linked() {
  local status g
  status="$(admin --group-status 2>/dev/null)" || return 1
  for g in 1 2 3; do
    grep -q "group-$g \[1\] ${ip[$(replica_host "$g")]}:7022 *==> ${ip[$(master_host "$g")]}:7021:up" <<<"$status" || return 1
  done
}

no_slot_action() {
  local slots
  slots="$(admin slots 2>/dev/null)" || return 1
  ! grep -q '"state"' <<<"$slots"
}

# How many slots group $1 has.
slots_of_group() {
  admin slots 2>/dev/null | grep -c "\"group_id\": $1,"
}

sentinels_monitor_every_group() {
  local h masters
  for h in "${hosts[@]}"; do
    masters="$(cli "$h" 10086 SENTINEL MASTERS 2>/dev/null)" || return 1
    grep -qx "$product-1" <<<"$masters" && grep -qx "$product-2" <<<"$masters" && grep -qx "$product-3" <<<"$masters" \
      || return 1
  done
}

# Whether the replica of group $1 has every write of its master.
replica_caught_up() {
  local g="$1" info master_offset replica_offset
  info="$(cli "$(master_host "$g")" 7021 INFO replication 2>/dev/null | tr -d '\r')" || return 1
  master_offset="$(sed -n 's/^master_repl_offset://p' <<<"$info")"
  replica_offset="$(sed -n 's/^slave0:.*,offset=\([0-9]*\),.*/\1/p' <<<"$info")"
  [ -n "$master_offset" ] && [ "$master_offset" = "$replica_offset" ]
}

group_3_failed_over() {
  [ "$(group_master 3)" = "${ip[1]}:7022" ]
}

jodis_lists() {
  local expected="$1" listed
  listed="$(zookeeper_ls "/jodis/$product")"
  [ "$(tr ',' '\n' <<<"$listed" | grep -c 'proxy-')" = "$expected" ]
}

# --- the run -------------------------------------------------------------------------------------

make_network

for h in "${hosts[@]}"; do
  start_zookeeper "$h"
  start_redis "$h" 7021
  start_redis "$h" 7022
  start_sentinel "$h"
done
find_slot_keys
for h in "${hosts[@]}"; do
  await_port "redis-$h-7021" "${ip[$h]}" 7021
  await_port "redis-$h-7022" "${ip[$h]}" 7022
  await_port "sentinel-$h" "${ip[$h]}" 10086
done
modes=""
for i in $(seq 1 120); do
  modes="$(ensemble_modes 1 2 3)" && break
  for h in "${hosts[@]}"; do
    kill -0 "$(pid_of "zookeeper-$h")" 2>/dev/null || fail "ZooKeeper on host $h starts" "see $logs/zookeeper-$h.out"
  done
  sleep 0.5
done
[ -n "$modes" ] || fail "the ZooKeeper ensemble elects a leader" "not within 60 s; see $logs/zookeeper-*.out"
for h in "${hosts[@]}"; do
  zookeeper_says "$h" conf | grep -qx "serverId=$h" || fail "ZooKeeper on host $h runs as myid $h" "$(zookeeper_says "$h" conf | grep serverId)"
done
pass "a ZooKeeper ensemble of 3 (myid 1, 2, 3), one leader: $modes"

start_dashboard
for h in "${hosts[@]}"; do
  start_proxy "$h"
done
await_port dashboard "${ip[1]}" 18080
within 60 admin model >/dev/null 2>&1 || fail "the dashboard answers" "see $logs/dashboard.out"
say "codis-dashboard on $dashboard, coordinator zookeeper $zookeeper_addr"
for h in "${hosts[@]}"; do
  await_port "proxy-$h" "${ip[$h]}" 11080
  admin --create-proxy -x "${ip[$h]}:11080" >/dev/null || fail "codis-admin --create-proxy -x ${ip[$h]}:11080"
done
say "codis-proxy on ${ip[1]}:19000, ${ip[2]}:19000, ${ip[3]}:19000, online"
for g in 1 2 3; do
  admin --create-group --gid="$g" >/dev/null
  admin --group-add --gid="$g" --addr="${ip[$(master_host "$g")]}:7021" >/dev/null
  admin --group-add --gid="$g" --addr="${ip[$(replica_host "$g")]}:7022" >/dev/null
  admin --sync-action --create --addr="${ip[$(replica_host "$g")]}:7022" >/dev/null
done
within 60 every_replica_linked || fail "every group's replica replicates from its master" "$(admin --group-status 2>&1)"
pass "groups 1-3 crosswise, each master's replica on the next host: $(admin --group-status | tr -s ' ' | tr '\n' ';')"

admin --slot-action --create-range --beg=0 --end=300 --gid=1 >/dev/null
admin --slot-action --create-range --beg=301 --end=800 --gid=2 >/dev/null
admin --slot-action --create-range --beg=801 --end=1023 --gid=3 >/dev/null
within 120 no_slot_action || fail "slots 0-300, 301-800, 801-1023 assigned" "slot actions still pending after 120 s"
counts="$(slots_of_group 1)/$(slots_of_group 2)/$(slots_of_group 3)"
[ "$counts" = "301/500/223" ] || fail "slots 0-300, 301-800, 801-1023 assigned to groups 1, 2, 3" "groups 1/2/3 have $counts slots"
pass "slots 0-300, 301-800, 801-1023 assigned to groups 1, 2, 3"

out="$(written_through_each_read_through_all v1 1 2 3)" || fail "a key of every slot written through each proxy is read through the others" "$out"
pass "a key of each of the 1024 slots written through each proxy is read through the others"

admin --slot-action --create-some --gid-from=1 --gid-to=3 --num-slots=10 >/dev/null
within 120 no_slot_action || fail "10 slots migrate from group 1 to group 3" "slot actions still pending after 120 s"
counts="$(slots_of_group 1)/$(slots_of_group 2)/$(slots_of_group 3)"
[ "$counts" = "291/500/233" ] || fail "10 slots migrated from group 1 to group 3" "groups 1/2/3 have $counts slots"
for h in "${hosts[@]}"; do
  out="$(read_keys v1 "$h")" || fail "10 slots migrated from group 1 to group 3 with their keys" "$out"
done
pass "10 slots migrated from group 1 to group 3 with their keys (groups 1/2/3 now have $counts slots)"

for h in "${hosts[@]}"; do
  admin --sentinel-add --addr="${ip[$h]}:10086" >/dev/null
done
admin --sentinel-resync >/dev/null
within 60 sentinels_monitor_every_group || fail "the 3 sentinels monitor groups 1-3"
pass "the 3 sentinels monitor groups 1-3 ($product-1, -2, -3)"

within 30 jodis_lists 3 || fail "the 3 proxies are registered in Jodis" "/jodis/$product lists $(zookeeper_ls "/jodis/$product")"
pass "the 3 proxies are registered in Jodis (/jodis/$product)"
on 1 "$here/codis-admin" --dashboard-list --zookeeper="$zookeeper_addr" >"$run/h1/codis.json"
grep -q "\"dashboard\": \"$dashboard\"" "$run/h1/codis.json" || fail "codis-admin --dashboard-list names the dashboard" "$(cat "$run/h1/codis.json")"
start fe 1 "$here/codis-fe" --ncpu=1 --dashboard-list="$run/h1/codis.json" --listen="$fe" \
  --log="$logs/fe.log" --log-level=warn
await_port fe "${ip[1]}" 18090
fe_list="$(on 1 bash -c "exec 3<>/dev/tcp/${ip[1]}/18090 && printf 'GET /list HTTP/1.0\r\n\r\n' >&3 && cat <&3" 2>/dev/null | tail -n 3 | tr -d ' \n')"
[[ "$fe_list" == *"\"$product\""* ]] || fail "codis-fe lists the product" "GET /list answered $fe_list"
pass "codis-fe on http://$fe lists $product (its dashboard list from codis-admin --dashboard-list)"

leader="$(zookeeper_leader)" || fail "the ensemble has a leader"
kill -KILL "$(pid_of "zookeeper-$leader")"
others=()
for h in "${hosts[@]}"; do [ "$h" = "$leader" ] || others+=("$h"); done
within 60 ensemble_modes "${others[@]}" >/dev/null || fail "ZooKeeper's leader (host $leader) killed: the other two elect a leader"
out="$(within 30 written_through_each_read_through_all v2 1 2 3)" \
  || fail "ZooKeeper's leader killed: keys written through each proxy are read through the others" "$out"
admin --create-group --gid=4 >/dev/null && admin --remove-group --gid=4 >/dev/null \
  || fail "ZooKeeper's leader killed: the dashboard still stores changes (create and remove group 4)"
pass "ZooKeeper's leader (host $leader) killed: the other two elect a leader, every slot is written and read through each proxy, the dashboard stores changes"
restart "zookeeper-$leader"
within 60 ensemble_modes 1 2 3 >/dev/null || fail "ZooKeeper on host $leader started again rejoins the ensemble"
pass "ZooKeeper on host $leader started again rejoins the ensemble as $(zookeeper_mode "$leader")"

within 30 replica_caught_up 3 || fail "group 3's replica has every write before host 3 is cut off"
ip -n "$switch_ns" link set "c3h${id}s3" down
cut_at=$SECONDS
say "host 3 cut off (its link to the bridge is down)"
within 90 group_3_failed_over || fail "host 3 cut off: group 3's master fails over to its replica ${ip[1]}:7022" "group 3's master is $(group_master 3)"
pass "host 3 cut off: the sentinels failed group 3's master over to ${ip[1]}:7022 in $((SECONDS - cut_at)) s ($(admin --group-status | grep 'group-3 \[0\]' | tr -s ' '))"
out=""
for i in $(seq 1 90); do
  out="$(read_keys v2 1 && read_keys v2 2)" && break
  sleep 1
done
[ "$i" -lt 90 ] || fail "host 3 cut off: proxies 1 and 2 serve every slot" "$out"
pass "host 3 cut off: proxies 1 and 2 serve every slot, $((SECONDS - cut_at)) s after the cut (each slot's key written before it is read through both)"
out="$(written_through_each_read_through_all v3 1 2)" || fail "host 3 cut off: every slot is written and read through proxies 1 and 2" "$out"
pass "host 3 cut off: a key of every slot written through proxies 1 and 2 is read through the other"
within 60 jodis_lists 2 || fail "host 3 cut off: its proxy leaves Jodis" "/jodis/$product lists $(zookeeper_ls "/jodis/$product")"
pass "host 3 cut off: Jodis lists the 2 remaining proxies (its session expired after ${jodis_timeout} s)"

say "every check passed"
