#!/bin/sh
# End-to-end tests of the rurume-audit command line: exit status, inputs
# (files, directories, standard input), report formats and --output.
#   cli_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/counting.sh"

# expect_status WANT DESCRIPTION -- COMMAND...: runs COMMAND, output in $work/out
expect_status() {
  want=$1; what=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok; else fail "$what: exit $got, want $want"; sed 's/^/    /' "$work/out" "$work/err" | head -20; fi
}
# The text report wraps at 80 columns: a pattern may match the output with
# its continuation lines joined again (at a space, or between two non-ASCII
# characters with none).
flat() { perl -0pe 's/(?<=[\x80-\xff])\n +(?=[\x80-\xff])//g; s/\n {4,}/ /g' "$1"; }
expect_output() {
  what=$1; pattern=$2
  if grep -qE -- "$pattern" "$work/out" || flat "$work/out" | grep -qE -- "$pattern"; then ok; else fail "$what: output lacks /$pattern/"; sed 's/^/    /' "$work/out" | head -20; fi
}
expect_no_output() {
  what=$1; pattern=$2
  if grep -qE -- "$pattern" "$work/out"; then fail "$what: output has /$pattern/"; else ok; fi
}

cat >"$work/good.yaml" <<'YAML'
format: rurume-export/1
exported_at: 2026-11-24T02:00:00+09:00
network: {name: るるめネット, secretariat_facility: F000, all_members_group: G000}
facilities:
  - id: F000
    kind: secretariat
groups:
  - id: G000
    kind: all_members
    facility: F000
YAML
printf 'format: rurume-export/1\nfacilities:\n  - id: F1\n    kind: clinik\n' >"$work/bad.yaml"

expect_status 0 "--version" -- "$bin" --version
expect_output "--version names the program" '^rurume-audit [0-9]+\.[0-9]+\.[0-9]+'
expect_status 2 "no subcommand is a usage error" -- "$bin"
expect_status 2 "unknown option is a usage error" -- "$bin" validate --no-such-option "$work/good.yaml"
expect_status 2 "validate without paths is a usage error" -- "$bin" validate
# Usage errors in Japanese, with what was probably meant (the one suggester).
expect_err() {
  what=$1; pattern=$2
  if grep -qE -- "$pattern" "$work/err"; then ok; else fail "$what: standard error lacks /$pattern/"; sed 's/^/    /' "$work/err" | head -5; fi
}
expect_status 2 "a misspelt command" -- "$bin" explian N1.10
expect_err "a misspelt command: what it probably was" "^rurume-audit: explian というコマンドはありません。もしかして: explain。使えるコマンド: check, "
expect_status 2 "a misspelt option" -- "$bin" check --as-off 2026-11-24 "$work/good.yaml"
expect_err "a misspelt option: what it probably was" "^rurume-audit: check に --as-off というオプションはありません。もしかして: --as-of$"
expect_err "and where the usage is" "^使い方: rurume-audit check --help$"
expect_status 2 "a misspelt option, english" -- "$bin" check --lang en --fromat json "$work/good.yaml"
expect_err "in English with --lang en" "^rurume-audit: check has no option --fromat; did you mean: --format\?$"
expect_status 0 "explain looks ids up in any case" -- "$bin" explain n1.10-remote-control
expect_output "explain n1.10-remote-control" "^N1.10-remote-control  \[N1.10, エラー\]"
expect_status 2 "explain an unknown id" -- "$bin" explain N1.10-remote
expect_err "explain suggests" "N1.10-remote というルールも条項もありません。もしかして: N1.10-remote-control"
# Exit status 2 is never silent: one Japanese line on standard error, with -o and under --quiet too.
expect_status 2 "a JSON report of a missing file" -- "$bin" check --format json -o "$work/x.json" "$work/nonexistent.yaml"
if [ "$(wc -l <"$work/err")" -eq 1 ]; then ok; else fail "exit 2 with -o: not one line on standard error"; cat "$work/err"; fi
expect_err "the line: count, the first error, where the report went" \
  "^rurume-audit: 入力エラーが [0-9]+ 件あるため、結果は不完全です \(終了コード 2\)。最初のエラー: .*nonexistent.yaml: エラー\[RA1004\]: 読み込めません: ファイルまたはフォルダがありません。.*レポート: .*x.json$"
