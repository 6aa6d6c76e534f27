#!/usr/bin/env python3
"""A bad night, with real broken files: the bundled example with one file
broken the ways exports get broken (a tab in the indentation, a file cut
short at several points, Shift_JIS, EUC-JP, UTF-16 and UTF-32 with and
without a byte-order mark, an Excel workbook, an empty file), and folders
that hold more than an export (CI YAML files, a symbolic-link loop).

For each: exit status 2; the first problem the text report lists names the
real cause, at its file:line:column, in Japanese with what to do; the text
report's list of problems fits a screen; standard error has the one line
of an exit status 2, naming the same cause; and no finding is presented as
fact that the intact example does not have (in the JSON report and in every
per-facility report of --split-by facility).

    broken_test.py RURUME_AUDIT SOURCE_DIR
"""
import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

bin_, src = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(src, "tests", "report"))
import words  # noqa: E402  (the language check of tests/report/language_test.py)
example = os.path.join(src, "examples", "higashikurume")
checks = failures = 0
SCREEN = 24  # lines of problems a terminal shows at once


def check(cond, what):
    global checks, failures
    checks += 1
    if not cond:
        failures += 1
        print(f"FAIL {what}")


def run(*args):
    p = subprocess.run([bin_, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


VOCAB = words.Vocabulary(src)
DATA = words.export_data([example]) | words.policy_words(src)


def keys(report):
    return {(f["rule"], f["subject"]["id"]) for f in report["findings"]}


def intact_findings():
    status, out, _ = run("check", "--as-of", "2026-11-24", "--format", "json", example)
    assert status == 1, status
    return keys(json.loads(out))


INTACT = intact_findings()


def unwrap(block):
    """A block of the text report with its wrapped lines joined again: at a
    space, or (no space) between two non-ASCII characters."""
    out = []
    for line in block.splitlines():
        stripped = line.lstrip(" ")
        if out and len(line) - len(stripped) >= 2 and not re.match(r"\S+:[0-9]+:[0-9]+: ", stripped):
            sep = "" if out[-1] and ord(out[-1][-1]) > 0x7F and ord(stripped[0]) > 0x7F else " "
            out[-1] += sep + stripped
        else:
            out.append(line)
    return out


def problem_lines(text):
    """The text report's list of input problems: the block after the notice."""
    blocks = text.split("\n\n")
    check(blocks[0].startswith("注意: 入力エラーが"), f"the text report begins with the notice: {blocks[0][:80]!r}")
    header = " ".join(unwrap(blocks[1])) if len(blocks) > 1 else ""
    check(" の監査 (基準日 2026年11月24日(火)、エクスポート " in header,
          f"the network, the as-of date and the export time follow: {header[:80]!r}")
    return unwrap(blocks[2]) if len(blocks) > 2 else []


def case(name, make, cause, hint, inputs=None):
    """make(dir) breaks a copy of the example in dir; cause: a regex the first
    problem line must match (file:line:column and code); hint: Japanese
    words it must hold."""
    with tempfile.TemporaryDirectory() as work:
        d = os.path.join(work, "export")
        shutil.copytree(example, d)
        make(d)
        args = inputs(d) if inputs else [d]
        status, out, err = run("check", "--as-of", "2026-11-24", *args)
        check(status == 2, f"{name}: exit {status}, want 2")
        lines = problem_lines(out)
        first = lines[0] if lines else ""
        check(re.match(cause, first) is not None, f"{name}: the first problem is not the cause {cause!r}: {first[:200]!r}")
        check(hint in first, f"{name}: the first problem lacks the hint {hint!r}: {first[:200]!r}")
        check(len(lines) <= SCREEN, f"{name}: {len(lines)} lines of problems, more than a screen")
        err_lines = err.splitlines()
        check(len(err_lines) == 1 and err_lines[0].startswith("rurume-audit: 入力エラーが")
              and re.search(cause.replace("^", "最初のエラー: "), err_lines[0]) is not None,
              f"{name}: standard error is not the one line naming the cause: {err[:300]!r}")
        # No finding the intact example does not have, in any report.
        status, out, _ = run("check", "--as-of", "2026-11-24", "--format", "json", *args)
        report = json.loads(out)
        check(report["complete"] is False, f"{name}: the JSON report is not marked incomplete")
        false = keys(report) - INTACT
        check(not false, f"{name}: findings presented as fact that the intact export does not have: {sorted(false)[:5]}")
        split = os.path.join(work, "split")
        run("check", "--as-of", "2026-11-24", "--format", "json", "--split-by", "facility", "--output-dir", split, *args)
        files = sorted(os.listdir(split)) if os.path.isdir(split) else []
        check(len(files) > 1, f"{name}: no per-facility reports")
        for f in files:
            r = json.load(open(os.path.join(split, f), encoding="utf-8"))
            check(r["complete"] is False, f"{name}: {f} not marked incomplete")
            false = keys(r) - INTACT
            check(not false, f"{name}: {f} presents findings the intact export does not have: {sorted(false)[:5]}")
        # What the secretariat reads of it: Japanese throughout (English with --lang en).
        problems = words.report_problems(lambda *a: run(*a), ["--as-of", "2026-11-24", *args], VOCAB, DATA,
                                         extra=words.export_ascii([d]))
        check(not problems, f"{name}: the reports' language: {problems[:3]}")


def edit(name, fn):
    def make(d):
        path = os.path.join(d, name)
        data = open(path, "rb").read()
        open(path, "wb").write(fn(data))
    return make


def users_text(d):
    return open(os.path.join(d, "users.yaml"), encoding="utf-8").read()


def tab_at_line(data, n):
    lines = data.split(b"\n")
    assert lines[n - 1].startswith(b"    "), lines[n - 1]
    lines[n - 1] = b"\t" + lines[n - 1][4:]
    return b"\n".join(lines)


def tab_before_item(data, n):
    """Line N, a list item ("  - id: ..."), indented by a tab instead of its two spaces."""
    lines = data.split(b"\n")
    assert lines[n - 1].startswith(b"  - "), lines[n - 1]
    lines[n - 1] = b"\t" + lines[n - 1][2:]
    return b"\n".join(lines)


def cut_mid_line(data):
    at = len(data) * 3 // 5
    while data[at:at + 1] in (b"\n", b" ") or data[at - 1:at] == b"\n":
        at += 1
    return data[:at]


def cut_in_flow(data):
    at = data.index(b"{from: 2026-09-01") + 20
    return data[:at]


def encode(codec, bom=b""):
    return lambda data: bom + data.decode("utf-8").encode(codec)


def xlsx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")


def replace_by_xlsx(d):
    os.remove(os.path.join(d, "users.yaml"))
    xlsx(os.path.join(d, "users.xlsx"))


def explicit_files(d):
    return sorted(os.path.join(d, f) for f in os.listdir(d))


users = r"^\S*/users\.yaml"
case("a tab in the indentation", edit("users.yaml", lambda b: tab_at_line(b, 105)),
     users + r":105:1: エラー\[RA1001\]", "タブをスペースに置き換えて")
case("a tab before a list item", edit("users.yaml", lambda b: tab_before_item(b, 56)),
     users + r":56:1: エラー\[RA1001\]", "インデントにタブ文字が使われています")
case("cut in the middle of a line", edit("users.yaml", cut_mid_line), users + r":[0-9]+:[0-9]+: エラー\[RA10(01|12)\]",
     "途中で")
case("cut inside a flow mapping", edit("devices.yaml", cut_in_flow), r"^\S*/devices\.yaml:[0-9]+:[0-9]+: エラー\[RA1001\]",
     "閉じられていません")
case("Shift_JIS", edit("users.yaml", encode("cp932")), users + r":1:1: エラー\[RA1007\]", "Shift_JIS")
case("EUC-JP", edit("users.yaml", encode("euc_jp")), users + r":1:1: エラー\[RA1007\]", "EUC-JP")
case("UTF-16 LE with a BOM", edit("users.yaml", encode("utf-16-le", codecs.BOM_UTF16_LE)), users + r":1:1: エラー\[RA1007\]",
     "UTF-16")
case("UTF-16 BE with a BOM", edit("users.yaml", encode("utf-16-be", codecs.BOM_UTF16_BE)), users + r":1:1: エラー\[RA1007\]",
     "UTF-16")
case("UTF-16 LE without a BOM", edit("users.yaml", encode("utf-16-le")), users + r":1:1: エラー\[RA1007\]", "UTF-16")
case("UTF-16 BE without a BOM", edit("users.yaml", encode("utf-16-be")), users + r":1:1: エラー\[RA1007\]", "UTF-16")
case("UTF-32 with a BOM", edit("users.yaml", encode("utf-32-le", codecs.BOM_UTF32_LE)), users + r":1:1: エラー\[RA1007\]",
     "UTF-32")
case("UTF-32 without a BOM", edit("users.yaml", encode("utf-32-be")), users + r":1:1: エラー\[RA1007\]", "UTF-32")
case("an Excel workbook given for users", replace_by_xlsx, r"^\S*/users\.xlsx:1:1: エラー\[RA1008\]", "Excel",
     inputs=explicit_files)
case("an empty file", edit("users.yaml", lambda b: b""), users + r":1:1: エラー\[RA1008\]", "空")

def ci_files(d):
    # CI configurations beside the export, and in hidden folders (skipped).
    shutil.copy(os.path.join(src, "examples", "ci", "gitlab-ci.yml"), os.path.join(d, "gitlab-ci.yml"))
    os.makedirs(os.path.join(d, ".github", "workflows"))
    shutil.copy(os.path.join(src, "examples", "ci", "github-actions.yml"), os.path.join(d, ".github", "workflows", "ci.yml"))
    os.makedirs(os.path.join(d, ".git"))
    open(os.path.join(d, ".git", "config.yaml"), "w").write("core: {bare: false}\n")


def link_loop(d):
    os.symlink(".", os.path.join(d, "loop"))


case("a folder that holds CI YAML files", ci_files, r"^\S*/gitlab-ci\.yml:1:1: エラー\[RA1013\]", "--exclude")
case("a loop of symbolic links", link_loop, r"^\S*/loop: エラー\[RA1004\]", "循環")

# --exclude leaves the CI file out: the export is then read completely.
with tempfile.TemporaryDirectory() as work:
    d = os.path.join(work, "export")
    shutil.copytree(example, d)
    ci_files(d)
    status, out, err = run("check", "--as-of", "2026-11-24", "--format", "json", "--exclude", "*-ci.yml", d)
    r = json.loads(out)
    check(status == 1 and r["complete"] is True and r["diagnostics"] == [] and keys(r) == INTACT,
          f"--exclude: exit {status}, {r['diagnostics'][:2]}")
    # Extensions in any case are read.
    os.rename(os.path.join(d, "users.yaml"), os.path.join(d, "USERS.YAML"))
    status, out, err = run("check", "--as-of", "2026-11-24", "--format", "json", "--exclude", "*-ci.yml", d)
    check(status == 1 and keys(json.loads(out)) == INTACT, f"USERS.YAML: exit {status}, {err[:200]!r}")

# UTF-8 with a byte-order mark is read like any UTF-8 file.
with tempfile.TemporaryDirectory() as work:
    d = os.path.join(work, "export")
    shutil.copytree(example, d)
    edit("users.yaml", lambda b: codecs.BOM_UTF8 + b)(d)
    status, out, err = run("check", "--as-of", "2026-11-24", "--format", "json", d)
    check(status == 1 and json.loads(out)["complete"] is True and keys(json.loads(out)) == INTACT,
          f"UTF-8 with a BOM: exit {status}, {err[:200]!r}")

# The export's age: an as-of date before it, or an export older than
# --max-export-age days (default 2), is a warning in the reports.
def codes(*args):
    status, out, _ = run("check", "--format", "json", *args, example)
    return status, [d["code"] for d in json.loads(out)["diagnostics"]]


check(codes("--as-of", "2026-11-26") == (1, []), "an export 2 days old: no warning")
check(codes("--as-of", "2026-11-23") == (1, ["RA1090"]), f"an as-of date before the export: {codes('--as-of', '2026-11-23')}")
check(codes("--as-of", "2026-11-27") == (1, ["RA1091"]), f"an export 3 days old: {codes('--as-of', '2026-11-27')}")
check(codes("--as-of", "2026-11-27", "--max-export-age", "3") == (1, []), "--max-export-age 3")
status, out, _ = run("check", "--as-of", "2026-11-27", example)
check("警告[RA1091]: エクスポート (2026-11-24T02:00:00+09:00) が基準日 2026-11-27 の 3 日前のもの" in "\n".join(unwrap(out)),
      "the text report's warning of an old export")

print(f"{checks - failures} of {checks} checks passed")
sys.exit(1 if failures else 0)
