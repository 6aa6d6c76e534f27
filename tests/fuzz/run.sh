#!/bin/sh
# Runs each libFuzzer target for a fixed number of executions on its seed
# corpus (tests/fuzz/corpus/TARGET/, read only: new inputs go to a scratch
# corpus). A crash, a sanitizer report, a leak, an input slower than 2 s or
# one using more than 2 GiB fails the run and leaves the reproducer in
# OUT_DIR/artifacts/ (also printed in base64, for a CI log).
#   run.sh FUZZ_BUILD_DIR [RUNS]
# RUNS: executions per target; by default 30,000 for the loader and 60,000
# for expressions, about half a minute each on a 2-core CI machine.
set -u
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
out=$build/fuzz-run
mkdir -p "$out/artifacts"
status=0
for target in load_fuzz expr_fuzz; do
  bin=$build/tests/fuzz/$target
  case $target in load_fuzz) runs=${2:-30000} ;; *) runs=${2:-60000} ;; esac
  if [ ! -x "$bin" ]; then echo "fuzz: $bin is not built"; status=1; continue; fi
  scratch=$out/corpus-$target
  rm -rf "$scratch"; mkdir -p "$scratch"
  dict=""
  [ -f "$src/tests/fuzz/$target.dict" ] && dict="-dict=$src/tests/fuzz/$target.dict"
  start=$(date +%s)
  # shellcheck disable=SC2086
  if "$bin" -runs="$runs" -seed=1 -timeout=2 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
       -artifact_prefix="$out/artifacts/$target-" $dict "$scratch" "$src/tests/fuzz/corpus/$target" \
       >"$out/$target.log" 2>&1; then
    echo "fuzz: $target: $runs executions, no finding ($(( $(date +%s) - start )) s)"
  else
    status=1
    echo "fuzz: $target FAILED ($(( $(date +%s) - start )) s); the end of its log:"
    tail -n 40 "$out/$target.log" | sed 's/^/    /'
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$out/$target.log" | sed 's/^/    /'
done
for f in "$out"/artifacts/*; do
  [ -f "$f" ] || continue
  echo "fuzz: reproducer $f (base64; replay with: TARGET FILE):"
  base64 "$f" | head -n 200 | sed 's/^/    /'
done
exit $status