expect_status 2 "--quiet too" -- "$bin" check --quiet -o "$work/x.json" "$work/nonexistent.yaml"
expect_err "--quiet: the line still" "^rurume-audit: 入力エラーが"
expect_status 2 "-o FILE with an extension that names no format" -- "$bin" check -o "$work/report.pdf" "$work/good.yaml"
expect_err "the known extensions" "\.json \(json\)"
expect_status 0 "valid export" -- "$bin" validate "$work/good.yaml"
expect_status 2 "invalid export" -- "$bin" validate "$work/bad.yaml"
expect_output "diagnostic with file:line:column and code" "bad.yaml:4:11: エラー\[RA1021\]"
expect_status 2 "invalid export, english" -- "$bin" validate --lang en "$work/bad.yaml"
expect_output "english message" "bad.yaml:4:11: error\[RA1021\]: facility.kind cannot be \"clinik\""
expect_status 2 "check prints input diagnostics and exits 2" -- "$bin" check "$work/bad.yaml"
expect_output "check lists the diagnostic" "RA1021"
expect_status 2 "a missing file" -- "$bin" validate "$work/nonexistent.yaml"
expect_output "a missing file is named" "nonexistent.yaml: エラー\[RA1004\]"

# Standard input
expect_status 0 "stdin" -- sh -c "\"$bin\" validate - <\"$work/good.yaml\""
expect_status 2 "bad stdin" -- sh -c "\"$bin\" validate --lang en - <\"$work/bad.yaml\""
expect_output "stdin is named -" "^-:4:11: error\[RA1021\]"
expect_status 2 "empty stdin" -- sh -c "\"$bin\" validate - </dev/null"

# Directories: every *.yaml, *.yml, *.json below, sorted; others ignored
mkdir -p "$work/dir/sub" "$work/empty"
cp "$work/good.yaml" "$work/dir/a.yaml"
printf 'format: rurume-export/1\nusers:\n  - id: U1\n    facility: F000\n' >"$work/dir/sub/b.yml"
printf '{"format": "rurume-export/1", "devices": [{"id": "D1", "facility": "F000"}]}\n' >"$work/dir/c.json"
printf 'not: [yaml\n' >"$work/dir/notes.txt"
expect_status 0 "directory" -- "$bin" validate "$work/dir"
expect_output "directory summary counts three files" "^3 ファイル"
expect_status 2 "empty directory" -- "$bin" validate --lang en "$work/empty"
expect_output "empty directory is named" "no input file"

# JSON report and --output
expect_status 2 "json report" -- "$bin" check --format json --lang en "$work/bad.yaml"
expect_output "json carries diagnostics" '"code": "RA1021"'
expect_output "json has findings" '"findings": \[\]'
expect_status 2 "json to a file" -- "$bin" check --format json -o "$work/report.json" "$work/bad.yaml"
if grep -q '"diagnostics"' "$work/report.json" 2>/dev/null; then ok; else fail "--output wrote no report"; fi
if ls -a "$work" | grep -q 'rurume-tmp'; then fail "--output left a temporary file"; else ok; fi
expect_status 2 "unwritable output" -- "$bin" check -o "$work/no/such/dir/r.txt" "$work/good.yaml"

