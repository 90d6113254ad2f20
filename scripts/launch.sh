#!/usr/bin/env bash
# Runs one of the Codis jars from any working directory: scripts/launch.sh MODULE [ARGS...]
# Honours JAVA (the java binary) and JAVA_OPTS; passes every argument through.
set -euo pipefail
module="$1"
shift
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
jar="${CODIS_HOME:-$(dirname "$here")}/$module/target/$module.jar"
if [ ! -f "$jar" ]; then
  echo "$module: $jar is missing; build it with: mvn -DskipTests package" >&2
  exit 1
fi
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${JAVA_OPTS:-} -jar "$jar" "$@"
