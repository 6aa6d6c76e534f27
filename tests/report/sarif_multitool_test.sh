#!/bin/sh
# The SARIF reports as their consumers check them: Microsoft's SARIF
# multitool (npm @microsoft/sarif-multitool, installed by
# .ci/install-test-deps) validates every SARIF report of the example, and of
# the report tests' fixture, with the SARIF rules and those of GitHub
# Advanced Security (GH...) and of GitHub Advanced Security for Azure DevOps
# (GHAzDO...): plain, with waivers, against a baseline (fixed and removed
# findings), for one facility, with relative and absolute input paths, from
# inside and outside --sarif-root; a single error-level result fails, but
# for GHAzDO1019 and GHAzDO1020, which ask for an Azure DevOps pipeline's
# build ids in automationDetails (known only to a pipeline there). Then a
# facility renamed on the line after a finding leaves the finding's
# primaryLocationLineHash as it was (code scanning tracks the alert by it).
# Skipped (exit 77) only when the multitool cannot run at all.
#   sarif_multitool_test.sh RURUME_AUDIT SOURCE_DIR
# The multitool: $RURUME_SARIF_MULTITOOL, else the native program of the npm
# package installed globally, called directly (its bin.js runs it through a
# shell, which would split the rule kinds' list at its semicolons).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/report/lib.sh"

mt=${RURUME_SARIF_MULTITOOL:-}
if [ -z "$mt" ] && command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  # The package's index.js names the program of this platform's package.
  mt=$(node -e 'console.log(require(process.argv[1]))' "$(npm root -g 2>/dev/null)/@microsoft/sarif-multitool" 2>/dev/null)
fi
if [ -z "$mt" ] || [ ! -f "$mt" ]; then
  echo "SKIP: the SARIF multitool is not installed (npm install -g @microsoft/sarif-multitool, .ci/install-test-deps)"
  exit 77
fi
[ -x "$mt" ] || chmod u+x "$mt" 2>/dev/null
if ! "$mt" --version >"$work/version" 2>&1; then
  echo "SKIP: the SARIF multitool ($mt) cannot run:"
  sed 's/^/    /' "$work/version" | head -5
  exit 77
fi
echo "multitool: $(head -1 "$work/version")"

# validate NAME [DIR] -- CHECK-ARGS...: runs `check` in DIR (default the
# source directory) to $work/NAME.sarif, then the multitool on it; every
# error-level result of the multitool is printed and fails.
validate() {
  name=$1; shift
  dir=$src
  if [ "$1" != "--" ]; then dir=$1; shift; fi
  shift
  status=0
  (cd "$dir" && "$bin" check --as-of 2026-11-24 --fail-on never --format sarif -o "$work/$name.sarif" "$@") \
    >"$work/err" 2>&1 || status=$?
  if [ "$status" -gt 2 ] || [ ! -s "$work/$name.sarif" ]; then
    fail "$name: check exited $status without a report"; sed 's/^/    /' "$work/err" | head -5; return
  fi
  "$mt" validate --rule-kind "Sarif;Ghas;GHAzDO" --level "Error;Warning;Note" -o "$work/$name.out.sarif" \
    "$work/$name.sarif" >"$work/mt.log" 2>&1
  if [ ! -s "$work/$name.out.sarif" ]; then
    fail "$name: the multitool wrote no output"; sed 's/^/    /' "$work/mt.log" | head -10; return
  fi
  if python3 - "$name" "$work/$name.out.sarif" <<'EOF'; then ok; else fail "$name: the multitool reports errors"; fi
import collections, json, sys
name, path = sys.argv[1], sys.argv[2]
results = [r for run in json.load(open(path, encoding="utf-8"))["runs"] for r in run.get("results", [])]
azure = ("GHAzDO1019", "GHAzDO1020")  # an Azure DevOps pipeline's build ids
levels = collections.Counter(r.get("level", "warning") for r in results if r["ruleId"] not in azure)
other = sum(r["ruleId"] in azure for r in results)
print(f"{name}: multitool errors {levels['error']}, warnings {levels['warning']}, notes {levels['note']}"
      f" (and {other} of GHAzDO1019/GHAzDO1020)")
for r in results:
    if r.get("level", "warning") == "error" and r["ruleId"] not in azure:
        print("    " + r["ruleId"] + ": " + r["message"].get("text", str(r["message"]))[:300])
sys.exit(1 if levels["error"] else 0)
EOF
}

example=examples/higashikurume
validate example-relative -- "$example"
validate example-absolute -- "$src/$example"
validate example-absolute-outside "$work" -- "$src/$example"
validate example-relative-root "$src/examples" -- --sarif-root "$src" higashikurume
validate example-relative-outside-root "$src/examples" -- --sarif-root "$src/tests" higashikurume
validate example-facility -- --facility F001 "$example"
# The manual clauses: missing and expired entries as review results, the others notifications.
validate example-attested -- --attestations examples/attestations.yaml "$example"
validate example-attested-facility -- --attestations examples/attestations.yaml --facility F012 "$example"
validate example-attested-en-failing -- --attestations examples/attestations.yaml --fail-on-unattested --lang en "$example"

