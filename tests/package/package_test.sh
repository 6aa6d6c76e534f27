#!/bin/sh
# The Debian package: cpack builds it from the build directory; unpacked
# into a scratch root (no source tree anywhere on its paths), its program
# audits the example with the rule set installed beside it, exactly as the
# build tree's program does, and its man page renders.
#   package_test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
. "$src/tests/counting.sh"

check() {  # check DESCRIPTION COMMAND...
  what=$1; shift
  if "$@" >"$work/out" 2>&1; then ok; else fail "$what"; sed 's/^/    /' "$work/out" | head -20; fi
}

if ! command -v dpkg-deb >/dev/null || ! command -v dpkg-shlibdeps >/dev/null; then
  fail "dpkg-deb and dpkg-shlibdeps (Debian's dpkg-dev) are needed"; finish; exit
fi
check "cpack -G DEB" cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg"
deb=$(ls "$work"/pkg/rurume-audit_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then fail "no rurume-audit_*.deb"; finish; exit; fi
ok

dpkg-deb -f "$deb" Package Architecture Depends >"$work/fields"
check "package name" grep -qx 'Package: rurume-audit' "$work/fields"
for lib in libyaml-cpp libfmt libxml2 libssl libstdc++6 libc6; do
  check "Depends names $lib" grep -q "^Depends:.*$lib" "$work/fields"
done

dpkg-deb -c "$deb" | awk '{print $NF}' >"$work/files"
for f in ./usr/bin/rurume-audit ./usr/share/rurume-audit/rules/clauses.yaml \
         ./usr/share/rurume-audit/rules/N1.10-remote-control.yaml \
         ./usr/share/rurume-audit/schemas/rurume-export.schema.json ./usr/share/man/man1/rurume-audit.1; do
  check "package holds $f" grep -qx -- "$f" "$work/files"
done
rules_in_pkg=$(grep -c '^\./usr/share/rurume-audit/rules/.*\.yaml$' "$work/files")
rules_in_src=$(ls "$src"/rules/*.yaml | wc -l)
check "every rule file is packaged ($rules_in_pkg of $rules_in_src)" test "$rules_in_pkg" -eq "$rules_in_src"

root=$work/root
dpkg-deb -x "$deb" "$root"
cp -r "$src/examples/higashikurume" "$work/example"
installed=$root/usr/bin/rurume-audit
# Run from the scratch directory, with nothing of the source or build tree on any path.
(cd "$work" && "$installed" check --as-of 2026-11-24 --format json -o installed.json example >/dev/null 2>&1)
status=$?
check "installed program: exit 1 (the example's findings), got $status" test "$status" -eq 1
(cd "$work" && "$build/rurume-audit" check --as-of 2026-11-24 --format json -o built.json example >/dev/null 2>&1)
# The same report as the build tree's program: same rule set (digest) and findings.
check "installed and built reports agree" cmp "$work/installed.json" "$work/built.json"
(cd "$work" && "$installed" rules >rules.txt 2>&1)
check "installed program lists $rules_in_src rules" test "$(grep -c '^[A-Z][0-9.]*-' "$work/rules.txt")" -eq $((rules_in_src - 1))
# The fixtures are installed beside the rules: every rule passes them.
(cd "$work" && "$installed" test --lang en >test.txt 2>&1)
status=$?
check "installed program: test exits 0, got $status" test "$status" -eq 0
check "installed program: test runs every rule" grep -q "^$((rules_in_src - 1)) rules: $((rules_in_src - 1)) passed, 0 failed" "$work/test.txt"
# It read the rule set unpacked beside it: without it, it cannot run.
mv "$root/usr/share/rurume-audit/rules" "$root/usr/share/rurume-audit/rules.away"
(cd "$work" && "$installed" rules >/dev/null 2>&1)
status=$?
if [ -d /usr/share/rurume-audit/rules ] || [ -d /usr/local/share/rurume-audit/rules ]; then
  echo "skipped: a rule set is installed on this machine, so the program's fallback would find it"
else
  check "installed program without its rule set: exit 2, got $status" test "$status" -eq 2
fi
mv "$root/usr/share/rurume-audit/rules.away" "$root/usr/share/rurume-audit/rules"
if command -v man >/dev/null; then
  check "installed man page renders" sh -c "MANWIDTH=80 man -l '$root/usr/share/man/man1/rurume-audit.1' | grep -q rurume-audit"
fi
finish
