#!/usr/bin/env python3
"""Japanese throughout, and English throughout with --lang en (issue 13).

Runs the text, HTML and JUnit reports, the nightly script's mail, the
listing commands and the --help of every command, and usage errors, through
tests/report/words.py: no ASCII word in Japanese output that is not an id, a
path, a rule id, a number, a date, an option, a glossary word or (in an input
error) the export's own key or value; no Japanese in English output but the
export's own data. Over the example, its hidden-field variants (each key the
example uses, removed from every record: the rules' not-evaluated reasons and
the loader's errors), and the broken-input fixtures of the tests. The broken
exports of tests/ops/broken_test.py go through the same check there.

Left out on purpose: explain's 「ルールの式」 block (the rule's own source, for
whoever maintains the rules) and eval's errors in an expression (CEL's
parser speaks to rule authors, in its words).

    language_test.py RURUME_AUDIT SOURCE_DIR [--self-test]
"""
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import tempfile

bin_, src = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(src, "tests", "report"))
import words  # noqa: E402

example = os.path.join(src, "examples", "higashikurume")
vocab = words.Vocabulary(src)
checks = failures = 0
AS_OF = ["--as-of", "2026-11-24"]
ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="", NO_COLOR="1")
ENV.pop("COLUMNS", None)


def check(problems, what):
    global checks, failures
    checks += 1
    if problems:
        failures += 1
        print(f"FAIL {what}: {len(problems)} problems")
        for p in problems[:12]:
            print(f"    {p}")


