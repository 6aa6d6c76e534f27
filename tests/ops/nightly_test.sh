#!/bin/sh
# The cron script examples/nightly/rurume-nightly.sh over successive nights:
#   day 1 (2026-11-24)  a copy of examples/higashikurume, no latest.json yet:
#                       every finding is new, and 9 of the 10 are errors, so
#                       the first run exits 1
#   day 2 (2026-11-25)  DV0051 gets its screen lock (N1.4 fixed) and DV0053
#                       joins public Wi-Fi (N1.11 new, an error): exit 1, the
#                       JSON says exactly that (change/fixed), so does the mail
#   day 3 (2026-11-26)  no change: exit 0 although 10 old findings remain
#   day 3 again         same day, DV0052 leaves the ledger (N1.1, a warning):
#                       the day's directory is replaced, a new warning exits 0
#   day 4 (2026-11-27)  a YAML syntax error: exit 2, latest.json kept, the
#                       run recorded as 2026-11-27.untrusted
#   locks               a live run's lock stops the script (2); a dead one's
#                       is taken over
# Every trusted run: the dated directory with report.{json,txt,html} and
# facilities/<facility>.{json,txt,html} and all.*, latest.json rotated, no
# temporary file, lock or half-written directory left behind.
#   nightly_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
script=$src/examples/nightly/rurume-nightly.sh
. "$src/tests/counting.sh"
check() { if "$@"; then ok; else fail "$what: $*"; fi; }

export_dir=$work/export
reports=$work/reports
cp -R "$src/examples/higashikurume" "$export_dir"
unset RURUME_CONFIG RURUME_WAIVERS RURUME_FAIL_ON RURUME_LANG

# nightly DAY [NAME=VALUE...]: one run of the script as cron would, as of DAY,
# with these settings too; its output in $out, its status in $status
out=$work/out
nightly() {
  day=$1; shift
  env RURUME_AUDIT="$bin" RURUME_RULES="$src/rules" RURUME_AS_OF="$day" "$@" \
    sh "$script" "$export_dir" "$reports" >"$out" 2>"$work/err" </dev/null
  status=$?
}
expect_status() {
  if [ "$status" -eq "$1" ]; then ok
  else fail "$what: exit $status, want $1"; sed 's/^/    /' "$out" "$work/err" | head -40; fi
}
says() {  # the mail has a line matching this (basic regular expression)
  if grep -q "$1" "$out"; then ok; else fail "$what: no line /$1/ in the summary"; sed 's/^/    /' "$out" | head -40; fi
}
# the files of a trusted night
reports_of() {
  for ext in json txt html; do
    for f in "report.$ext" "facilities/all.$ext" "facilities/F012.$ext" "facilities/F013.$ext"; do
      if [ -s "$reports/$1/$f" ]; then ok; else fail "$what: no $1/$f"; fi
    done
  done
  check cmp -s "$reports/$1/report.json" "$reports/$1/facilities/all.json"
  check cmp -s "$reports/$1/report.json" "$reports/latest.json"
  check test -s "$reports/$1/summary.txt"
}
no_leftovers() {  # temporary directories, the lock, a replaced day, latest.json's temporary copy
  left=
  for f in "$reports"/.[!.]* "$reports"/..?*; do
    if [ -e "$f" ]; then left="$left ${f##*/}"; fi
  done
  if [ -z "$left" ]; then ok; else fail "$what: left behind in the report directory:$left"; fi
}
# py 'PYTHON CODE' FILE...: asserts on JSON reports (r = the first, r2 the second)
py() {
  code=$1; shift
  if python3 - "$@" >"$work/py" 2>&1 <<EOF
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r2 = json.load(open(sys.argv[2], encoding="utf-8")) if len(sys.argv) > 2 else None
def key(f): return (f["rule"], f["subject"]["kind"], f["subject"]["id"])
def fixed_key(x):  # subject{kind,id} like a finding, or subject_kind and subject_id
    if "subject" in x: return (x["rule"], x["subject"]["kind"], x["subject"]["id"])
    return (x["rule"], x["subject_kind"], x["subject_id"])
def changed(c): return sorted(key(f) for f in r["findings"] if f.get("change") == c)
$code
EOF
  then ok; else fail "$what: JSON"; sed 's/^/    /' "$work/py" | tail -5; fi
}

what="usage"
RURUME_AUDIT=$bin sh "$script" "$export_dir" >"$out" 2>&1
status=$?
expect_status 2
check test ! -e "$reports"

