#!/bin/sh
# matches() against the backtracking trap ^(a|a)*b$ (issue 15): RE2's time is
# linear in the text, so a 39-character and a 90,000-character subject cost
# what a trivial expression costs, give or take reading the text. Prints ms
# per `rurume-audit eval` run (best of REPEAT batches of 10) and the ratio
# to the trivial expression, measured in the same run. Run by hand:
#   tests/bench/regex.sh build
set -eu
bin=${1:-build}/rurume-audit
[ -x "$bin" ] || { echo "usage: $0 BUILD_DIR (no $bin)" >&2; exit 2; }
repeat=${REPEAT:-3}
short=$(printf 'a%.0s' $(seq 39))
long=$(head -c 90000 /dev/zero | tr '\0' a)
ms() {  # ms per run of eval "$1", best of $repeat batches of 10
  best=
  for _ in $(seq "$repeat"); do
    s=$(date +%s%N)
    for _ in 1 2 3 4 5 6 7 8 9 10; do "$bin" eval "$1" >/dev/null; done
    t=$(( ($(date +%s%N) - s) / 10000 ))   # hundredths of a ms per run
    [ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
  done
  echo "$best"
}
base=$(ms "'x'.matches('x')")
printf '%-44s %10s %8s\n' expression ms/run ratio
for case in "'x'.matches('x'):'x'.matches('x')" "39 a's .matches('^(a|a)*b\$'):'$short'.matches('^(a|a)*b\$')" \
            "90000 a's .matches('^(a|a)*b\$'):'$long'.matches('^(a|a)*b\$')"; do
  name=${case%%:*}; expr=${case#*:}
  t=$(ms "$expr")
  printf '%-44s %7d.%02d %8s\n' "$name" $((t / 100)) $((t % 100)) "$(awk "BEGIN { printf \"%.2f\", $t / $base }")"
done
