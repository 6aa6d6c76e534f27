#!/usr/bin/env bash
# Loader benchmark: compares `rurume-audit validate` with a bare yaml-cpp parse
# of the same synthetic export, against the budget
#   load time <= 1.3 x bare parse time, and load peak RSS <= file size + 64 MiB.
#
# usage: tests/bench/run.sh BUILD_DIR [USERS...]     (default USERS: 1000 10000)
#
# Environment (all optional):
#   REPEAT=3               runs per measurement (the best time counts)
#   SEED=1                 generator seed
#   BARE_PARSE, MEASURE    prebuilt binaries; otherwise compiled with $CXX (g++)
#                          into the temporary directory
#   LOAD_SUBCOMMAND=validate   the rurume-audit subcommand that loads an export
#   KEEP=1                 keep the temporary directory (exports, logs)
# Exit status: 0 all PASS (or the loader skipped), 1 some FAIL or a loader
# error, 2 usage or setup error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
  exit 2
fi
build=$1
shift
users=("$@")
[ ${#users[@]} -gt 0 ] || users=(1000 10000)
repeat=${REPEAT:-3}
seed=${SEED:-1}
subcommand=${LOAD_SUBCOMMAND:-validate}
audit=$build/rurume-audit

work=$(mktemp -d "${TMPDIR:-/tmp}/rurume-bench.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
  echo "keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

cxx=${CXX:-g++}
measure=${MEASURE:-}
if [ -z "$measure" ]; then
  measure=$work/measure
  "$cxx" -O2 -std=c++17 "$here/measure.cc" -o "$measure"
fi
bare=${BARE_PARSE:-}
if [ -z "$bare" ]; then
  bare=$work/bare_parse
  yaml_flags=$(pkg-config --cflags --libs yaml-cpp 2>/dev/null || echo -lyaml-cpp)
  # shellcheck disable=SC2086  # word splitting of the flags is intended
  "$cxx" -O2 -std=c++17 "$here/bare_parse.cc" $yaml_flags -o "$bare"
fi

have_loader=1
if [ ! -x "$audit" ]; then
  have_loader=0
  echo "note: $audit not found: skipping the loader, measuring the bare parse only" >&2
fi

# Runs measure on a command; sets best_s, max_kib and failed_runs.
measure_cmd() {
  local log=$1
  shift
  local rc=0
  "$measure" --repeat "$repeat" -- "$@" >"$log.out" 2>"$log.err" || rc=$?
  if [ "$rc" -ge 2 ]; then
    echo "error: measure failed on: $*" >&2
    cat "$log.err" >&2
    exit 2
  fi
  sed -n 's/^run/    run/p' "$log.out" >&2
  read -r best_s max_kib failed_runs < <(sed -n \
    's/^summary best_s=\([^ ]*\) max_rss_kib=\([^ ]*\) failed_runs=\([^ ]*\)$/\1 \2 \3/p' "$log.out")
}

rows=()
status=0
for n in "${users[@]}"; do
  file=$work/export-$n.yaml
  echo "== $n users: generating $file" >&2
  python3 "$here/gen_export.py" --users "$n" --seed "$seed" -o "$file"
  bytes=$(wc -c <"$file")

  echo "   bare parse" >&2
  measure_cmd "$work/bare-$n" "$bare" "$file"
  bare_s=$best_s bare_kib=$max_kib
  if [ "$failed_runs" != 0 ]; then
    echo "error: bare_parse failed on $file:" >&2
    head -n 20 "$work/bare-$n.err" >&2
    exit 2
  fi

  load_s=- load_kib=- verdict=SKIP
  if [ "$have_loader" = 1 ]; then
    echo "   $audit $subcommand" >&2
    measure_cmd "$work/load-$n" "$audit" "$subcommand" "$file"
    load_s=$best_s load_kib=$max_kib
    if [ "$failed_runs" != 0 ]; then
      load_s=- verdict=ERROR
      echo "   the loader failed on $file ($failed_runs of $repeat runs); its stderr:" >&2
      head -n 20 "$work/load-$n.err" >&2
    fi
  fi
  row=$(awk -v n="$n" -v bytes="$bytes" -v bs="$bare_s" -v bk="$bare_kib" \
            -v ls="$load_s" -v lk="$load_kib" -v verdict="$verdict" 'BEGIN {
    mib = 1048576; file = bytes / mib; bare_peak = bk / 1024
    if (ls == "-") {
      printf "%8d %9.1f %9.3f %9s %7s %10.1f %10s %12s  %s\n", n, file, bs, "-", "-", bare_peak, "-", "-", verdict
      exit
    }
    ratio = ls / bs; load_peak = lk / 1024; over = load_peak - file
    verdict = (ratio <= 1.3 && over <= 64) ? "PASS" : "FAIL"
    printf "%8d %9.1f %9.3f %9.3f %7.2f %10.1f %10.1f %12.1f  %s\n", n, file, bs, ls, ratio, bare_peak, load_peak, over, verdict
  }')
  rows+=("$row")
  case $row in
    *FAIL | *ERROR) status=1 ;;
  esac
done

echo
echo "budget: load/bare <= 1.3 and load peak <= file + 64 MiB (best of $repeat runs; sizes in MiB)"
printf "%8s %9s %9s %9s %7s %10s %10s %12s  %s\n" users file bare_s load_s ratio bare_peak load_peak peak-file verdict
printf "%s\n" "${rows[@]}"
exit "$status"