# --- day 1: the first night, no baseline ---------------------------------------
what="day 1"
nightly 2026-11-24
expect_status 1      # first run: all 10 findings are new, 8 of them errors
reports_of 2026-11-24
no_leftovers
says '^新規: 10 件 (エラー 8、警告 2、注記 0)$'
says '^解消: 0 件$'
says '^ベースラインなし'
says '^  + \[エラー\] N1.4-screen-lock 機器 DV0051: '
py '
assert r["as_of"] == "2026-11-24", r["as_of"]
assert len(r["findings"]) == 10, len(r["findings"])
assert not r.get("fixed"), r.get("fixed")' "$reports/2026-11-24/report.json"
cp "$reports/2026-11-24/report.json" "$work/day1.json"

# --- day 2: one fixed, one new -------------------------------------------------
what="day 2"
devices=$export_dir/devices.yaml
sed -e '/^  - id: DV0051$/,/^    status:/s/^    screen_lock: false$/    screen_lock: true/' \
    -e '/^  - id: DV0053$/,/^    status:/s/^    public_wifi: false$/    public_wifi: true/' \
    "$devices" >"$work/devices.yaml" && mv "$work/devices.yaml" "$devices"
if [ "$(sed -n '/^  - id: DV0051$/,/^    status:/p' "$devices" | grep -c 'screen_lock: true')" = 1 ] &&
   [ "$(sed -n '/^  - id: DV0053$/,/^    status:/p' "$devices" | grep -c 'public_wifi: true')" = 1 ]; then ok
else fail "day 2: the export was not modified as intended"; fi
nightly 2026-11-25
expect_status 1      # a new error finding
reports_of 2026-11-25
no_leftovers
says '^ベースライン: 2026-11-24 の結果'
says '^新規: 1 件 (エラー 1、警告 0、注記 0)$'
says '^解消: 1 件$'
says '^継続: 9 件$'
says '^  + \[エラー\] N1.11-public-wifi 機器 DV0053: '
says '^  - .*N1.4-screen-lock 機器 DV0051$'
if [ "$(grep -c '^  [+-] ' "$out")" = 2 ]; then ok; else fail "day 2: the mail lists other changes"; fi
py '
assert r["as_of"] == "2026-11-25"
assert changed("new") == [("N1.11-public-wifi", "device", "DV0053")], changed("new")
assert len(changed("unchanged")) == 9, changed("unchanged")
assert all(f.get("change") in ("new", "unchanged") for f in r["findings"])
assert [f["severity"] for f in r["findings"] if f["change"] == "new"] == ["error"]
assert [fixed_key(x) for x in r["fixed"]] == [("N1.4-screen-lock", "device", "DV0051")], r["fixed"]
# the fixed one is the day-1 finding, by its fingerprint
day1 = {key(f): f["fingerprint"] for f in r2["findings"]}
assert r["fixed"][0]["fingerprint"] == day1[("N1.4-screen-lock", "device", "DV0051")]
# unchanged findings keep their fingerprints although their messages moved on a day
assert all(day1[key(f)] == f["fingerprint"] for f in r["findings"] if f["change"] == "unchanged")' \
  "$reports/2026-11-25/report.json" "$work/day1.json"
py '
assert changed("new") == [("N1.11-public-wifi", "device", "DV0053")], changed("new")
assert ("N1.4-screen-lock", "device", "DV0051") not in [key(f) for f in r["findings"]]' \
  "$reports/2026-11-25/facilities/F013.json"
py '
assert [key(f) for f in r["findings"]] == [], [key(f) for f in r["findings"]]' \
  "$reports/2026-11-25/facilities/F012.json"
check cmp -s "$reports/2026-11-24/report.json" "$work/day1.json"   # yesterday's untouched

# --- day 2 elsewhere: the new error waived (RURUME_WAIVERS), or a broken baseline ------
what="day 2, waived"
main_reports=$reports
reports=$work/reports-waived
mkdir -p "$reports" && cp "$work/day1.json" "$reports/latest.json"
cat >"$work/waivers.yaml" <<'EOF'
waivers:
  - rule: N1.11-public-wifi
    subject: DV0053
    justification: 訪問先で VPN 経由の一時利用 (事務局確認済み)
    approved_by: 事務局
    expires: 2026-12-31
EOF
nightly 2026-11-25 RURUME_WAIVERS="$work/waivers.yaml"
expect_status 0      # the only new error is waived
says '^新規: 1 件 (エラー 1、警告 0、注記 0)$'
says '^  + \[エラー\] N1.11-public-wifi 機器 DV0053: .*(免除)$'
if grep -q '^注意' "$out"; then fail "$what: the script disagrees with rurume-audit"; else ok; fi
reports_of 2026-11-25

what="day 2, a broken latest.json"
reports=$work/reports-broken
mkdir -p "$reports" && echo '{"findings": [' >"$reports/latest.json"
cp "$reports/latest.json" "$work/broken.json"
nightly 2026-11-25
expect_status 2
says '^前回の結果 .*/latest.json が読めません'
check cmp -s "$reports/latest.json" "$work/broken.json"
check test ! -e "$reports/2026-11-25"
no_leftovers
reports=$main_reports