# Waivers of the example's findings: an active one, an expired one, an unused one.
cat >"$work/waivers.yaml" <<'EOF'
waivers:
  - rule: A6.4-left-user-active
    subject: U0009
    justification: 引継ぎ中
    approved_by: 事務局 山田
    expires: 2026-12-31
  - clause: N1.4
    subject: DV*
    justification: 機種変更待ち
    approved_by: 事務局 鈴木
    expires: 2026-11-01
  - rule: N1.5-weak-password
    subject: U9999
    justification: 確認中
    approved_by: 事務局 鈴木
    expires: 2027-03-31
EOF
validate example-waivers -- --waivers "$work/waivers.yaml" "$example"

# A baseline: the example's JSON report; against it a copy of the example in
# which U0009 has not left (its finding fixed) and DV0036 is DV9036 (its
# finding removed with its subject, a new one for DV9036).
status=0
(cd "$src" && "$bin" check --as-of 2026-11-24 --fail-on never --format json -o "$work/baseline.json" "$example") \
  >"$work/err" 2>&1 || status=$?
[ "$status" -eq 0 ] || { fail "the baseline: exit $status"; sed 's/^/    /' "$work/err" | head -5; }
mkdir -p "$work/tree"
cp -R "$src/$example" "$work/tree/export"
python3 - "$work/tree/export" <<'EOF'
import pathlib, sys
d = pathlib.Path(sys.argv[1])
users = (d / "users.yaml").read_text(encoding="utf-8")
u = users.index("  - id: U0009\n")
end = users.index("\n\n", u)
(d / "users.yaml").write_text(users[:u] + users[u:end].replace("    left_on: 2026-10-01\n", "") + users[end:], encoding="utf-8")
devices = (d / "devices.yaml").read_text(encoding="utf-8")
assert "  - id: DV0036\n" in devices
(d / "devices.yaml").write_text(devices.replace("  - id: DV0036\n", "  - id: DV9036\n"), encoding="utf-8")
EOF
validate example-baseline "$work/tree" -- --baseline "$work/baseline.json" export
validate example-baseline-waivers "$work/tree" -- --baseline "$work/baseline.json" --waivers "$work/waivers.yaml" export
if python3 - "$work/example-baseline.sarif" <<'EOF'; then ok; else fail "the baseline's fixed and removed findings are not counted, or are results"; fi
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
b = run["properties"]["summary"]["baseline"]
states = sorted(r["baselineState"] for r in run["results"])
print(f"example-baseline: {b}; results' baselineState: {states}")
sys.exit(0 if b["fixed"] == 1 and b["removed"] == 1 and b["new"] == 1 and "absent" not in states
         and all(r["kind"] == "fail" for r in run["results"]) else 1)
EOF

# The report tests' fixture: input diagnostics, subjects not evaluated,
# waivers and a baseline.
triage=tests/report/fixtures/triage
validate fixture -- --rules "$rules" tests/report/fixtures/export tests/report/fixtures/bad
validate fixture-triage -- --rules "$rules" --waivers "$triage/waivers.yaml" --baseline "$triage/baseline.json" \
  tests/report/fixtures/export
validate fixture-triage-en -- --rules "$rules" --lang en --waivers "$src/$triage/waivers.yaml" \
  --baseline "$src/$triage/baseline.json" "$src/tests/report/fixtures/export"

# A facility renamed on the line after a finding's line: DV0051's N1.4
# finding is at `- id: DV0051`, followed by `facility: F012`. The line's
# content hash (what upload-sarif computes without ours) would change; the
# finding's primaryLocationLineHash must not.
mkdir -p "$work/renamed"
cp -R "$src/$example" "$work/renamed/export"
cp -R "$src/$example" "$work/renamed/original"
python3 - "$work/renamed/export/devices.yaml" <<'EOF'
import pathlib, sys
p = pathlib.Path(sys.argv[1])
text = p.read_text(encoding="utf-8")
old = "  - id: DV0051\n    facility: F012\n"
assert text.count(old) == 1
p.write_text(text.replace(old, "  - id: DV0051\n    facility: F011\n"), encoding="utf-8")
EOF
for tree in original export; do
  (cd "$work/renamed" && "$bin" check --as-of 2026-11-24 --fail-on never --format sarif -o "$work/$tree.rename.sarif" "$tree")
done
if python3 - "$work/original.rename.sarif" "$work/export.rename.sarif" <<'EOF'; then ok; else fail "a facility rename on the next line changed the finding's primaryLocationLineHash"; fi
import json, sys
def finding(path):
    run = json.load(open(path, encoding="utf-8"))["runs"][0]
    [r] = [r for r in run["results"] if r["ruleId"] == "N1.4-screen-lock" and r["properties"]["subject"]["id"] == "DV0051"]
    return r
a, b = finding(sys.argv[1]), finding(sys.argv[2])
la, lb = (x["locations"][0]["physicalLocation"]["region"]["startLine"] for x in (a, b))
ha, hb = (x["partialFingerprints"]["primaryLocationLineHash"] for x in (a, b))
print(f"DV0051 N1.4-screen-lock: line {la} -> {lb}, facility {a['properties']['facility']} -> {b['properties']['facility']}, "
      f"primaryLocationLineHash {ha} -> {hb}")
ok = (la == lb and ha == hb and a["properties"]["facility"] == "F012" and b["properties"]["facility"] == "F011"
      and ha == a["partialFingerprints"]["rurumeFingerprint/v1"][:16] + ":1")
sys.exit(0 if ok else 1)
EOF
finish
