#!/bin/sh
# No report of any format, in either language, shows a patient's name or
# birth date, the name of a patient's or family's account, or a post's text,
# nor a value the loader could not read in one of those fields; with
# --show-personal-info the findings' patients and posts are shown, and the
# report says so at its top. Also with waivers and a baseline, split by facility.
#   privacy_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/report/lib.sh"

# Every personal value of the fixtures.
cat >"$work/personal" <<'TXT'
山田 花子
1941-03-05
鈴木 次郎
1936-12-24
山田 一郎
山田さんの血圧が高めです。明日訪問します。
鈴木様のご家族へ連絡済みです。
4242424242
1938-02-30
9876543210123
佐藤 三郎
TXT
# Those that --show-personal-info shows: the patients of findings on a
# patient, group, member or user, the text of a post with a finding.
cat >"$work/shown" <<'TXT'
山田 花子
1941-03-05
鈴木 次郎
1936-12-24
山田さんの血圧が高めです。明日訪問します。
TXT

mkdir -p "$work/reports"
for lang in ja en; do
  for format in $formats; do
    for inputs in clean bad; do
      set -- "$fixture"
      [ "$inputs" = bad ] && set -- "$fixture" "$bad"
      out="$work/reports/$lang-$inputs.$format"
      "$bin" check --rules "$rules" --as-of 2026-11-24 --lang "$lang" --format "$format" -o "$out" "$@" 2>"$work/err"
      [ -s "$out" ] || fail "no $out"
      if grep -F -f "$work/personal" "$out" >"$work/leaks"; then
        fail "$lang $format ($inputs) shows personal information:"; sed 's/^/    /' "$work/leaks" | head -5
      else ok; fi
      if grep -q -e 'show-personal-info' -e '個人情報 (氏名' "$out"; then fail "$lang $format ($inputs) has the notice"; else ok; fi

      shown="$work/reports/$lang-$inputs-shown.$format"
      "$bin" check --rules "$rules" --as-of 2026-11-24 --lang "$lang" --format "$format" -o "$shown" --show-personal-info "$@" 2>"$work/err"
      while IFS= read -r value; do
        if grep -q -F -- "$value" "$shown"; then ok; else fail "$lang $format ($inputs) --show-personal-info lacks $value"; fi
      done <"$work/shown"
      if grep -q -e 'show-personal-info' "$shown"; then ok; else fail "$lang $format ($inputs) --show-personal-info: no notice"; fi
    done
  done
  # The notice comes first: the text report's first paragraph, the JSON report's
  # first member after its format.
  if sed '/^$/q' "$work/reports/$lang-clean-shown.text" | grep -q 'show-personal-info'; then ok; else fail "$lang text: notice not in the first paragraph"; fi
  if sed -n 3p "$work/reports/$lang-clean-shown.json" | grep -q '"personal_info_shown": true'; then ok; else fail "$lang json: personal_info_shown not at the top"; fi
done
# With waivers (a justification naming a patient) and a baseline (whose
# messages come from another run), and every facility's report.
triage="$src/tests/report/fixtures/triage"
sed 's/justification: 端末入替まで (12 月納品)/justification: 山田 花子 さんの担当端末/' "$triage/waivers.yaml" >"$work/waivers.yaml"
grep -q '山田 花子' "$work/waivers.yaml" || fail "no personal value in the test's waivers"
for format in $formats; do
  rm -rf "$work/split"
  "$bin" check --rules "$rules" --as-of 2026-11-24 --waivers "$work/waivers.yaml" --baseline "$triage/baseline.json" \
    --format "$format" --split-by facility --output-dir "$work/split" "$fixture" "$bad" 2>"$work/err"
  [ -s "$work/split/all.$(case $format in text) echo txt ;; junit) echo xml ;; github) echo github.txt ;; gitlab) echo gitlab.json ;; *) echo "$format" ;; esac)" ] ||
    fail "$format split: no all report"
  if grep -F -f "$work/personal" "$work"/split/* >"$work/leaks"; then
    fail "$format split with waivers and a baseline shows personal information:"; sed 's/^/    /' "$work/leaks" | head -5
  else ok; fi
done
# Standard output and validate too.
for format in $formats; do
  "$bin" check --rules "$rules" --as-of 2026-11-24 --format "$format" "$fixture" "$bad" >"$work/out" 2>&1
  if grep -F -f "$work/personal" "$work/out" >/dev/null; then fail "$format on standard output shows personal information"; else ok; fi
  "$bin" validate --format "$format" "$fixture" "$bad" >"$work/out" 2>&1
  if grep -F -f "$work/personal" "$work/out" >/dev/null; then fail "validate $format shows personal information"; else ok; fi
done
finish
