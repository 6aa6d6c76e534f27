#!/bin/sh
# The project stands alone: no file of it refers to the workspace folder
# beside a developer's checkout (a user's clone has no such folder), and the
# conformance data the tests read is in tests/conformance/, each folder with
# its licence and its source.
#   self_contained_test.sh SOURCE_DIR
set -u
src=$1
. "$src/tests/counting.sh"

# The files of the project: git's list (tracked and untracked, not ignored)
# in a checkout; otherwise every file but build directories.
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$src" && git ls-files -z --cached --others --exclude-standard) >"$work/files"
else
  (cd "$src" && find . -name .git -prune -o -name 'build*' -prune -o -type f -print0) >"$work/files"
fi
dots='\.\.'
pattern="(${dots}/shared\b|\bshared/(conformance|spec|policy|guide|hooks)\b)"
(cd "$src" && xargs -0 grep -IlE "$pattern" -- <"$work/files" 2>/dev/null) >"$work/refs"
if [ -s "$work/refs" ]; then
  fail "files refer to the workspace's shared folder:"; sed 's/^/    /' "$work/refs"
  (cd "$src" && xargs grep -nIE "$pattern" -- <"$work/refs" | head -n 20 | sed 's/^/    /')
else
  ok
fi
# The test itself can fail: the pattern finds a planted reference.
printf 'see ../%s/conformance\n' shared >"$work/planted"
if grep -qE "$pattern" "$work/planted"; then ok; else fail "the pattern misses a planted reference"; fi

# The data the tests read, and any other folder there, each with its licence
# and a SOURCE naming its project and version.
for d in cel-spec holidays-jp junit sarif yaml-test-suite; do
  [ -d "$src/tests/conformance/$d" ] && ok || fail "tests/conformance/$d is missing"
done
for dir in "$src"/tests/conformance/*/; do
  d=$(basename "$dir")
  if ls "$dir"LICENSE* >/dev/null 2>&1; then ok; else fail "tests/conformance/$d has no LICENSE"; fi
  if grep -q '^Project: ' "${dir}SOURCE" 2>/dev/null && grep -q '^Version: ' "${dir}SOURCE"; then ok
  else fail "tests/conformance/$d/SOURCE does not name its project and version"; fi
done
finish