# A broken rule set stops `check` before it reads any export
mkdir -p "$work/badrules"
cp "$src/rules/clauses.yaml" "$work/badrules/"
cat >"$work/badrules/N1.10-x.yaml" <<'YAML'
id: N1.10-x
clause: N1.10
severity: error
title: {ja: t, en: t}
rationale: q
for: devices
require: device.remote_wype
message: {ja: m, en: m}
remediation: {ja: r, en: r}
record: {ja: r, en: r}
actor: facility_admin
deadline: null
YAML
expect_status 2 "broken rule set" -- "$bin" check --lang en --rules "$work/badrules" "$work/nonexistent.yaml"
if grep -q "N1.10-x.yaml:7:17: error\[RA2011\]" "$work/err"; then ok; else fail "rule error not reported with its position"; cat "$work/err"; fi
if grep -q "RA1004" "$work/err" "$work/out"; then fail "the export was read despite a broken rule set"; else ok; fi
expect_status 2 "an unknown parameter in --config" -- sh -c "printf 'params:\n  nope: 1\n' >\"$work/c.yml\"; \"$bin\" check --config \"$work/c.yml\" \"$work/good.yaml\""

# eval: the rule author's REPL
expect_status 0 "eval arithmetic" -- "$bin" eval "1 + 2 * 3"
expect_output "eval prints the value" "^7$"
expect_status 0 "eval a date function" -- "$bin" eval "date('2026-11-24').addDays(7)"
expect_output "eval prints a date" "2026-12-01"
expect_status 0 "eval over data" -- "$bin" eval --data "$work/good.yaml" "facilities.map(f, f.id)"
expect_output "eval binds collections" '\["F000"\]'
expect_status 2 "eval of a bad expression" -- "$bin" eval "1 +"
expect_status 2 "eval of an unknown field" -- "$bin" eval --data "$work/good.yaml" "facilities.all(f, f.nmae == '')"
expect_status 1 "eval to an error value" -- "$bin" eval "1 / 0"
# eval's output goes where reports go: personal fields are withheld unless asked for.
expect_status 1 "eval of patients' names without --show-personal-info" -- "$bin" eval --data "$src/examples/higashikurume" "patients.map(p, p.name)"
expect_output "the names are withheld, saying why" "patient.name は個人情報のため表示しません"
expect_no_output "no patient's name is printed" "久米"
expect_status 1 "eval of a post's text, in English" -- "$bin" eval --lang en --data "$src/examples/higashikurume" "posts.filter(p, has(p.text)).map(p, p.text)"
expect_output "the text is withheld" "post.text is personal information"
expect_status 0 "has() on a personal field still answers" -- "$bin" eval --data "$src/examples/higashikurume" "patients.exists(p, has(p.name))"
expect_output "has() is true" "^true$"
expect_status 0 "eval of patients' names with --show-personal-info" -- "$bin" eval --show-personal-info --data "$src/examples/higashikurume" "patients.map(p, p.name)"
expect_output "the names are shown when asked" "久米"

# The catalogue commands, generated from the rule files and the clause list
expect_status 0 "rules" -- "$bin" rules --lang en
expect_output "rules lists N1.10" "^N1\.10-remote-control +N1\.10 +error +Device in use has no way"
expect_status 0 "explain a rule" -- "$bin" explain --lang en N1.6-security-updates
expect_output "explain shows the parameters in force and their range" "os_update_max_age_days = 90 +\(default, range 1 to 3660\)"
expect_output "explain quotes the policy" "ウィルス対策ソフト"
expect_status 0 "explain with a config" -- sh -c "printf 'params:\n  os_update_max_age_days: 30\n' >\"$work/c30.yml\"; \"$bin\" explain --lang en --config \"$work/c30.yml\" N1.6"
expect_output "explain shows the configured value" "os_update_max_age_days = 30 +\(set by .*c30.yml, range 1 to 3660\)"
expect_status 0 "explain a manual clause" -- "$bin" explain --lang en N1.8
expect_output "a manual clause says a person attests it" "a person attests it"
expect_status 2 "explain nothing" -- "$bin" explain NO-SUCH-RULE
expect_status 0 "clauses: every auto clause has a rule" -- "$bin" clauses --lang en
expect_output "clauses count line" "^69 clauses: 43 auto \(43 covered by rules\), 13 manual, 13 info$"
expect_output "clauses checklist" "^\[ \] N1\.8 "
expect_no_output "no uncovered clause" "without a rule"
expect_status 0 "calendar" -- "$bin" calendar 2026
expect_output "calendar: a substitute holiday" "^2026-05-06 \(水\) 休日"
expect_output "calendar: the year-end closure" "^2026-12-29 \(火\) 事務局休業日"
expect_status 0 "calendar with configured closures" -- sh -c "printf 'calendar:\n  closures: [\"2026-08-14\"]\n' >\"$work/cal.yml\"; \"$bin\" calendar --config \"$work/cal.yml\" 2026"
expect_output "a one-off closure" "^2026-08-14 "
expect_no_output "the default closure replaced" "^2026-12-29 "
expect_status 2 "calendar out of range" -- "$bin" calendar 2100

