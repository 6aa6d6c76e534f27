# The report formats, as the program lists them (check --help: the choices of
# --format, from its table in src/report/formats.cc), so that the tests that
# loop over formats cannot miss a new one.
#   . tests/formats.sh; for format in $(report_formats "$bin"); do ...
report_formats() {
  list=$("$1" check --help | sed -n 's/.*--format FORMAT:{\([^}]*\)}.*/\1/p' | tr ',' ' ')
  if [ -z "$list" ]; then
    echo "report_formats: $1 check --help lists no --format choices" >&2
    echo "no-formats-listed"
  else
    echo "$list"
  fi
}
