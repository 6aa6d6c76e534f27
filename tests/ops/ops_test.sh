#!/bin/sh
# The command line of the nightly and CI operations: --waivers, --baseline,
# --fail-on-new, --split-by facility --output-dir, --facility, --quiet (their
# usage errors and exit statuses, the files written), and the man page
# documenting every command and option of src/cli/main.cc.
#   ops_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/report/lib.sh"
triage="$src/tests/report/fixtures/triage"
check() { "$bin" check --as-of 2026-11-24 --rules "$rules" "$@"; }
cd "$work" || exit 2

# Usage errors: exit 2, no report.
run 2 "--fail-on-new without --baseline" -- check --fail-on-new "$fixture"
run 2 "--split-by without --output-dir" -- check --split-by facility "$fixture"
run 2 "--output-dir without --split-by" -- check --output-dir d "$fixture"
run 2 "--split-by something else" -- check --split-by group --output-dir d "$fixture"
run 2 "--split-by and --output" -- check --split-by facility --output-dir d --format json -o a.json "$fixture"
if grep -q -- "--output-dir" "$work/err"; then ok; else fail "--split-by and --output: no reason"; fi
run 2 "--split-by and --facility" -- check --split-by facility --output-dir d --facility F001 "$fixture"
run 2 "--split-by with a format twice" -- check --split-by facility --output-dir d --format json --format json "$fixture"
if [ -e d ]; then fail "a usage error created the output directory"; else ok; fi
run 2 "--waivers for validate" -- "$bin" validate --waivers "$triage/waivers.yaml" "$fixture"

# Waivers: a wrong file stops before the export is read (a missing export would be RA1004).
printf 'waivers:\n  - rule: N1.10-report-remote\n    subject: DV2\n    approved_by: x\n    expires: 2026-13-01\n' >bad-waivers.yaml
run 2 "a wrong waivers file" -- check --waivers bad-waivers.yaml --format json no-such-export.yaml
if grep -q '^bad-waivers.yaml:2:5: エラー\[RA3002\]: 免除に justification がありません$' "$work/err" &&
   grep -q '^bad-waivers.yaml:5:14: エラー\[RA3007\]' "$work/err"; then ok
else fail "wrong waivers: no diagnostics with positions"; sed 's/^/    /' "$work/err"; fi
if grep -q 'no-such-export' "$work/err" || [ -s "$work/out" ]; then fail "the export was read after a wrong waivers file"; else ok; fi
run 1 "waivers and a baseline" -- check --waivers "$triage/waivers.yaml" --baseline "$triage/baseline.json" --lang en "$fixture"
if grep -q '^Waived (2)$' "$work/out" && grep -q 'warning\[RA3010\]' "$work/out" && grep -q 'warning\[RA3011\]' "$work/out"
then ok; else fail "waivers: no waived list or warnings in the text report"; fi
run 1 "--fail-on-new: DV2's error is new" -- check --baseline "$triage/baseline.json" --fail-on-new "$fixture"
run 0 "--fail-on-new: DV2's error is new but waived" -- check --baseline "$triage/baseline.json" --fail-on-new \
  --waivers "$triage/waivers.yaml" "$fixture"
run 2 "a baseline that is not JSON" -- check --baseline "$triage/waivers.yaml" "$fixture"
if grep -q 'RA3021' "$work/err"; then ok; else fail "no RA3021"; fi

# Splits: every format's files, all.<ext> too, written atomically; a facility of no finding has its report.
run 1 "split by facility" -- check --waivers "$triage/waivers.yaml" --baseline "$triage/baseline.json" \
  --format json --format text --format junit --format sarif --format html --split-by facility --output-dir reports/day "$fixture"
for name in all F000 F001 F002; do
  for ext in json txt xml sarif html; do
    if [ -s "reports/day/$name.$ext" ]; then ok; else fail "split: no reports/day/$name.$ext"; fi
  done
done
if [ "$(ls -A reports/day | wc -l)" -eq 20 ]; then ok; else fail "split: other files in reports/day: $(ls -A reports/day)"; fi
if grep -q 'wrote 20 reports to reports/day\|20 件のレポートを reports/day に書きました' "$work/err"; then ok; else fail "split: no word of the reports"; fi
if grep -q 'DV2' reports/day/F002.txt reports/day/F000.txt; then fail "DV2 (F001) in another facility's report"; else ok; fi
if grep -q 'U003' reports/day/F001.json reports/day/F002.json reports/day/F000.json; then fail "U003 (no facility) in a facility's report"
else ok; fi
if grep -q 'U003' reports/day/all.json; then ok; else fail "U003 not in all.json"; fi
run 1 "split, text only by default" -- check --split-by facility --output-dir reports/text "$fixture"
if [ "$(ls reports/text)" = "$(printf 'F000.txt\nF001.txt\nF002.txt\nall.txt')" ]; then ok; else fail "split, default: $(ls reports/text)"; fi
: >reports/file
run 2 "an --output-dir that is a file" -- check --split-by facility --output-dir reports/file "$fixture"

# --facility
run 0 "--facility of no finding" -- check --facility F000 "$fixture"
if grep -q '^事業所 F000 医師会事務局 の報告です' "$work/out"; then ok; else fail "--facility: no facility line"; fi
run 2 "--facility unknown" -- check --facility F999 "$fixture"
if [ -s "$work/out" ]; then fail "--facility unknown: a report was written"; else ok; fi

# --quiet: nothing on standard error but errors, on a terminal too.
run 1 "--quiet" -- check --quiet --split-by facility --output-dir reports/quiet "$fixture"
if [ -s "$work/err" ]; then fail "--quiet: standard error has $(cat "$work/err")"; else ok; fi
run 0 "validate --quiet" -- "$bin" validate -q "$fixture"
if command -v script >/dev/null 2>&1; then
  script -qec "\"$bin\" check --as-of 2026-11-24 --rules \"$rules\" --quiet --split-by facility --output-dir reports/tty \"$fixture\"" \
    /dev/null </dev/null >tty.out 2>&1
  if [ -s reports/tty/all.txt ] && ! grep -q '[^[:space:]]' tty.out; then ok; else fail "--quiet on a terminal: $(cat tty.out)"; fi
fi

# The man page documents every command and every option of main.cc.
man="$src/man/rurume-audit.1"
for option in $(grep -o '"--[a-z-]*' "$src/src/cli/main.cc" | sed 's/^"//' | sort -u); do
  escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
  if grep -q -- "$escaped" "$man"; then ok; else fail "man page: no $option"; fi
done
for command in $(sed -n 's/^    {"\([a-z]*\)", ".*/\1/p' "$src/src/cli/main.cc"); do
  if grep -q "^\.B rurume-audit $command\$" "$man" && grep -q "^\.B $command\$" "$man"; then ok
  else fail "man page: no command $command"; fi
done
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" FILES ENVIRONMENT EXAMPLES; do
  if grep -q "^\.SH \"*$section\"*\$" "$man"; then ok; else fail "man page: no section $section"; fi
done
finish
