#!/usr/bin/env bash
# The one test command: installs the system packages the tests start for real (Redis 7, Redis
# Sentinel, etcd, ZooKeeper for the three-host deployment's ensemble, and Chromium with its
# chromedriver for the console's browser test), then builds
# every module and runs every test. Extra arguments go to Maven,
# e.g. scripts/test.sh -pl codis-common -Dtest='SlotHash*'
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

# command (or file) -> Debian package that provides it
declare -A needed=(
  [redis-server]=redis-server
  [redis-sentinel]=redis-sentinel
  [redis-cli]=redis-tools
  [etcd]=etcd-server
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [/usr/share/java/zookeeper.jar]=zookeeper
  [ip]=iproute2
)
missing=()
for command in "${!needed[@]}"; do
  if [ "${command#/}" != "$command" ]; then
    [ -e "$command" ] || missing+=("${needed[$command]}")
  else
    command -v "$command" >/dev/null 2>&1 || missing+=("${needed[$command]}")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: the tests need these Debian packages: ${missing[*]}; install them as root:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the services it installs where it can; the tests start their own on free ports.
  for service in redis-server redis-sentinel etcd zookeeper; do
    service "$service" stop >/dev/null 2>&1 || true
  done
fi

exec mvn -B -ntp verify "$@"
