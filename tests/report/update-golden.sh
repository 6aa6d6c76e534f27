#!/bin/sh
# Regenerates the golden reports of tests/report/golden/ with a build's
# program. Review the diff before committing it.
#   tests/report/update-golden.sh BUILD_DIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
bin=$(cd "$1" && pwd)/rurume-audit
[ -x "$bin" ] || { echo "$0: no $bin" >&2; exit 2; }
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rules="$work/rules"
mkdir -p "$rules"
cp "$src/rules/clauses.yaml" "$src"/tests/report/rules/*.yaml "$rules/"
. "$src/tests/formats.sh"
. "$src/tests/report/golden_cases.sh"
cd "$src"
golden() {
  file=$1; shift
  status=0
  "$bin" "$@" >"$work/got" || status=$?
  [ "$status" -le 2 ] || { echo "$0: $file: exit $status" >&2; exit 1; }
  srcroot_placeholder "$work/got" >"tests/report/golden/$file"
  echo "tests/report/golden/$file"
}
golden_cases
