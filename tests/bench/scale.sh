#!/usr/bin/env bash
# The benchmark at scale (run by hand, not by CI): for each size, a synthetic
# export in one file and split over 8 files (gen_export.py --records N and
# --files 8), and, in one run so that the ratios compare like with like:
#   bare      a bare yaml-cpp event parse (bare_parse: the floor)
#   validate  rurume-audit validate
#   check     rurume-audit check with all rules (--as-of 2026-11-24)
# of the single file, then bare and check of the 8 files (check --jobs 1 and
# --jobs 2 when the program has --jobs). Prints each one's best time and
# peak RSS, the time as a ratio to the bare parse of the same input, the
# peak minus the input's size, and the budgets of the national-scale work:
#   validate: peak <= file + 40 MiB, time <= 1.2 x bare
#   check:    peak <= file + 64 MiB (at 10^6 records: < 1.5 GiB), time <= 1.2 x bare (10^6: 1.3 x)
#   split:    check --jobs 2 <= 0.65 x check --jobs 1, the same output
#
# usage: tests/bench/scale.sh BUILD_DIR [RECORDS...]   (default: 93000 1000000)
# Environment: REPEAT=1 (runs per measurement, the best time counts), SEED=1,
# POSTS_PER_USER=4, KEEP=1 (keep the exports), MEASURE / BARE_PARSE (prebuilt).
# 10^6 records are about 320 MB of YAML and take minutes to generate.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
  exit 2
fi
build=$1
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(93000 1000000)
repeat=${REPEAT:-1}
seed=${SEED:-1}
ppu=${POSTS_PER_USER:-4}
audit=$(cd "$build" && pwd)/rurume-audit
[ -x "$audit" ] || { echo "no $audit" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/rurume-scale.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
cxx=${CXX:-g++}
measure=${MEASURE:-$work/measure}
[ -n "${MEASURE:-}" ] || "$cxx" -O2 -std=c++17 "$here/measure.cc" -o "$measure"
bare=${BARE_PARSE:-$work/bare_parse}
if [ -z "${BARE_PARSE:-}" ]; then
  # shellcheck disable=SC2046  # the flags split into words
  "$cxx" -O2 -std=c++17 "$here/bare_parse.cc" $(pkg-config --cflags --libs yaml-cpp 2>/dev/null || echo -lyaml-cpp) -o "$bare"
fi
jobs=0
"$audit" check --help 2>/dev/null | grep -q -- '--jobs' && jobs=1

# run NAME CMD...: best time (s) and peak RSS (KiB) of REPEAT runs into $best_s $max_kib; output to $work/NAME.out.
run() {
  local name=$1
  shift
  "$measure" --repeat "$repeat" -- "$@" >"$work/$name.measure" 2>"$work/$name.err" || true
  read -r best_s max_kib failed < <(sed -n \
    's/^summary best_s=\([^ ]*\) max_rss_kib=\([^ ]*\) failed_runs=\([^ ]*\)$/\1 \2 \3/p' "$work/$name.measure")
  "$@" >"$work/$name.out" 2>/dev/null || true
}

printf '%9s %7s %-22s %9s %9s %8s %10s %10s  %s\n' records "MiB" what time_s "x bare" peak_MiB "peak-file" budget verdict
for n in "${sizes[@]}"; do
  one=$work/export-$n.yaml
  split=$work/split-$n
  echo "== $n records: generating" >&2
  python3 "$here/gen_export.py" --records "$n" --posts-per-user "$ppu" --seed "$seed" -o "$one"
  python3 "$here/gen_export.py" --records "$n" --posts-per-user "$ppu" --seed "$seed" --files 8 "$split"
  mib=$(awk -v b="$(wc -c <"$one")" 'BEGIN { printf "%.1f", b / 1048576 }')
  big=$([ "$n" -ge 1000000 ] && echo 1 || echo 0)
  row() {  # what time peak_kib base_time budget_mem budget_ratio
    awk -v n="$n" -v mib="$mib" -v what="$1" -v t="$2" -v k="$3" -v base="$4" -v mem="$5" -v ratio="$6" -v big="$big" 'BEGIN {
      peak = k / 1024; over = peak - mib; x = (base > 0) ? t / base : 0
      ok = 1; budget = ""
      if (ratio != "") { budget = budget sprintf("x<=%s", ratio); if (x > ratio + 0) ok = 0 }
      if (mem != "") {
        budget = budget sprintf("%s+%s", budget == "" ? "" : " ", mem); if (over > mem + 0) ok = 0
        if (big && peak > 1536) ok = 0
      }
      printf "%9d %7s %-22s %9.2f %9s %8.1f %10.1f %10s  %s\n", n, mib, what, t, (base > 0) ? sprintf("%.2f", x) : "-",
             peak, over, budget == "" ? "-" : budget, budget == "" ? "" : (ok ? "PASS" : "FAIL")
    }'
  }
  run "bare-$n" "$bare" "$one"; bare_s=$best_s
  row "bare parse" "$best_s" "$max_kib" 0 "" ""
  run "validate-$n" "$audit" validate "$one"
  row "validate" "$best_s" "$max_kib" "$bare_s" 40 1.2
  run "check-$n" "$audit" check --as-of 2026-11-24 --format json "$one"
  row "check" "$best_s" "$max_kib" "$bare_s" 64 "$([ "$big" = 1 ] && echo 1.3 || echo 1.2)"
  run "bare8-$n" "$bare" "$split"/*.yaml; bare8_s=$best_s
  row "bare parse, 8 files" "$best_s" "$max_kib" 0 "" ""
  if [ "$jobs" = 1 ]; then
    run "check8j1-$n" "$audit" check --as-of 2026-11-24 --format json --jobs 1 "$split"; j1_s=$best_s
    row "check, 8 files, -j1" "$best_s" "$max_kib" "$bare8_s" 64 ""
    run "check8j2-$n" "$audit" check --as-of 2026-11-24 --format json --jobs 2 "$split"
    row "check, 8 files, -j2" "$best_s" "$max_kib" "$bare8_s" 64 ""
    awk -v a="$best_s" -v b="$j1_s" 'BEGIN { printf "%9s %7s %-22s %9s %9.2f   (-j2 / -j1; budget <= 0.65: %s)\n", "", "", "jobs 2 vs 1", "", a / b, (a / b <= 0.65) ? "PASS" : "FAIL" }'
    if cmp -s "$work/check8j1-$n.out" "$work/check8j2-$n.out"; then echo "          -j1 and -j2 reports: identical"
    else echo "          -j1 and -j2 reports: DIFFER"; fi
  else
    run "check8-$n" "$audit" check --as-of 2026-11-24 --format json "$split"
    row "check, 8 files" "$best_s" "$max_kib" "$bare8_s" 64 ""
    echo "          (no --jobs in this build: the parallel loading is not there yet)"
  fi
done
