#!/usr/bin/env python3
"""Control characters from data through every report format (issue 10, item 5).

tests/report/fixtures/controls/export.yaml holds every C0 control, DEL, every
C1 control and ANSI escape sequences in export values that reports show (an
app name in a finding's message, a facility name, a wrong-typed value quoted
by a diagnostic). For each format `check --help` lists (text, json, junit, sarif, html, github, gitlab), to a file
and to standard output, the report must be valid for its format; the text
report, and everything written to standard error, must hold no control
character but newlines, and show the values escaped (\\u001b).

    controls_test.py RURUME_AUDIT SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.dom.minidom

bin_, src = sys.argv[1], sys.argv[2]
fixture = os.path.join(src, "tests/report/fixtures/controls/export.yaml")
failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what)


def raw_controls(data):
    """The control characters in `data` (bytes) other than newline."""
    text = data.decode("utf-8", errors="replace")
    return sorted({hex(ord(c)) for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F})


def strings(doc):
    """Every string in a parsed JSON document."""
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, dict):
        for k, v in doc.items():
            yield k
            yield from strings(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from strings(v)


def run(*args):
    p = subprocess.run([bin_, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


with tempfile.TemporaryDirectory() as work:
    for lang in ("ja", "en"):
        # The text report on standard output, colours on: only our own escapes.
        status, out, err = run("check", "--as-of", "2026-11-24", "--lang", lang, "--color", "always", fixture)
        check(status == 2, f"text {lang}: exit 2 (an input error), not {status}")
        colours = out.decode().replace("\x1b[1m", "").replace("\x1b[2m", "").replace("\x1b[0m", "")
        for c in ("\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m"):
            colours = colours.replace(c, "")
        check(raw_controls(colours.encode()) == [], f"text {lang} --color always: raw controls {raw_controls(colours.encode())}")
        check(raw_controls(err) == [], f"text {lang}: standard error has raw controls {raw_controls(err)}")
        status, out, err = run("check", "--as-of", "2026-11-24", "--lang", lang, fixture)
        text = out.decode()
        check(raw_controls(out) == [], f"text {lang}: raw controls {raw_controls(out)}")
        check("Insta\\u0001\\u001b[31mRED" in text, f"text {lang}: the reproducer shown escaped")
        check("\\u009f" in text and "\\u007f" in text and "\\u0000" in text and "\\u000a" in text,
              f"text {lang}: C1, DEL, NUL and newline shown escaped")
        check("RA1021" in text and "in_use\\u001b[31m\\u009b" in text, f"text {lang}: the bad status quoted escaped")
        # validate prints the diagnostics on standard output as a text report.
        status, out, err = run("validate", "--lang", lang, fixture)
        check(status == 2 and raw_controls(out) == [] and b"\\u001b" in out,
              f"validate {lang}: exit {status}, raw controls {raw_controls(out)}")

    # Every format the program lists (check --help), so that a new one is checked too.
    status, out, _ = run("check", "--help")
    listed = re.search(r"--format FORMAT:\{([^}]*)\}", out.decode())
    check(listed is not None, "check --help lists the formats")
    for fmt in listed.group(1).split(",") if listed else []:
        path = os.path.join(work, "report." + fmt)
        status, out, err = run("check", "--as-of", "2026-11-24", "--format", fmt, "-o", path, fixture)
        check(status == 2 and os.path.exists(path), f"{fmt}: exit {status}, report written")
        check(raw_controls(err) == [], f"{fmt}: standard error has raw controls {raw_controls(err)}")
        data = open(path, "rb").read()
        status, stdout, _ = run("check", "--as-of", "2026-11-24", "--format", fmt, fixture)
        check(stdout == data, f"{fmt}: the same report on standard output and in a file")
        if fmt == "text":
            check(raw_controls(data) == [], f"text file: raw controls {raw_controls(data)}")
        elif fmt == "github":
            # Workflow commands: GitHub's escapes (%25, %0D, %0A) and the
            # controls made visible as in the text report.
            check(raw_controls(data) == [], f"github: raw controls {raw_controls(data)}")
            check("Insta\\u0001\\u001b[31mRED" in data.decode(), "github: the reproducer shown escaped")
            check(all(not line.startswith("::") or re.match(r"::(error|warning|notice)[ :]", line)
                      for line in data.decode().splitlines()), "github: every command one GitHub knows")
        elif fmt in ("json", "sarif", "gitlab"):
            try:
                doc = json.loads(data.decode("utf-8"))
                check(True, "")
                check(any("Insta\u0001\u001b[31mRED" in s for s in strings(doc)),
                      f"{fmt}: the value kept exactly (escaped by JSON)")
            except ValueError as e:
                check(False, f"{fmt}: not valid JSON: {e}")
        elif fmt == "junit":
            try:
                xml.dom.minidom.parseString(data)
                check(True, "")
            except Exception as e:  # xml.parsers.expat.ExpatError
                check(False, f"junit: not well-formed XML: {e}")
            # XML 1.0 forbids C0 controls but tab, newline and carriage return.
            forbidden = [c for c in raw_controls(data) if int(c, 16) < 0x20 and c not in ("0x9", "0xd")]
            check(forbidden == [], f"junit: characters XML 1.0 forbids: {forbidden}")
        elif fmt == "html":
            try:
                import html5lib
                html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(data.decode("utf-8"))
                check(True, "")
            except ImportError:
                check(False, "python3-html5lib is not installed")
            except Exception as e:  # html5lib.html5parser.ParseError
                check(False, f"html: parse error: {e}")
            # HTML replaces the controls it forbids; its whitespace (tab, form
            # feed, carriage return) may stay.
            left = [c for c in raw_controls(data) if c not in ("0x9", "0xc", "0xd")]
            check(left == [], f"html: raw controls {left}")
        else:
            check(False, f"{fmt}: a format this test does not check yet (tests/report/controls_test.py)")

    # eval writes values to the terminal too.
    status, out, err = run("eval", "'a\\u001b[31m\\u0085b'")
    check(status == 0 and raw_controls(out) == [] and b"\\x1b[31m" in out and b"\\u0085" in out,
          f"eval: exit {status}, output {out!r}")
    status, out, err = run("eval", "x\x1b[31m")
    check(status == 2 and raw_controls(err) == [], f"eval syntax error: exit {status}, raw controls {raw_controls(err)}")

print(f"{checks - failures} of {checks} checks passed")
sys.exit(1 if failures else 0)