def run(*args, env=None):
    p = subprocess.run([bin_, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env or ENV)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# --self-test: the check finds what it is for.
if "--self-test" in sys.argv:
    bad = vocab.offenders(["機器 DV0051 の画面ロックが disabled です", "MCS ID が active のまま"])
    assert [t for t, _ in bad] == ["disabled", "active"], bad
    assert not vocab.offenders(["examples/higashikurume/devices.yaml:463:5: エラー [N1.7-forbidden-apps] 機器 DV0026 (F006)",
                                "bad.yaml:6:71: エラー[RA1020]: device.remote_wipe は true か false でなければなりません",
                                "2026-11-24T02:00:00+09:00 --as-of YYYY-MM-DD の MCS ID",
                                "アプリがあります: 「Winny」", 'エラー[RA1032]: device.facility が参照する facility "F0O1" はありません'])
    assert vocab.offenders(["エラー: device.remote_wipe がありません"]), "a field name outside an input error"
    assert words.japanese_offenders(["device DV0026 has 機器"], {"テスト診療所"})
    assert not words.japanese_offenders(["facility F001 (テスト診療所)"], {"テスト診療所"})
    print("self-test passed")

# ------------------------------------------------------------ the reports
data = words.export_data([example, os.path.join(src, "tests"), os.path.join(src, "examples", "attestations.yaml")]) \
    | words.policy_words(src)


def reports(what, *args, formats=("text", "html", "junit")):
    extra = words.export_ascii([a for a in args if os.path.exists(a)])
    check(words.report_problems(run, [*AS_OF, *args], vocab, data, formats, extra), what)


reports("the example", example)
reports("the example, with personal information shown", "--show-personal-info", example)
reports("the example, verbose", "--verbose", example, formats=("text",))
reports("the example, the CI hosts' formats", example, formats=("github", "gitlab"))
attestations = os.path.join(src, "examples", "attestations.yaml")
reports("the example, attested", "--attestations", attestations, example,
        formats=("text", "html", "junit", "github", "gitlab"))
reports("the example, attested, one facility", "--attestations", attestations, "--facility", "F012", example)

with tempfile.TemporaryDirectory() as work:
    # Per-facility reports.
    for lang in ("ja", "en"):
        out_dir = os.path.join(work, "split-" + lang)
        run("check", *AS_OF, "--lang", lang, "--format", "text", "--format", "html", "--split-by", "facility",
            "--output-dir", out_dir, example)
        problems = []
        for name in sorted(os.listdir(out_dir)):
            with open(os.path.join(out_dir, name), encoding="utf-8") as f:
                body = f.read()
            chunks = words.CHUNKERS["html" if name.endswith(".html") else "text"](body)
            if lang == "ja":
                problems += [f"{name}: {t!r} in {c[:160]!r}" for t, c in vocab.offenders(chunks)]
            else:
                problems += [f"{name}: Japanese in {c[:160]!r}" for c in words.japanese_offenders(chunks, data)]
        check(problems, f"the per-facility reports ({lang})")

    # Hidden-field variants: each scalar key the example uses, removed from
    # every record of every file.
    key_line = re.compile(r"^(\s*(?:- )?)([a-z_]+): *([^\s#].*)?$")
    keys = set()
    for name in sorted(os.listdir(example)):
        with open(os.path.join(example, name), encoding="utf-8") as f:
            for line in f:
                m = key_line.match(line)
                if m and m.group(3) and m.group(2) != "id":
                    keys.add(m.group(2))
    for key in sorted(keys):
        d = os.path.join(work, "hidden-" + key)
        shutil.copytree(example, d)
        removed = 0
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            with open(path, encoding="utf-8") as f:
                lines = f.readlines()
            kept = []
            for line in lines:
                m = key_line.match(line)
                if m and m.group(2) == key and m.group(3):
                    removed += 1
                    continue
                kept.append(line)
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(kept)
        # A list item's first key is its id, never removed: items stay apart.
        reports(f"the example without {key!r} ({removed} removed)", d)

# The broken-input fixtures of the tests.
for fixture in (["tests/html/bad"], ["tests/report/fixtures/bad", "tests/report/fixtures/export"],
                ["tests/ops/fixtures/unterminated-quote"], ["tests/load/fixtures/out-of-range.yaml"],
                ["tests/load/fixtures/issue10"], ["tests/report/fixtures/controls"]):
    paths = [os.path.join(src, p) for p in fixture]
    if all(os.path.exists(p) for p in paths):
        reports("the fixture " + " ".join(fixture), *paths)
    else:
        check([f"{fixture} is missing"], "the fixture " + " ".join(fixture))
reports("a configuration with a value out of range", "--config", os.path.join(src, "tests/cli/fixtures/overflow-config.yaml"),
        example, formats=("text",))
reports("a file that does not exist", os.path.join(src, "no-such-export.yaml"), formats=("text",))

# ------------------------------------------------------------ the commands
COMMANDS = sorted(vocab.commands - {"help"})


def output(what, argv, lang, extra=()):
    """A command's standard output and error, checked in LANG; EXTRA: words
    the reader types as they are (an attestations file's keys)."""
    env = dict(ENV, LANG="en_US.UTF-8") if lang == "en" else ENV
    _, out, err = run(*argv, env=env)
    # explain's last block is the rule's source, for whoever maintains the rules.
    out = re.split(r"^(?:ルールの式|The rule's expressions) \(.*$", out, maxsplit=1, flags=re.M)[0]
    # A YAML file's comments (clauses --template), their wrapped lines joined as one text.
    out = re.sub(r"(\S)\n *# (?![-a-z_]+:|-{10})(\S)",
                 lambda m: m.group(1) + ("" if ord(m.group(1)) > 0x7f and ord(m.group(2)) > 0x7f else " ") + m.group(2), out)
    chunks = words.text_chunks(out) + words.text_chunks(err)
    if lang == "ja":
        # A usage error repeats what was typed (--format pdf: pdf).
        typed = {t for a in argv for t in words.TOKEN.findall(a)} | set(extra)
        check([f"{t!r} in {c[:160]!r}" for t, c in vocab.offenders(chunks, help_text="--help" in argv, extra=typed)],
              what)
    else:
        check([f"Japanese in {c[:160]!r}" for c in words.japanese_offenders(chunks, data)], what + " (English)")


test_work = tempfile.TemporaryDirectory()
broken_rules = os.path.join(test_work.name, "rules")
shutil.copytree(os.path.join(src, "rules"), broken_rules)
for rule, old, new in (("N1.4-screen-lock", "require: device.screen_lock\n", "require: device.screen_lock || true\n"),
                       ("N1.6-security-updates", "when: ", "when: true || "),
                       ("A10-loss-procedure-confirmed", "has(facility.loss_procedure_confirmed_on)\n  && ", ""),
                       ("N1.10-remote-control", "\nmessage:\n  ja: \"", "\nmessage:\n  ja: \"{{device.takeouts[3].purpose}}")):
    path = os.path.join(broken_rules, rule + ".yaml")
    with open(path, encoding="utf-8") as f:
        body = f.read()
    assert old in body, (rule, old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(body.replace(old, new, 1))
broken_fixtures = os.path.join(test_work.name, "fixtures")
shutil.copytree(os.path.join(src, "tests", "rules"), broken_fixtures, ignore=shutil.ignore_patterns("*.cc", "*.sh"))
shutil.rmtree(os.path.join(broken_fixtures, "N1.4-screen-lock"))
os.remove(os.path.join(broken_fixtures, "N1.6-security-updates", "passes.yaml"))
os.makedirs(os.path.join(broken_fixtures, "Z9-no-such-rule"))
with open(os.path.join(broken_fixtures, "A5-facility-mcs-admin", "mistakes.yaml"), "w", encoding="utf-8") as f:
    f.write('# param: procedure_review_days\n# expect: F001 "unterminated\n# expect:\nformat: rurume-export/1\n')
with open(os.path.join(broken_fixtures, "A5-facility-mcs-admin", "param.yaml"), "w", encoding="utf-8") as f:
    f.write('# as-of: 2026-13-01\n# as-of: 2026-11-24\n# param: no_such_param=1\nformat: rurume-export/1\n')

for lang in ("ja", "en"):
    lang_args = ["--lang", "en"] if lang == "en" else []
    output("--help", ["--help"], lang)
    for c in COMMANDS:
        output(f"{c} --help", [c, "--help"], lang)
    output("rules", ["rules", *lang_args], lang)
    output("clauses", ["clauses", *lang_args], lang)
    output("calendar 2026", ["calendar", "2026", *lang_args], lang)
    for rule in sorted(vocab.rule_ids):
        output(f"explain {rule}", ["explain", rule, *lang_args], lang)
    output("explain N1.10", ["explain", "N1.10", *lang_args], lang)
    output("explain N1.8", ["explain", "N1.8", *lang_args], lang)
    # The attestations template: the file's keys and roles are what the reader writes.
    output("clauses --template", ["clauses", "--template", "--as-of", "2026-11-24", example, *lang_args], lang,
           extra=vocab.attestation_words | {"attestations", "mcs_admin", "secretariat", "YYYY-MM-DD"})
    # Every error and warning of an attestations file, and of a waivers file.
    for kind in ("attestations/invalid", "attestations/unknown", "attestations/export", "waivers/invalid", "waivers/unknown"):
        folder = os.path.join(src, "tests", "ops", *kind.split("/"))
        option = "--" + kind.split("/")[0]
        for name in sorted(os.listdir(folder)):
            # An error may quote what the file says ("last week" is not a date).
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                written = set(words.TOKEN.findall(f.read()))
            output(f"check {option} {kind}/{name}",
                   ["check", *AS_OF, "--rules", os.path.join(src, "rules"),
                    option, os.path.join(folder, name), os.path.join(src, "tests", "report", "fixtures", "export"),
                    *lang_args], lang, extra=written)
    output("validate", ["validate", *lang_args, example], lang)
    # test: the shipped rules (every one passes), a copy with rules broken in
    # several ways (each kind of difference), a fixture directory with a rule
    # without fixtures and a directory naming no rule.
    output("test", ["test", *lang_args], lang)
    output("test, rules broken", ["test", "--rules", broken_rules, os.path.join(src, "tests", "rules"), *lang_args], lang)
    output("test, fixtures broken", ["test", broken_fixtures, *lang_args], lang)
    # Usage errors, in the words of the command-line parser.
    for argv in (["check", "--no-such-option", example], ["check", "--as-of", "2026-13-01", example],
                 ["check"], ["calendar", "2026-12"], ["calendar", "1900"], ["no-such-command"],
                 ["check", "--format", "pdf", example], ["explain", "A99-no-such-rule"],
                 ["check", "--fail-on", "sometimes", example], ["eval", "1", "--data", os.path.join(src, "no-such-export")],
                 ["check", "--rules", os.path.join(src, "no-such-rules"), example],
                 ["test", os.path.join(src, "no-such-fixtures")], ["test", "--rules", broken_rules]):
        output(" ".join(os.path.basename(a) for a in argv), [*argv, *lang_args], lang)

# ------------------------------------------------------------ the nightly mail
script = os.path.join(src, "examples", "nightly", "rurume-nightly.sh")
with tempfile.TemporaryDirectory() as work:
    for lang in ("ja", "en"):
        # Its usage error, and a setting it refuses.
        for argv, env in (([], {}), ([example, os.path.join(work, "refused")], {"RURUME_FAIL_ON": "sometimes"})):
            p = subprocess.run(["sh", script, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=dict(ENV, RURUME_LANG=lang, RURUME_AUDIT=bin_, **env), stdin=subprocess.DEVNULL)
            chunks = words.text_chunks(p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace"))
            typed = {"EXPORT_DIR", "REPORT_DIR", "DIR", "RURUME_FAIL_ON", "sometimes", "error", "warning", "note", "never"}
            if lang == "ja":
                problems = [f"{t!r} in {c[:160]!r}" for t, c in vocab.offenders(chunks, extra=typed)]
            else:
                problems = [f"Japanese in {c[:160]!r}" for c in words.japanese_offenders(chunks, data)]
            check(problems + ([] if p.returncode == 2 and chunks else [f"exit {p.returncode}, output {chunks}"]),
                  f"the nightly script's refusal {sorted(env.items())} ({lang})")
        export_dir = os.path.join(work, "export-" + lang)
        report_dir = os.path.join(work, "reports-" + lang)
        shutil.copytree(example, export_dir)
        nights = []
        for day, change in (("2026-11-24", None), ("2026-11-25", ("devices.yaml", "screen_lock: false", "screen_lock: true")),
                            ("2026-11-26", ("users.yaml", "\n", "\n\tbroken: [\n"))):
            if change:
                path = os.path.join(export_dir, change[0])
                with open(path, encoding="utf-8") as f:
                    body = f.read()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(body.replace(change[1], change[2], 1))
            env = dict(ENV, RURUME_AUDIT=bin_, RURUME_RULES=os.path.join(src, "rules"), RURUME_AS_OF=day,
                       RURUME_LANG=lang)
            if day == "2026-11-24":
                env["RURUME_ATTESTATIONS"] = os.path.join(src, "examples", "attestations.yaml")
            p = subprocess.run(["sh", script, export_dir, report_dir], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, stdin=subprocess.DEVNULL)
            mail = p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")
            chunks = words.text_chunks(mail)
            if lang == "ja":
                problems = [f"{t!r} in {c[:160]!r}" for t, c in vocab.offenders(chunks)]
            else:
                problems = [f"Japanese in {c[:160]!r}" for c in words.japanese_offenders(chunks, data)]
            check(problems, f"the nightly mail of {day} ({lang}, exit {p.returncode})")
            nights.append(p.returncode)
        check([] if nights == [1, 0, 2] else [f"exit statuses {nights}, want [1, 0, 2]"], f"the nights ran ({lang})")
        # The mail of those nights (rurume-audit mail --dry-run): every subject, body and attachment name.
        for night_dir in sorted(os.listdir(report_dir)):
            if not night_dir.startswith("2026-"):
                continue
            eml_dir = os.path.join(work, f"eml-{lang}-{night_dir}")
            run("mail", "--lang", lang, "--recipients", os.path.join(src, "examples", "nightly", "recipients.yaml"),
                "--dry-run", eml_dir, os.path.join(report_dir, night_dir))
            problems = []
            for name in sorted(os.listdir(eml_dir)) if os.path.isdir(eml_dir) else []:
                with open(os.path.join(eml_dir, name), "rb") as f:
                    m = email.message_from_binary_file(f, policy=email.policy.default)
                texts = [m["Subject"], m.get_body(("plain",)).get_content()] + [a.get_filename() for a in m.iter_attachments()]
                # A facility's message holds its text report, checked above: only the lines the mail adds.
                chunks = [c for t in texts for c in words.text_chunks(t.replace("\r\n", "\n"))]
                # The recipients file's own words: its addresses, and the key the reader adds a facility under.
                with open(os.path.join(src, "examples", "nightly", "recipients.yaml"), encoding="utf-8") as f:
                    typed = {t.rstrip(":") for t in words.TOKEN.findall(f.read())}
                if lang == "ja":
                    problems += [f"{name}: {t!r} in {c[:160]!r}" for t, c in vocab.offenders(chunks, extra=typed)]
                else:
                    problems += [f"{name}: Japanese in {c[:160]!r}" for c in words.japanese_offenders(chunks, data)]
            check(problems if os.path.isdir(eml_dir) else [f"no messages in {eml_dir}"], f"the mail of {night_dir} ({lang})")

print(f"{checks - failures} of {checks} checks passed")
sys.exit(1 if failures else 0)
