#!/usr/bin/env python3
"""The glossary (docs/glossary.md) is kept: no word of its "使わない語"
column appears in the program's sources, the rules (but for the policy's own
words they quote) or the nightly script. With --self-test it also plants a
forbidden word in a copy and checks that it is caught.

usage: glossary_test.py SOURCE_DIR
"""
import os
import re
import shutil
import sys
import tempfile


def forbidden(src):
    words = []
    with open(os.path.join(src, "docs", "glossary.md"), encoding="utf-8") as f:
        in_table = False
        for line in f:
            if line.startswith("| 使う語"):
                in_table = True
                continue
            if in_table and not line.startswith("|"):
                break
            if in_table and not line.startswith("|---"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                words += [w.strip() for w in re.split("[、/]", cells[1]) if w.strip()]
    return words


def files(src):
    for d, exts in (("src", (".cc", ".h", ".js", ".css")), ("rules", (".yaml",)), ("examples/nightly", (".sh",))):
        for root, _, names in os.walk(os.path.join(src, d)):
            for n in sorted(names):
                if n.endswith(exts):
                    yield os.path.join(root, n)


# The policy's words, quoted: rationale (rules), policy and obligation (clauses.yaml).
QUOTE = re.compile(r"^\s*(rationale|policy|obligation):")


def problems(src):
    words = forbidden(src)
    assert len(words) >= 10, "the glossary's table was not read: %r" % words
    out = []
    for path in files(src):
        quoting = False
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if path.endswith(".yaml"):
                    if QUOTE.match(line):
                        quoting = True
                    elif re.match(r"^\s*[a-z_]+:", line) or re.match(r"^\S", line):
                        quoting = False
                    if quoting:
                        continue
                for w in words:
                    if w in line:
                        out.append("%s:%d: %s (docs/glossary.md)" % (os.path.relpath(path, src), n, w))
    return out


def main():
    src = sys.argv[1]
    found = problems(src)
    for p in found:
        print("FAIL " + p)
    # The check itself: a planted word must be caught.
    with tempfile.TemporaryDirectory() as work:
        copy = os.path.join(work, "src")
        for d in ("docs", "src", "rules", "examples"):
            shutil.copytree(os.path.join(src, d), os.path.join(copy, d))
        with open(os.path.join(copy, "src", "cli", "main.cc"), "a", encoding="utf-8") as f:
            f.write('// "この規則を確認"\n')
        planted = problems(copy)
        if not any("規則" in p for p in planted):
            print("FAIL self-test: a planted 規則 in src/cli/main.cc was not caught")
            found.append("self-test")
    print("%d problems" % len(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
