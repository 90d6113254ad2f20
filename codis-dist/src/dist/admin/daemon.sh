#!/usr/bin/env bash
# Starts, stops or restarts one server program of this release in the background, as the original's
# admin/*.sh do: daemon.sh PROGRAM start|stop|restart|status [PROGRAM'S OPTIONS...]. Its log is
# log/PROGRAM.log.YYYY-MM-DD (CODIS_LOG_LEVEL, default INFO), what it prints log/PROGRAM.out, its pid
# bin/PROGRAM.pid; stop sends SIGTERM (the dashboard releases its lock, a proxy leaves Jodis) and
# waits up to 30 s for the exit.
set -euo pipefail
program="$1"
command="${2:-}"
shift 2 || shift $#
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
pidfile="$home/bin/$program.pid"
logs="$home/log"

pid_of() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile" 2>/dev/null)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  local pid i
  if pid="$(pid_of)"; then
    echo "$program already running as process $pid."
    return 0
  fi
  mkdir -p "$logs"
  echo "starting $program ..."
  nohup "$home/bin/$program" "$@" --log="$logs/$program.log" --log-level="${CODIS_LOG_LEVEL:-INFO}" \
      --pidfile="$pidfile" >"$logs/$program.out" 2>&1 </dev/null &
  pid=$!
  for i in $(seq 1 300); do
    [ -s "$pidfile" ] && { echo "$program started, pid $pid"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "$program exited at start; see $logs/$program.out" >&2; return 1; }
    sleep 0.1
  done
  echo "$program did not start within 30 s; see $logs/$program.out" >&2
  return 1
}

stop() {
  local pid i
  if ! pid="$(pid_of)"; then
    echo "no $program to stop (no running process in $pidfile)"
    rm -f "$pidfile"
    return 0
  fi
  echo "stopping $program ..."
  kill -TERM "$pid"
  for i in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo STOPPED; return 0; }
    sleep 0.1
  done
  echo "$program (pid $pid) did not stop within 30 s" >&2
  return 1
}

case "$command" in
  start) start "$@" ;;
  stop) stop ;;
  restart) stop && start "$@" ;;
  status)
    if pid="$(pid_of)"; then echo "$program running, pid $pid"; else echo "$program not running"; exit 3; fi ;;
  *) echo "Usage: $(basename "$0") {start|stop|restart|status}" >&2; exit 1 ;;
esac
