#!/bin/sh
# Every report of every format the program lists (check --help), over a range
# of runs, is valid against the format's schema: json against
# schemas/rurume-audit-report.schema.json, sarif against SARIF 2.1.0's JSON
# Schema (python3-jsonschema), junit against the Ant JUnit XSD (xmllint), html
# as HTML5 by a strict parser (python3-html5lib), text as UTF-8 without raw
# control characters, gitlab against tests/report/gitlab-code-quality.schema.json
# (written from GitLab's documentation), github as workflow commands. A format this test does not know fails it.
#   formats_test.sh RURUME_AUDIT SOURCE_DIR CONFORMANCE_DIR [FORMAT]
set -u
bin=$1
src=$2
conformance=$3
. "$src/tests/report/lib.sh"
[ $# -ge 4 ] && formats=$4

check_format() {
format=$1
example="$src/examples/higashikurume"
n=0
# report DESCRIPTION ARGS...: writes one report of $format into $work/reports/
rm -rf "$work/reports"; mkdir -p "$work/reports"
report() {
  what=$1; shift
  n=$((n + 1))
  out="$work/reports/$n.$format"
  "$bin" "$@" --format "$format" -o "$out" 2>"$work/err"
  status=$?
  if [ "$status" -le 2 ] && [ -s "$out" ]; then ok; else fail "$what: exit $status, no report"; cat "$work/err"; fi
}
report "example" check --as-of 2026-11-24 "$example"
report "example, english" check --as-of 2026-11-24 --lang en "$example"
report "example, personal information" check --as-of 2026-11-24 --show-personal-info "$example"
report "example, validate" validate "$example"
report "fixture" check --rules "$rules" --as-of 2026-11-24 "$fixture"
report "fixture, english" check --rules "$rules" --as-of 2026-11-24 --lang en "$fixture"
report "fixture with input errors" check --rules "$rules" --as-of 2026-11-24 "$fixture" "$bad"
report "fixture, personal information" check --rules "$rules" --as-of 2026-11-24 --show-personal-info "$fixture" "$bad"
report "fixture, validate" validate "$fixture" "$bad"
report "standard input" check --rules "$rules" --as-of 2026-11-24 - <"$fixture/export.yaml"
report "a missing file" check --rules "$rules" --as-of 2026-11-24 "$work/no-such-file.yaml"
triage="$src/tests/report/fixtures/triage"
report "waivers and a baseline" check --rules "$rules" --as-of 2026-11-24 --waivers "$triage/waivers.yaml" \
  --baseline "$triage/baseline.json" "$fixture"
report "waivers and a baseline, english, input errors" check --rules "$rules" --as-of 2026-11-24 --lang en \
  --waivers "$triage/waivers.yaml" --baseline "$triage/baseline.json" "$fixture" "$bad"
report "one facility" check --rules "$rules" --as-of 2026-11-24 --waivers "$triage/waivers.yaml" \
  --baseline "$triage/baseline.json" --facility F001 "$fixture"
report "a facility without findings" check --rules "$rules" --as-of 2026-11-24 --facility F000 "$fixture"
# The manual clauses: attested, expiring, expired, missing; for one facility; failing under --fail-on-unattested.
report "attestations" check --rules "$rules" --as-of 2026-11-24 --attestations "$triage/attestations.yaml" "$fixture"
report "attestations, english, one facility" check --rules "$rules" --as-of 2026-11-24 --lang en \
  --attestations "$triage/attestations.yaml" --facility F001 "$fixture"
report "the example's attestations, failing on them" check --as-of 2026-11-24 --fail-on-unattested \
  --attestations "$src/examples/attestations.yaml" "$example"
# Every file of --split-by facility (each facility's and all), of the example and of the fixture.
split() {
  what=$1; shift
  rm -rf "$work/split"
  "$bin" check --as-of 2026-11-24 --baseline "$triage/baseline.json" --format "$format" --split-by facility \
    --output-dir "$work/split" "$@" 2>"$work/err"
  # One format: one file each, whatever the format's extension.
  if [ "$(ls "$work/split" | grep -c '^all\.')" -eq 1 ] && [ "$(ls "$work/split" | grep -c '^F001\.')" -eq 1 ]; then ok
  else fail "$what: not one all.* and one F001.*: $(ls "$work/split" | tr '\n' ' ')"; cat "$work/err"; fi
  for f in "$work"/split/*; do
    n=$((n + 1))
    cp "$f" "$work/reports/split-$n.$format"
  done
}
split "split example" "$example"
split "split fixture" --rules "$rules" --waivers "$triage/waivers.yaml" "$fixture"
mkdir -p "$work/日本語 dir"
cp "$fixture/export.yaml" "$work/日本語 dir/エクスポート #1.yaml"
report "a path to escape" check --rules "$rules" --as-of 2026-11-24 "$work/日本語 dir"

case $format in
  json)
    if /usr/bin/python3 "$src/tests/report/validate_json.py" --schema "$src/schemas/rurume-audit-report.schema.json" \
         "$work"/reports/*.json; then ok; else fail "json reports against their schema"; fi ;;
  sarif)
    if /usr/bin/python3 "$src/tests/report/validate_json.py" --schema "$conformance/sarif/sarif-schema-2.1.0.json" \
         "$work"/reports/*.sarif; then ok; else fail "sarif reports against SARIF 2.1.0"; fi ;;
  junit)
    for f in "$work"/reports/*.junit; do
      if xmllint --noout --schema "$conformance/junit/JUnit.xsd" "$f" 2>"$work/err"; then ok
      else fail "$f against JUnit.xsd"; head -20 "$work/err"; fi
    done ;;
  html)
    if /usr/bin/python3 - "$work"/reports/*.html <<'PY'; then ok; else fail "html reports as HTML5"; fi
import sys
import html5lib
bad = 0
for path in sys.argv[1:]:
    try:
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(open(path, encoding="utf-8").read())
    except Exception as e:
        print(f"{path}: {e}")
        bad += 1
sys.exit(1 if bad else 0)
PY
    ;;
  text)
    if /usr/bin/python3 - "$work"/reports/*.text <<'PY'; then ok; else fail "text reports as UTF-8 without raw controls"; fi
import sys
bad = 0
for path in sys.argv[1:]:
    try:
        text = open(path, "rb").read().decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}: {e}")
        bad += 1
        continue
    raw = sorted({hex(ord(c)) for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0})
    if raw:
        print(f"{path}: raw controls {raw}")
        bad += 1
sys.exit(1 if bad else 0)
PY
    ;;
  gitlab)
    # Against a schema written from GitLab's documentation, and one issue per fingerprint.
    if /usr/bin/python3 "$src/tests/report/validate_json.py" --schema "$src/tests/report/gitlab-code-quality.schema.json" \
         "$work"/reports/*.gitlab; then ok; else fail "gitlab reports against GitLab's Code Quality format"; fi
    if /usr/bin/python3 - "$work"/reports/*.gitlab <<'PY'; then ok; else fail "gitlab reports: a fingerprint twice"; fi
import json, sys
bad = 0
for path in sys.argv[1:]:
    prints = [issue["fingerprint"] for issue in json.load(open(path, encoding="utf-8"))]
    if len(prints) != len(set(prints)):
        print(f"{path}: {len(prints) - len(set(prints))} fingerprints repeated")
        bad += 1
sys.exit(1 if bad else 0)
PY
    ;;
  github)
    # UTF-8 without raw controls; every line a workflow command GitHub reads
    # (::error, ::warning, ::notice with known properties, escaped) or a
    # plain line that is none; the last line the summary.
    if /usr/bin/python3 - "$work"/reports/*.github <<'PY'; then ok; else fail "github reports as workflow commands"; fi
import re, sys
bad = 0
prop = r"(file|line|col|endLine|endColumn|title)=([^,:%]|%(25|0D|0A|3A|2C))*"
command = re.compile(r"::(error|warning|notice)( " + prop + "(," + prop + ")*)?::([^%]|%(25|0D|0A))*")
for path in sys.argv[1:]:
    try:
        text = open(path, "rb").read().decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}: {e}")
        bad += 1
        continue
    raw = sorted({hex(ord(c)) for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0})
    lines = text.split("\n")
    problems = [f"raw controls {raw}"] if raw else []
    if lines[-1] != "":
        problems.append("no final newline")
    lines = lines[:-1]
    problems += [f"line {n}: {l[:80]}" for n, l in enumerate(lines, 1) if l.startswith("::") and not command.fullmatch(l)]
    if not lines or not lines[-1].startswith("rurume-audit: "):
        problems.append("the last line is not the summary")
    for p in problems:
        print(f"{path}: {p}")
    bad += bool(problems)
sys.exit(1 if bad else 0)
PY
    ;;
  *) fail "no check of the format $format in tests/report/formats_test.sh: add one" ;;
esac
}

for format in $formats; do check_format "$format"; done
finish
