#!/usr/bin/env python3
"""The CI snippets of examples/ci/ (issue 15): what GitHub and GitLab need of
them, and their reports as the program writes them.

GitHub (github-actions.yml): the permissions upload-sarif needs in a private
repository (actions: read, contents: read, security-events: write),
github/codeql-action/upload-sarif@v4, and, where code scanning is
unavailable, a step that prints the --format github annotations. GitLab
(gitlab-ci.yml): artifacts:reports:codequality gl-code-quality.json
(--format gitlab) and artifacts:reports:junit audit.xml (--format junit).
Both: every --format they use is one the program lists, and their
--format/--output pairs, run on the bundled example, write every report the
snippet publishes.

    ci_snippets_test.py RURUME_AUDIT SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

bin_, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what)


def load(name):
    with open(os.path.join(src, "examples", "ci", name), encoding="utf-8") as f:
        text = f.read()
    return text, yaml.safe_load(text)


help_text = subprocess.run([bin_, "check", "--help"], stdout=subprocess.PIPE, check=True).stdout.decode()
formats = set(re.search(r"--format FORMAT:\{([^}]*)\}", help_text).group(1).split(","))


def pairs(text):
    """The --format NAME -o FILE pairs of a snippet's audit command."""
    return re.findall(r"--format ([a-z]+) -o ([A-Za-z0-9_./-]+)", text)


def run_pairs(name, found):
    """Runs the snippet's reports on the example; returns the files' contents by format."""
    with tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(work, "reports"))
        args = [bin_, "check", "--as-of", "2026-11-24", "--fail-on", "never",
                "--rules", os.path.join(src, "rules")]
        for fmt, out in found:
            args += ["--format", fmt, "-o", out]
        p = subprocess.run(args + [os.path.join(src, "examples", "higashikurume")], cwd=work,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(p.returncode == 0, f"{name}: the snippet's reports: exit {p.returncode}: {p.stderr.decode()[:300]}")
        got = {}
        for fmt, out in found:
            path = os.path.join(work, out)
            check(os.path.isfile(path) and os.path.getsize(path) > 0, f"{name}: {out} ({fmt}) not written")
            if os.path.isfile(path):
                got[fmt] = open(path, encoding="utf-8").read()
        return got


# ------------------------------------------------------------ GitHub Actions
text, doc = load("github-actions.yml")
check(doc.get("permissions") == {"actions": "read", "contents": "read", "security-events": "write"},
      f"github: permissions {doc.get('permissions')}")
steps = doc["jobs"]["audit"]["steps"]
uses = [s.get("uses", "") for s in steps]
check("github/codeql-action/upload-sarif@v4" in uses, f"github: upload-sarif@v4 not used: {uses}")
check(not re.search(r"codeql-action/[a-z-]+@v[123]\b", text), "github: an old codeql-action")
upload = next((s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")), {})
annotate = [s for s in steps if "--format github" in s.get("run", "") or
            re.search(r"\bcat reports/rurume-annotations\.txt\b", s.get("run", ""))]
audit = next((s for s in steps if "rurume-audit check" in s.get("run", "")), {})
found = pairs(audit.get("run", ""))
check(("github", "reports/rurume-annotations.txt") in found, f"github: no --format github report: {found}")
printer = [s for s in annotate if s is not audit]
check(len(printer) == 1, "github: no one step that prints the annotations")
if printer:
    # Opposite conditions: annotations exactly when the SARIF upload does not run.
    check("env.CODE_SCANNING != 'true'" in printer[0].get("if", ""), f"github: the annotations' condition {printer[0].get('if')}")
    check("env.CODE_SCANNING == 'true'" in upload.get("if", ""), f"github: the upload's condition {upload.get('if')}")
check("CODE_SCANNING" in doc.get("env", {}), "github: no CODE_SCANNING in env")
for fmt in re.findall(r"--format ([a-z]+)", text):
    check(fmt in formats, f"github: --format {fmt} is not one the program lists")
got = run_pairs("github", found)
if "github" in got:
    lines = got["github"].splitlines()
    check(any(line.startswith("::error file=") for line in lines), "github: no ::error annotation for the example")
    check(lines and lines[-1].startswith("rurume-audit: "), "github: no summary line last")

# ------------------------------------------------------------ GitLab CI
text, doc = load("gitlab-ci.yml")
job = doc["rurume-audit"]
reports = job["artifacts"]["reports"]
check(reports.get("codequality") == "gl-code-quality.json", f"gitlab: reports:codequality {reports.get('codequality')}")
check(reports.get("junit") == "audit.xml", f"gitlab: reports:junit {reports.get('junit')}")
check(job["artifacts"].get("when") == "always", "gitlab: artifacts of a failing audit are kept")
script = "\n".join(job["script"])
found = pairs(script)
check(("gitlab", "gl-code-quality.json") in found, f"gitlab: no --format gitlab -o gl-code-quality.json: {found}")
check(("junit", "audit.xml") in found, f"gitlab: no --format junit -o audit.xml: {found}")
for fmt in re.findall(r"--format ([a-z]+)", text):
    check(fmt in formats, f"gitlab: --format {fmt} is not one the program lists")
got = run_pairs("gitlab", found)
if "gitlab" in got:
    issues = json.loads(got["gitlab"])
    check(isinstance(issues, list) and issues and all("fingerprint" in i for i in issues),
          "gitlab: gl-code-quality.json is not an array of issues")
if "junit" in got:
    check("<testsuites" in got["junit"], "gitlab: audit.xml is not JUnit")

print(f"{checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
