#!/bin/sh
# Every format's report of the bundled example (and of the report tests'
# fixture) is byte for byte its golden file in tests/report/golden/.
# After an intended change: tests/report/update-golden.sh BUILD_DIR.
#   golden_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/report/lib.sh"
. "$src/tests/report/golden_cases.sh"
cd "$src" || exit 2
golden() {
  file=$1; shift
  "$bin" "$@" >"$work/got" 2>"$work/err"
  if [ ! -f "tests/report/golden/$file" ]; then
    fail "$file: no golden file (tests/report/update-golden.sh BUILD_DIR)"
  elif cmp -s "$work/got" "tests/report/golden/$file"; then
    ok
  else
    fail "$file differs from its golden file (tests/report/update-golden.sh BUILD_DIR after an intended change)"
    diff -u "tests/report/golden/$file" "$work/got" | head -30
  fi
}
golden_cases
finish
