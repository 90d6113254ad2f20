#!/usr/bin/env bash
# Runs one of the Codis jars from any working directory: launch.sh MODULE [ARGS...]
# Honours JAVA (the java binary) and JAVA_OPTS; passes every argument through.
#
# Class-data sharing: the classes a program loads are kept in an archive made once per jar and java
# (on the first run after a build or an install, which takes a few seconds longer), so that every
# later start maps them instead of loading them: next to the jar, or in ${XDG_CACHE_HOME:-~/.cache}/codis
# when that is not writable. The archive is recorded from a run of CODIS_CDS_TRAINING_MAIN (a class
# of the jar with no side effects) when the program's launcher names one, else of `MODULE --help`.
# CODIS_CDS=off runs without it.
set -euo pipefail
module="$1"
shift
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
home="${CODIS_HOME:-$(dirname "$here")}"
# lib/MODULE.jar in a release (bin/ and lib/ side by side), MODULE/target/MODULE.jar in a checkout.
jar="$home/lib/$module.jar"
[ -f "$jar" ] || jar="$home/$module/target/$module.jar"
if [ ! -f "$jar" ]; then
  echo "$module: $jar is missing; build it with: mvn -DskipTests package" >&2
  exit 1
fi
java="${JAVA:-java}"

# The archive for this jar and this java, made first when missing; nothing when it cannot be made.
cds_archive() {
  local java_path dir stamp archive lock
  java_path="$(readlink -f "$(command -v "$java")" 2>/dev/null)" || return 0
  dir="$(dirname "$jar")"
  [ -w "$dir" ] || dir="${XDG_CACHE_HOME:-$HOME/.cache}/codis"
  mkdir -p "$dir" 2>/dev/null || return 0
  stamp="$(printf '%s\n' "$jar" "$java_path" | md5sum | cut -c1-8)"
  archive="$dir/$module-$stamp-$(stat -c '%Y-%s' "$jar" "$java_path" | md5sum | cut -c1-8).jsa"
  if [ ! -f "$archive" ]; then
    lock="$dir/$module-$stamp.jsa.lock"
    (
      flock -n 9 || exit 0
      [ -f "$archive" ] && exit 0
      rm -f "$dir/$module-$stamp"-*.jsa "$dir/$module-$stamp"-*.jsa.tmp
      # shellcheck disable=SC2086
      if [ -n "${CODIS_CDS_TRAINING_MAIN:-}" ]; then
        "$java" ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive.tmp" -Xlog:cds=off,cds+dynamic=off \
            -cp "$jar" "$CODIS_CDS_TRAINING_MAIN" </dev/null >/dev/null 2>&1 || true
      else
        "$java" ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive.tmp" -Xlog:cds=off,cds+dynamic=off \
            -jar "$jar" --help </dev/null >/dev/null 2>&1 || true
      fi
      if [ -s "$archive.tmp" ]; then mv -f "$archive.tmp" "$archive"; else rm -f "$archive.tmp"; fi
    ) 9>"$lock" || true
  fi
  [ -f "$archive" ] && echo "$archive"
  return 0
}

cds_opts=""
if [ "${CODIS_CDS:-on}" != off ]; then
  archive="$(cds_archive)"
  [ -n "$archive" ] && cds_opts="-XX:SharedArchiveFile=$archive -Xlog:cds=off,cds+dynamic=off"
fi
# A call that only prints needs no optimising compiler (JAVA_OPTS can still ask for one).
quick_opts=""
if [ "$#" -eq 1 ]; then
  case "$1" in -h | --help | --version | --default-config) quick_opts="-XX:TieredStopAtLevel=1" ;; esac
fi
# shellcheck disable=SC2086
exec "$java" $cds_opts $quick_opts ${JAVA_OPTS:-} -jar "$jar" "$@"
