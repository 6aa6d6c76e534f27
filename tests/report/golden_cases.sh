# The golden reports: each case is `golden FILE ARGS...`, a run of the program
# from the source directory (so that paths in reports are relative) whose
# standard output must equal tests/report/golden/FILE byte for byte.
# Sourced by golden_test.sh and update-golden.sh, which define `golden` and
# set $rules to the test rule set (tests/report/rules/ + rules/clauses.yaml).
golden_cases() {
  example="check --as-of 2026-11-24 examples/higashikurume"
  for format in text json junit sarif; do
    ext=$format
    case $format in junit) ext=junit.xml ;; sarif) ext=sarif.json ;; esac
    # shellcheck disable=SC2086
    golden "higashikurume.$ext" $example --fail-on never --format "$format"
    # shellcheck disable=SC2086
    golden "fixture.$ext" check --as-of 2026-11-24 --rules "$rules" --format "$format" \
      tests/report/fixtures/export tests/report/fixtures/bad
  done
  # shellcheck disable=SC2086
  golden "higashikurume.en.text" $example --lang en
  golden "fixture.en.text" check --as-of 2026-11-24 --rules "$rules" --lang en tests/report/fixtures/export tests/report/fixtures/bad
  golden "fixture.personal.text" check --as-of 2026-11-24 --rules "$rules" --show-personal-info tests/report/fixtures/export
}
