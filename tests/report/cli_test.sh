#!/bin/sh
# The report options of `check`: --fail-on and the exit status, several
# reports from one run (--format/--output pairs), --color and NO_COLOR,
# --sarif-root.
#   cli_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/report/lib.sh"
check() { "$bin" check --as-of 2026-11-24 --rules "$@"; }
esc=$(printf '\033')

# Rule sets with findings up to a severity: the fixture has errors,
# warnings and a note; "warnings" has warnings and a note; "notes" a note.
mkdir -p "$work/warnings" "$work/notes"
cp "$src/rules/clauses.yaml" "$rules/A6.4-report-user.yaml" "$rules/A9-report-patient.yaml" "$work/warnings/"
cp "$src/rules/clauses.yaml" "$rules/A9-report-patient.yaml" "$work/notes/"

# --fail-on
run 1 "errors fail by default" -- check "$rules" "$fixture"
run 1 "--fail-on error" -- check "$rules" --fail-on error "$fixture"
run 0 "--fail-on never" -- check "$rules" --fail-on never "$fixture"
run 0 "warnings pass by default" -- check "$work/warnings" "$fixture"
run 1 "--fail-on warning" -- check "$work/warnings" --fail-on warning "$fixture"
run 1 "--fail-on note, warnings" -- check "$work/warnings" --fail-on note "$fixture"
run 0 "--fail-on warning, a note" -- check "$work/notes" --fail-on warning "$fixture"
run 1 "--fail-on note, a note" -- check "$work/notes" --fail-on note "$fixture"
run 2 "input errors give 2 over findings" -- check "$rules" "$fixture" "$bad"
run 2 "input errors give 2 with --fail-on never" -- check "$rules" --fail-on never "$fixture" "$bad"
run 2 "a bad --fail-on" -- check "$rules" --fail-on sometimes "$fixture"
run 2 "an unwritable report gives 2" -- check "$rules" --fail-on never -o "$work/no/such/dir/r.json" --format json "$fixture"

# Several reports from one run
cd "$work" || exit 2
run 1 "json and junit to files" -- check "$rules" --format json --output a.json --format junit --output b.xml "$fixture"
if [ ! -s "$work/out" ] && grep -q '"findings"' a.json && grep -q '<testsuites' b.xml; then ok
else fail "json and junit: files or standard output wrong"; fi
run 1 "one report to standard output, the others to files" -- check "$rules" --format json -o c.json --format sarif --format junit -o d.xml "$fixture"
if grep -q '"version": "2.1.0"' "$work/out" && grep -q '"findings"' c.json && grep -q '<testsuites' d.xml; then ok
else fail "sarif (no --output) should go to standard output"; fi
run 1 "--output before its --format" -- check "$rules" -o e.json --format json -o f.xml --format junit "$fixture"
if grep -q '"findings"' e.json && grep -q '<testsuites' f.xml && [ ! -s "$work/out" ]; then ok; else fail "-o before --format"; fi
run 1 "-o alone is the text report" -- check "$rules" -o g.txt "$fixture"
if grep -q '^1 ファイル' g.txt; then ok; else fail "-o alone: no text report"; fi
run 2 "two reports to standard output" -- check "$rules" --format json --format sarif "$fixture"
if grep -q "standard output" "$work/err"; then ok; else fail "no reason for two reports to standard output"; fi
run 2 "an --output without a --format" -- check "$rules" --format json -o h.json -o i.json "$fixture"
run 2 "two reports to one file" -- check "$rules" --format json -o j.json --format sarif -o j.json "$fixture"
run 2 "an unknown format" -- check "$rules" --format yaml "$fixture"
if ls -a "$work" | grep -q 'rurume-tmp'; then fail "a temporary file was left"; else ok; fi
run 2 "several reports and input errors" -- check "$rules" --format json -o k.json --format sarif -o l.sarif "$fixture" "$bad"
if grep -q '"RA1022"' k.json && grep -q '"RA1022"' l.sarif; then ok; else fail "reports of a run with input errors"; fi
run 0 "validate writes several reports" -- "$bin" validate --format junit -o m.xml --format json "$fixture"
if grep -q '"command": "validate"' "$work/out" && grep -q '<testsuites' m.xml; then ok; else fail "validate reports"; fi

# --color: never in a file or a pipe unless asked; NO_COLOR turns auto off
run 1 "colour always on standard output" -- check "$rules" --color always "$fixture"
if grep -q "$esc\[" "$work/out"; then ok; else fail "--color always: no colour"; fi
run 1 "colour always, NO_COLOR set" -- env NO_COLOR=1 "$bin" check --as-of 2026-11-24 --rules "$rules" --color always "$fixture"
if grep -q "$esc\[" "$work/out"; then ok; else fail "--color always must win over NO_COLOR"; fi
run 1 "colour auto, not a terminal" -- check "$rules" "$fixture"
if grep -q "$esc" "$work/out"; then fail "colour in a pipe"; else ok; fi
run 1 "colour always, into a file" -- check "$rules" --color always -o colour.txt "$fixture"
if grep -q "$esc" colour.txt; then fail "colour in an --output file"; else ok; fi
run 1 "colour always, json" -- check "$rules" --color always --format json "$fixture"
if grep -q "$esc" "$work/out"; then fail "colour in JSON"; else ok; fi
run 2 "a bad --color" -- check "$rules" --color sometimes "$fixture"
if command -v script >/dev/null 2>&1; then
  # On a terminal (script(1) gives one): colour, unless NO_COLOR or --color never.
  tty_run() { script -qec "$1" /dev/null </dev/null | tr -d '\r'; }
  cmd="\"$bin\" check --as-of 2026-11-24 --rules \"$rules\" \"$fixture\""
  if tty_run "$cmd" | grep -q "$esc\["; then ok; else fail "no colour on a terminal"; fi
  if tty_run "NO_COLOR=1 $cmd" | grep -q "$esc"; then fail "colour on a terminal with NO_COLOR"; else ok; fi
  if tty_run "NO_COLOR= $cmd" | grep -q "$esc\["; then ok; else fail "an empty NO_COLOR turned colour off"; fi
  if tty_run "$cmd --color never" | grep -q "$esc"; then fail "colour on a terminal with --color never"; else ok; fi
fi
# --sarif-root: SARIF's files relative to it (default the current
# directory), absolute file URIs outside it.
sarif_uris() {
  python3 -c '
import json, sys
run = json.load(sys.stdin)["runs"][0]
print(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], *sorted(
    a["location"].get("uriBaseId", "-") + ":" + a["location"]["uri"] for a in run["artifacts"]))'
}
fixtures=$(cd "$src/tests/report/fixtures" && pwd -P)
got=$(cd "$fixtures" && check "$rules" --format sarif export | sarif_uris)
want="file://$fixtures/ %SRCROOT%:export/export.yaml"
if [ "$got" = "$want" ]; then ok; else fail "SARIF's root, by default: $got, want $want"; fi
got=$(cd "$fixtures/export" && check "$rules" --format sarif --sarif-root .. . | sarif_uris)
if [ "$got" = "$want" ]; then ok; else fail "--sarif-root ..: $got, want $want"; fi
got=$(cd "$fixtures" && check "$rules" --format sarif --sarif-root "$fixtures/bad" export | sarif_uris)
want="file://$fixtures/bad/ -:file://$fixtures/export/export.yaml"
if [ "$got" = "$want" ]; then ok; else fail "a file outside --sarif-root: $got, want $want"; fi
finish
