#!/bin/sh
# Every format's report of the bundled example (and of the report tests'
# fixture) is byte for byte its golden file in tests/report/golden/, but for
# the rule set's digest: editing a rule's file changes it, and the digest
# is tested on its own (tests/report/report_test.cc); and but for SARIF's
# %SRCROOT%, the source directory (srcroot_placeholder, golden_cases.sh). Adding a rule changes
# what the reports list of the rule set (counts, SARIF's rules): the failure
# message says the one command that regenerates the golden files.
# After an intended change: tests/report/update-golden.sh BUILD_DIR.
#   golden_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/report/lib.sh"
. "$src/tests/report/golden_cases.sh"
cd "$src" || exit 2
build=$(dirname "$bin")
# The rule set's digest (JSON, SARIF, JUnit, HTML) as a placeholder.
mask() {
  sed -E -e 's/("version": "|"ruleSetVersion": "|name="rule_set.version" value=")[0-9a-f]{64}/\1<rule-set digest>/' \
    -e 's/(rule set version <code>|ルールセットの版 <code>)[0-9a-f]{64}/\1<rule-set digest>/' "$1"
}
golden() {
  file=$1; shift
  "$bin" "$@" >"$work/got" 2>"$work/err"
  if [ ! -f "tests/report/golden/$file" ]; then
    fail "$file: no golden file; to write it, run: tests/report/update-golden.sh $build"
  elif srcroot_placeholder "$work/got" >"$work/got.src" && mask "$work/got.src" >"$work/got.masked" && mask "tests/report/golden/$file" >"$work/want.masked" &&
       cmp -s "$work/got.masked" "$work/want.masked"; then
    ok
  else
    fail "$file differs from its golden file; after an intended change, run: tests/report/update-golden.sh $build"
    diff -u "$work/want.masked" "$work/got.masked" | head -30
  fi
}
golden_cases
# The text reports of the example fit 80 columns (display width: a Japanese
# character takes two).
for f in tests/report/golden/higashikurume.text tests/report/golden/higashikurume.en.text; do
  if python3 -c '
import sys, unicodedata
bad = [n for n, l in enumerate(open(sys.argv[1], encoding="utf-8"), 1)
       if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) > 80]
sys.exit(1 if bad else 0)' "$f"; then ok; else fail "$f: a line is wider than 80 columns"; fi
done
finish
