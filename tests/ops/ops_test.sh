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

# Splits: every format's files (each format the program lists), all.<ext>
# too, written atomically; a facility of no finding has its report.
set --
for format in $formats; do set -- "$@" --format "$format"; done
nformats=$(echo $formats | wc -w)
run 1 "split by facility" -- check --waivers "$triage/waivers.yaml" --baseline "$triage/baseline.json" \
  "$@" --split-by facility --output-dir reports/day "$fixture"
for name in all F000 F001 F002; do
  n=$(ls reports/day | grep -c "^$name\.[a-z.]*$")
  if [ "$n" -eq "$nformats" ]; then ok; else fail "split: $n reports of $name, not one per format ($formats)"; fi
done
for ext in json txt xml sarif html; do
  if [ -s "reports/day/all.$ext" ]; then ok; else fail "split: no reports/day/all.$ext"; fi
done
total=$((4 * nformats))
if [ "$(ls -A reports/day | wc -l)" -eq "$total" ]; then ok; else fail "split: other files in reports/day: $(ls -A reports/day)"; fi
if grep -q "wrote $total reports to reports/day\|$total 件のレポートを reports/day に書きました" "$work/err"; then ok
else fail "split: no word of the reports"; fi
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

# Issue 10: an export that cannot be read completely never looks compliant.
# A missing closing quote made the rest of the file one string: "0 new, 2 fixed", exit 0.
run 2 "an unterminated quote, against a baseline" -- check --baseline "$triage/baseline.json" --fail-on-new --lang en \
  "$src/tests/ops/fixtures/unterminated-quote"
if perl -0pe 's/\n {4,}/ /g' "$work/out" | grep -q 'export.yaml:55:37: error\[RA1001\]: YAML syntax error: the closing quote (") is missing'; then ok
else fail "unterminated quote: no RA1001 at the opening quote"; sed 's/^/    /' "$work/out" | head -5; fi
# A FIFO and a dangling symbolic link in an input directory were skipped: exit 0.
mkdir -p specials
cp "$fixture/export.yaml" specials/
mkfifo specials/late.yaml
ln -s nowhere.yaml specials/gone.yaml
run 2 "a FIFO and a dangling link in an input directory" -- check --lang en specials
if grep -q '^specials/gone.yaml: error\[RA1081\]' "$work/out" && grep -q '^specials/late.yaml: error\[RA1082\]' "$work/out"
then ok; else fail "specials: no RA1081 and RA1082"; sed 's/^/    /' "$work/out" | head -5; fi

# Issue 10: outputs never harm what is there.
run 2 "--output is an input" -- check --format json -o "$fixture/./export.yaml" "$fixture"
if grep -q 'is the input file' "$work/err" || grep -q '入力ファイル' "$work/err"; then ok; else fail "--output an input: no reason"; fi
if grep -q '^format: rurume-export/1' "$fixture/export.yaml"; then ok; else fail "--output overwrote the input"; fi
run 2 "two outputs, one file" -- check --format json -o out/x.json --format text -o out/./x.json "$fixture"
mkdir -p real && ln -s real via
run 2 "two outputs, one file through a symbolic link" -- check --format json -o real/x.json --format text -o via/x.json "$fixture"
if [ -e real/x.json ]; then fail "a usage error wrote a report"; else ok; fi
# A device node (/dev/null's: 1, 3) is written in place and stays a device.
if mknod null-device c 1 3 2>/dev/null; then
  run 1 "--output a character device" -- check --format json -o null-device "$fixture"
  if [ -c null-device ]; then ok; else fail "--output replaced a device with a regular file"; fi
fi
mkfifo report.fifo
cat report.fifo >fifo.out &
run 1 "--output a FIFO" -- check --format json -o report.fifo "$fixture"
wait
if [ -p report.fifo ] && grep -q '"format": "rurume-audit-report/1"' fifo.out; then ok; else fail "--output a FIFO"; fi
# /dev/stdout is written through the descriptor: appended to as the shell opened it, not replaced.
printf 'before\n' >appended.txt
check --format json -o /dev/stdout "$fixture" >>appended.txt 2>/dev/null
if [ "$(head -1 appended.txt)" = before ] && grep -q '"format": "rurume-audit-report/1"' appended.txt; then ok
else fail "-o /dev/stdout did not append to standard output"; fi
# Modes: 0666 less the umask, 0600 with personal information, an existing report's kept.
(umask 027; check --format json -o mode.json "$fixture" >/dev/null 2>&1)
if [ "$(stat -c %a mode.json)" = 640 ]; then ok; else fail "new report mode $(stat -c %a mode.json), want 640"; fi
(umask 022; check --show-personal-info --format json -o personal.json "$fixture" >/dev/null 2>&1)
if [ "$(stat -c %a personal.json)" = 600 ]; then ok; else fail "personal report mode $(stat -c %a personal.json), want 600"; fi
chmod 604 mode.json
check --format json -o mode.json "$fixture" >/dev/null 2>&1
if [ "$(stat -c %a mode.json)" = 604 ]; then ok; else fail "an existing report's mode changed to $(stat -c %a mode.json)"; fi
# A symbolic link's target is replaced; a hard link or a read-only report needs --force.
ln -s mode.json link.json
check --format json -o link.json "$fixture" >/dev/null 2>&1
if [ -L link.json ]; then ok; else fail "--output replaced a symbolic link"; fi
ln mode.json hard.json
run 2 "--output with other hard links" -- check --format json -o mode.json "$fixture"
if grep -q -- '--force' "$work/err"; then ok; else fail "hard link: no word of --force"; fi
run 1 "--output with other hard links, --force" -- check --force --format json -o mode.json "$fixture"
chmod 444 personal.json
run 2 "--output read-only" -- check --format json -o personal.json "$fixture"
run 1 "--output read-only, --force" -- check --force --format json -o personal.json "$fixture"
if [ "$(stat -c %a personal.json)" = 444 ]; then ok; else fail "--force: mode $(stat -c %a personal.json), want 444"; fi
# A killed run's temporary file (a pid no process has) is removed by the next run.
: >.killed.json.rurume-tmp.999999999
check --format json -o killed.json "$fixture" >/dev/null 2>&1
if [ -e .killed.json.rurume-tmp.999999999 ]; then fail "a killed run's temporary file was left"; else ok; fi

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
