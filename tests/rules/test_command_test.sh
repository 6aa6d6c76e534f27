#!/bin/sh
# `rurume-audit test` (issue 16): the shipped rules pass their fixtures
# (exit 0); a copy of the rules with one rule broken fails, and the report
# names exactly that rule (exit 1); usage and load errors give 2.
#   test_command_test.sh RURUME_AUDIT SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/counting.sh"
cd "$work" || exit 2

# run WANT DESCRIPTION -- COMMAND...: output in $work/out, $work/err
run() {
  want=$1; what=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok; else fail "$what: exit $got, want $want"; sed 's/^/    /' "$work/out" "$work/err" | head -20; fi
}
rules_count=$(ls "$src"/rules/*-*.yaml | wc -l)

# The shipped rules and fixtures: the defaults (the source tree's rules, and
# tests/rules beside them), and both named.
run 0 "the shipped rules" -- "$bin" test
if [ "$(grep -c '^合格 ' "$work/out")" -eq "$rules_count" ] && ! grep -q '^不合格' "$work/out" &&
   tail -1 "$work/out" | grep -q "^ルール $rules_count 件: 合格 $rules_count 件、不合格 0 件"; then ok
else fail "the shipped rules: not every rule passed"; sed 's/^/    /' "$work/out" | head; fi
run 0 "the shipped rules, named" -- "$bin" test --rules "$src/rules" "$src/tests/rules"
run 0 "the shipped rules, in English" -- "$bin" test --lang en --rules "$src/rules/" "$src/tests/rules/"
if [ "$(grep -c '^pass ' "$work/out")" -eq "$rules_count" ] &&
   tail -1 "$work/out" | grep -q "^$rules_count rules: $rules_count passed, 0 failed"; then ok
else fail "the shipped rules in English: not every rule passed"; fi
if [ -s "$work/err" ]; then fail "the shipped rules: something on standard error"; else ok; fi

# One rule broken in a copy: its `require` can no longer be false.
cp -r "$src/rules" broken
sed -i 's/^require: device.screen_lock$/require: device.screen_lock || true/' broken/N1.4-screen-lock.yaml
if grep -q 'screen_lock || true' broken/N1.4-screen-lock.yaml; then ok; else fail "the rule was not broken"; fi
for lang in ja en; do
  run 1 "one rule broken ($lang)" -- "$bin" test --lang $lang --rules broken "$src/tests/rules"
  if [ $lang = ja ]; then failing=$(grep '^不合格' "$work/out"); passing=$(grep -c '^合格 ' "$work/out")
  else failing=$(grep '^FAIL' "$work/out"); passing=$(grep -c '^pass ' "$work/out"); fi
  if [ "$failing" = "$([ $lang = ja ] && echo '不合格 N1.4-screen-lock (フィクスチャ 3 件)' || echo 'FAIL N1.4-screen-lock (3 fixtures)')" ] &&
     [ "$passing" -eq $((rules_count - 1)) ]; then ok
  else fail "one rule broken ($lang): the report does not name exactly N1.4-screen-lock"; sed 's/^/    /' "$work/out" | grep -v '^    \(合格\|pass\)'; fi
  # The differences: the findings the fixtures expect, at their lines.
  if [ $lang = ja ]; then want="$src/tests/rules/N1.4-screen-lock/fires.yaml:4: DV1 の指摘がありません"
  else want="$src/tests/rules/N1.4-screen-lock/fires.yaml:4: no finding for DV1, which the fixture expects"; fi
  if grep -qF "    $want" "$work/out"; then ok; else fail "one rule broken ($lang): no missing finding for DV1 at fires.yaml:4"; fi
done

# The fixtures beside a copy of the rules (RULES/../tests/rules) by default.
mkdir -p copy/tests && cp -r broken copy/rules && cp -r "$src/tests/rules" copy/tests/rules
run 1 "the fixtures beside the rules" -- "$bin" test --rules copy/rules
if grep -q '^不合格 N1.4-screen-lock' "$work/out" && grep -qF 'copy/tests/rules/N1.4-screen-lock/fires.yaml:4:' "$work/out"
then ok; else fail "the fixtures beside the rules were not used"; fi
# A fixture directory naming no rule fails the run; so does a rule without fixtures.
mkdir copy/tests/rules/Z9-no-such-rule
rm -r copy/tests/rules/N1.4-screen-lock
run 1 "a stray fixture directory, a rule without fixtures" -- "$bin" test --rules "$src/rules" copy/tests/rules
if grep -q '^不合格 copy/tests/rules/Z9-no-such-rule: この名前のルールはありません$' "$work/out" &&
   grep -A1 '^不合格 N1.4-screen-lock (フィクスチャ 0 件)$' "$work/out" | grep -q '^    フィクスチャがありません$'
then ok; else fail "a stray directory or a rule without fixtures not reported"; sed 's/^/    /' "$work/out" | grep -v '^    合格'; fi

# Usage and load errors: exit 2, and a reason on standard error.
run 2 "no fixture directory beside the rules" -- "$bin" test --rules broken
if grep -q 'tests/rules がありません' "$work/err"; then ok; else fail "no fixture directory: no reason"; fi
run 2 "a fixture directory that does not exist" -- "$bin" test no-such-fixtures
run 2 "a rule directory that does not exist" -- "$bin" test --rules no-such-rules "$src/tests/rules"
run 2 "a rule set that does not load" -- sh -c "cp -r '$src/rules' bad && echo 'require: [' >>bad/N1.4-screen-lock.yaml && '$bin' test --rules bad '$src/tests/rules'"
if grep -q 'RA2001' "$work/err"; then ok; else fail "a rule set that does not load: no RA2001"; fi
mkdir -p badbase && printf 'format: rurume-export/1\nfacilities: [\n' >badbase/base.yaml
run 2 "a base.yaml that does not load" -- "$bin" test badbase
if grep -q 'badbase/base.yaml' "$work/err"; then ok; else fail "a base.yaml that does not load: not named"; fi
run 2 "an unknown option" -- "$bin" test --fixtures "$src/tests/rules"
run 2 "two fixture directories" -- "$bin" test "$src/tests/rules" "$src/tests/rules"
run 2 "an unknown language" -- "$bin" test --lang fr
if [ -s "$work/out" ]; then fail "a usage error wrote a report"; else ok; fi
finish
