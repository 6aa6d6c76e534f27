# Shared by the report tests (with tests/counting.sh): the
# test rule set (tests/report/rules/ with rules/clauses.yaml) and runs of the
# program that keep their status.
#   . lib.sh   (with $bin and $src set)
. "$src/tests/counting.sh"
. "$src/tests/formats.sh"
formats=$(report_formats "$bin")

rules="$work/rules"
mkdir -p "$rules"
cp "$src/rules/clauses.yaml" "$src"/tests/report/rules/*.yaml "$rules/"
fixture="$src/tests/report/fixtures/export"
bad="$src/tests/report/fixtures/bad"

# run WANT DESCRIPTION -- COMMAND...: runs COMMAND, output in $work/out, $work/err
run() {
  want=$1; what=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok; else fail "$what: exit $got, want $want"; sed 's/^/    /' "$work/err" | head -10; fi
}