# The bundled example is valid input
expect_status 0 "bundled example validates" -- "$bin" validate --lang en "$src/examples/higashikurume"
expect_no_output "bundled example has no warnings" "warning\["
expect_status 1 "the bundled example has findings" -- "$bin" check --as-of 2026-11-24 --lang en "$src/examples/higashikurume"
expect_output "ten findings, nothing unevaluated" "10 files: 10 findings, 0 not evaluated, 0 input errors, 0 input warnings"

# Issue 10: what crashed (exit 134) or overflowed, each kept as a fixture.
expect_status 2 "a timestamp after 9999-12-31T15:00Z is an input error, not a crash" -- "$bin" validate --lang en "$src/tests/load/fixtures/out-of-range.yaml"
expect_output "out of range, with its position" "out-of-range.yaml:15:16: error\[RA1025\]: post.posted_at: \"9999-12-31T23:59:59Z\" is out of range"
expect_status 2 "check of it: exit 2, not 134" -- "$bin" check "$src/tests/load/fixtures/out-of-range.yaml"
expect_output "in Japanese" "エラー\[RA1025\]: post.posted_at の \"9999-12-31T23:59:59Z\" は扱える範囲の外です"
expect_status 1 "addDays past 9999-12-31 is an error value, not a crash" -- "$bin" eval "date('9999-12-31').addDays(1)"
expect_output "the error" "^error\(date out of range \(1400-01-01 to 9999-12-31\)\)$"
expect_status 1 "addDays before 1400-01-01 likewise" -- "$bin" eval "date('1400-01-01').addDays(-1)"
expect_status 2 "450 x 450 copies of a 40 KB string: the cost limit, not bad_alloc" -- sh -c "\"$bin\" eval \"\$(cat \"$src/tests/expr/fixtures/blowup-450x450.cel\")\""
grep -q "exceeded the cost limit of 1000000" "$work/err" && ok || fail "the cost limit is named: $(head -c 300 "$work/err")"
expect_status 2 "a parameter beyond its range is RA2024" -- "$bin" check --lang en --config "$src/tests/cli/fixtures/overflow-config.yaml" "$src/examples/higashikurume"
grep -q "overflow-config.yaml:4:28: error\[RA2024\]: parameter lost_admin_report_hours: 9223372036854775807 is out of range (an integer from 0 to 8760)" "$work/err" && ok || fail "RA2024 with its position: $(cat "$work/err")"
expect_status 0 "matches() on a pattern that backtracked without bound" -- "$bin" eval "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'.matches('^(a|aa)*b\$')"
expect_output "finishes, false" "^false$"
expect_status 2 "an invalid literal pattern is a check error" -- "$bin" eval "'x'.matches('Insta(gram')"
grep -q "invalid regular expression 'Insta(gram': missing )" "$work/err" && ok || fail "the RE2 error is shown: $(cat "$work/err")"

finish
