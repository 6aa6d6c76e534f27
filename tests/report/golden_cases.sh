# The golden reports: each case is `golden FILE ARGS...`, a run of the program
# from the source directory (so that paths in reports are relative) whose
# standard output must equal tests/report/golden/FILE byte for byte.
# Sourced by golden_test.sh and update-golden.sh, which define `golden` and
# set $rules to the test rule set (tests/report/rules/ + rules/clauses.yaml),
# and $bin; every format the program lists (tests/formats.sh) has its files.
# SARIF's %SRCROOT% is the current directory, the source directory here: the
# goldens have a placeholder for it (run from the source directory).
srcroot_placeholder() {
  sed "s|\"uri\": \"file://$(pwd -P)/\"|\"uri\": \"file:///<source directory>/\"|" "$1"
}
# A format's golden files end in: the format's name, or what tells the file's kind.
golden_ext() {
  case $1 in junit) echo junit.xml ;; sarif) echo sarif.json ;; github) echo github.txt ;; gitlab) echo gitlab.json ;; *) echo "$1" ;; esac
}
golden_cases() {
  example="check --as-of 2026-11-24 examples/higashikurume"
  for format in $(report_formats "$bin"); do
    ext=$(golden_ext "$format")
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
  # Waivers (active, by pattern, expired, unused) and a baseline (new,
  # unchanged, fixed, and a finding now not evaluated): tests/report/fixtures/triage/.
  triage="check --as-of 2026-11-24 --rules $rules --waivers tests/report/fixtures/triage/waivers.yaml
    --baseline tests/report/fixtures/triage/baseline.json tests/report/fixtures/export"
  for format in $(report_formats "$bin"); do
    ext=$(golden_ext "$format")
    # shellcheck disable=SC2086
    golden "triage.$ext" $triage --format "$format"
  done
  # shellcheck disable=SC2086
  golden "triage.en.text" $triage --lang en
  # The example network's attestations (examples/attestations.yaml: attested,
  # expiring, expired and missing), in every format, and one facility's.
  attested="$example --fail-on never --attestations examples/attestations.yaml"
  for format in $(report_formats "$bin"); do
    ext=$(golden_ext "$format")
    # shellcheck disable=SC2086
    golden "attested.$ext" $attested --format "$format"
  done
  # shellcheck disable=SC2086
  golden "attested.en.text" $attested --lang en
  # shellcheck disable=SC2086
  golden "attested.F012.text" $attested --facility F012
  # One facility's report (--facility; the files of --split-by facility are the same reports).
  # shellcheck disable=SC2086
  golden "triage.F001.text" $triage --facility F001
  # shellcheck disable=SC2086
  golden "triage.F001.json" $triage --facility F001 --format json
}