# --- day 3: nothing changed ------------------------------------------------------
what="day 3"
nightly 2026-11-26
expect_status 0      # old findings remain, none is new
reports_of 2026-11-26
no_leftovers
says '^新規: 0 件 (エラー 0、警告 0、注記 0)$'
says '^解消: 0 件$'
says '^継続: 10 件$'
py '
assert changed("new") == [], changed("new")
assert len(changed("unchanged")) == 10
assert not r.get("fixed")' "$reports/2026-11-26/report.json"

# --- day 3 again: the same day, a new warning only -------------------------------
what="day 3, second run"
sed -e '/^  - id: DV0052$/,/^    status:/s/^    in_ledger: true$/    in_ledger: false/' \
    "$devices" >"$work/devices.yaml" && mv "$work/devices.yaml" "$devices"
cp "$reports/2026-11-26/report.json" "$work/day3.json"
nightly 2026-11-26
expect_status 0      # new, but a warning: only new errors fail
reports_of 2026-11-26
no_leftovers
says '^ベースライン: 2026-11-26 の結果'
says '^新規: 1 件 (エラー 0、警告 1、注記 0)$'
says '^  + \[警告\] N1.1-device-in-ledger 機器 DV0052: '
if cmp -s "$reports/2026-11-26/report.json" "$work/day3.json"; then fail "$what: the day was not replaced"; else ok; fi
set -- "$reports"/2026-11-26*
if [ $# -eq 1 ]; then ok; else fail "$what: $*"; fi

# --- day 4: the export cannot be read -----------------------------------------------
what="day 4"
cp "$reports/latest.json" "$work/latest.json"
printf '  - id: [I999\n' >>"$export_dir/incidents.yaml"
nightly 2026-11-27
expect_status 2
says '終了ステータス 2'
check cmp -s "$reports/latest.json" "$work/latest.json"     # not rotated
check test ! -e "$reports/2026-11-27"
check test -s "$reports/2026-11-27.untrusted/summary.txt"
check test -s "$reports/2026-11-27.untrusted/rurume-audit.log" -o -s "$reports/2026-11-27.untrusted/facilities/all.txt"
no_leftovers
cp "$src/examples/higashikurume/incidents.yaml" "$export_dir/incidents.yaml"

# --- day 4 again: a tab in users.yaml's indentation (line 105) ---------------------
# The mail's first problem is the tab, with its place and what to do, not the
# hundreds of references to users the rest of the file held; no facility is
# told it has no MCS administrator.
what="day 4, a tab"
sed '105s/^    /	/' "$src/examples/higashikurume/users.yaml" >"$export_dir/users.yaml"
nightly 2026-11-27
expect_status 2
first=$(grep '\[RA[0-9][0-9][0-9][0-9]\]' "$out" | head -n 1)
case $first in
  *users.yaml:105:1:*RA1001*タブをスペースに置き換えて*) ok ;;
  *) fail "$what: the mail's first problem is not the tab: $first"; sed 's/^/    /' "$out" | head -20 ;;
esac
# The text report wraps at 80 columns: its continuation lines joined again.
perl -0pe 's/(?<=[\x80-\xff])\n +(?=[\x80-\xff])//g; s/\n {4,}/ /g' "$out" >"$out.flat"
if grep 'RA1032' "$out.flat" | grep -qv '省略しました'; then fail "$what: the mail lists follow-on reference errors one by one"; else ok; fi
if grep -q '\[RA1032\]: .*省略しました' "$out.flat"; then ok; else fail "$what: the mail does not count the follow-on errors"; fi
if grep -q 'A5-facility-mcs-admin' "$reports/2026-11-27.untrusted/facilities/all.txt" 2>/dev/null &&
   ! grep -q '未評価\|not evaluated' "$reports/2026-11-27.untrusted/facilities/all.txt"; then
  fail "$what: A5 findings presented as fact"
else ok; fi
cp "$src/examples/higashikurume/users.yaml" "$export_dir/users.yaml"

# --- locks -------------------------------------------------------------------------
what="a live lock"
mkdir "$reports/.lock" && echo $$ >"$reports/.lock/pid"   # this shell: alive
nightly 2026-11-27
expect_status 2
check test -d "$reports/.lock"                               # not ours to remove
check test ! -e "$reports/2026-11-27"
check cmp -s "$reports/latest.json" "$work/latest.json"
rm -rf "$reports/.lock"

what="a dead lock"
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir "$reports/.lock" && echo "$dead" >"$reports/.lock/pid"
nightly 2026-11-27
expect_status 1      # I003 has no report on record past its deadline from 2026-11-27 on: a new error
says '^  + \[エラー\] A6.8-problem-report-missing インシデント I003: '
reports_of 2026-11-27
no_leftovers

finish
