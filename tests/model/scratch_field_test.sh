# A personal field is one line of the record table: added to a scratch copy
# of src/model/records.def, `patient.address` is screened from every report
# format and may not be read by a rule message, with no other change.
#   scratch_field_test.sh PROGRAM SOURCE_DIR
# PROGRAM is the project's own build, for the control run: without the line
# the same value is printed as written. The scratch copy builds only
# rurume-audit (with ccache when it is installed).
bin=$1
src=$2
. "$src/tests/counting.sh"

address='東久留米市本町三丁目1番2号'
copy="$work/tree"
mkdir -p "$copy"
cp -R "$src/src" "$src/rules" "$src/schemas" "$src/man" "$src/CMakeLists.txt" "$copy/"
def="$copy/src/model/records.def"
line='  F(Patient, address, std::optional<std::string>, kPersonal, "住所", "address", "Postal address.") \\'
sed -i "/^  F(Patient, birth_date,/a\\
$line" "$def"
[ "$(diff "$src/src/model/records.def" "$def" | grep -c '^>')" -eq 1 ] && ok || fail "the scratch table differs by more than one line"

launcher=
command -v ccache >/dev/null 2>&1 && launcher=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
if ! cmake -S "$copy" -B "$copy/build" -DBUILD_TESTING=OFF $launcher >"$work/cmake.log" 2>&1 ||
   ! cmake --build "$copy/build" -j2 --target rurume-audit >>"$work/cmake.log" 2>&1; then
  tail -20 "$work/cmake.log"
  fail "the scratch copy does not build"
  finish
  exit
fi
scratch="$copy/build/rurume-audit"

# An export with an address, and the same words where a report would quote
# them: a device type the loader rejects, quoting what it read.
export_dir="$work/export"
mkdir -p "$export_dir"
cp "$src"/examples/higashikurume/*.yaml "$export_dir/"
cat >"$export_dir/extra.yaml" <<YAML
format: rurume-export/1
patients:
  - {id: PX1, facility: F001, address: $address}
devices:
  - {id: DVX1, facility: F001, type: $address}
YAML

formats=$("$scratch" check --help | sed -n 's/.*--format FORMAT:{\([^}]*\)}.*/\1/p' | tr ',' ' ')
[ -n "$formats" ] && ok || fail "no formats listed by check --help"
for format in $formats; do
  "$scratch" check --as-of 2026-11-24 --format "$format" "$export_dir" >"$work/scratch.$format" 2>"$work/err"
  grep -q "$address" "$work/scratch.$format" "$work/err" && fail "$format: the address is in the report" || ok
  grep -q 'RA1021' "$work/scratch.$format" && ok || fail "$format: the report lacks the device type diagnostic"
  "$bin" check --as-of 2026-11-24 --format "$format" "$export_dir" >"$work/control.$format" 2>/dev/null
  # (the text report wraps at 80 columns: its continuation lines joined again)
  perl -0pe 's/(?<=[\x80-\xff])\n +(?=[\x80-\xff])//g; s/\n {4,}/ /g' "$work/control.$format" | grep -q "$address" &&
    ok || fail "$format: without the table line the value should be quoted (control)"
done

# A rule message may not read the new field.
mkdir -p "$work/rules"
cp "$src/rules/clauses.yaml" "$work/rules/"
cat >"$work/rules/A9-patient-consent.yaml" <<'YAML'
id: A9-patient-consent
clause: A9
severity: error
title: {ja: 住所の確認, en: address check}
rationale: test
for: patients
require: 'false'
message: {ja: "住所 {{patient.address}}", en: "address {{patient.address}}"}
remediation: {ja: なし。, en: None.}
record: {ja: なし。, en: None.}
actor: facility_admin
deadline: null
YAML
"$scratch" check --as-of 2026-11-24 --rules "$work/rules" "$export_dir" >"$work/out" 2>&1
status=$?
[ "$status" -eq 2 ] && ok || fail "a message reading patient.address: exit $status, want 2"
grep -q 'RA2013' "$work/out" && ok || { fail "a message reading patient.address is not RA2013"; head -5 "$work/out"; }
finish
