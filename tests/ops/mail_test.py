#!/usr/bin/env python3
"""The nightly delivery: examples/nightly/rurume-nightly.sh with
RURUME_RECIPIENTS (examples/nightly/recipients.yaml) and a fake sendmail that
keeps every message, under cron's minimal environment (no LANG, PATH
/usr/bin:/bin), over successive nights of the example export: the first
(everything new), one with a finding fixed, an unchanged one, a broken one
(a tab in users.yaml); then a sendmail that fails, one that is not there,
and --dry-run. Every message is parsed with Python's email package: its
headers decoded, its body and its HTML attachment compared with the reports
on disk, and each facility's message checked to hold only that facility's
findings.

usage: mail_test.py RURUME_AUDIT SOURCE_DIR
"""
import email
import email.policy
import email.utils
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

bin_, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
script = os.path.join(src, "examples", "nightly", "rurume-nightly.sh")
recipients = os.path.join(src, "examples", "nightly", "recipients.yaml")
example = os.path.join(src, "examples", "higashikurume")
checks = failures = 0


def check(cond, what):
    global checks, failures
    checks += 1
    if not cond:
        failures += 1
        print("FAIL " + what, flush=True)
    return cond


work = tempfile.mkdtemp()
mailbox = os.path.join(work, "mailbox")
fake = os.path.join(work, "sendmail")
with open(fake, "w") as f:
    # Keeps each message as mailbox/NNN.eml, its arguments beside it; exits $FAKE_STATUS.
    f.write('#!/bin/sh\nmkdir -p "$FAKE_MAILBOX"\nn=$(ls "$FAKE_MAILBOX" | grep -c "\\.eml$")\n'
            'f=$(printf "%s/%03d" "$FAKE_MAILBOX" $((n + 1)))\necho "$@" >"$f.args"\ncat >"$f.eml"\n'
            'exit "${FAKE_STATUS:-0}"\n')
os.chmod(fake, 0o755)
export_dir = os.path.join(work, "export")
report_dir = os.path.join(work, "reports")
shutil.copytree(example, export_dir)


def night(day, status=0, sendmail=fake, args=()):
    """Runs the script for DAY in cron's environment; its exit status, standard output and error, and the messages."""
    shutil.rmtree(mailbox, ignore_errors=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": work, "RURUME_AUDIT": bin_, "RURUME_RULES": os.path.join(src, "rules"),
           "RURUME_AS_OF": day, "RURUME_RECIPIENTS": recipients, "RURUME_SENDMAIL": sendmail,
           "RURUME_ATTESTATIONS": os.path.join(src, "examples", "attestations.yaml"),
           "FAKE_MAILBOX": mailbox, "FAKE_STATUS": str(status)}
    p = subprocess.run(["sh", script, *args, export_dir, report_dir], capture_output=True, env=env, stdin=subprocess.DEVNULL)
    messages = []
    if os.path.isdir(mailbox):
        for name in sorted(n for n in os.listdir(mailbox) if n.endswith(".eml")):
            with open(os.path.join(mailbox, name), "rb") as f:
                raw = f.read()
            with open(os.path.join(mailbox, name[:-4] + ".args")) as f:
                check(f.read().split() == ["-t", "-i"], f"{day}: sendmail is called with -t -i")
            messages.append((raw, email.message_from_bytes(raw, policy=email.policy.default)))
    return p.returncode, p.stdout.decode(), p.stderr.decode(), messages


def well_formed(day, raw, m):
    """The headers every message has, decoded as a mail reader would."""
    where = f"{day} {m['Subject']!r}"
    check(b"\r\n" in raw and all(len(line) <= 78 for line in raw.split(b"\r\n")), where + ": CRLF lines of at most 78")
    check(raw.isascii(), where + ": 7-bit (UTF-8 only inside encoded words and base64)")
    check(b"Subject: =?UTF-8?B?" in raw, where + ": the subject is RFC 2047 encoded")
    check(m["From"] == "rurume-audit@example.jp", where + ": From")
    check(m["Auto-Submitted"] == "auto-generated", where + ": Auto-Submitted")
    check(m["MIME-Version"] == "1.0", where + ": MIME-Version")
    check(re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", m["Message-ID"] or "") is not None, where + ": Message-ID")
    date = email.utils.parsedate_to_datetime(m["Date"])
    check(date.utcoffset().total_seconds() == 9 * 3600, where + ": Date in Japan time")
    body = m.get_body(("plain",))
    check(body.get_content_charset() == "utf-8", where + ": the body is UTF-8")
    return body.get_content().replace("\r\n", "\n")  # (base64 text keeps the canonical CRLF)


def attachment(m):
    parts = [p for p in m.iter_attachments()]
    return parts[0] if len(parts) == 1 else None


def facilities_of(messages):
    return {re.search(r"\] \S+ (F\d+)", m["Subject"]).group(1): (raw, m) for raw, m in messages[1:]}


def check_facility_messages(day, messages):
    """Each facility's message: its own text report and HTML only, nobody else's subjects."""
    whole = json.load(open(os.path.join(report_dir, day, "report.json"), encoding="utf-8"))
    by_facility = {}
    for f in whole["findings"]:
        by_facility.setdefault(f["facility"], set()).add(f["subject"]["id"])
    for fid, (raw, m) in facilities_of(messages).items():
        where = f"{day} {fid}"
        text = well_formed(day, raw, m)
        own = open(os.path.join(report_dir, day, "facilities", fid + ".txt"), encoding="utf-8").read()
        check(own in text, where + ": the body holds the facility's own text report")
        a = attachment(m)
        if check(a is not None, where + ": one attachment"):
            check(a.get_content_type() == "text/html", where + ": the attachment is HTML")
            check(a.get_filename() == f"るるめネット_監査_{day}_{fid}.html", where + f": its name {a.get_filename()!r}")
            html = open(os.path.join(report_dir, day, "facilities", fid + ".html"), "rb").read()
            check(a.get_payload(decode=True) == html, where + ": the HTML attachment is the facility's report, intact")
        mine = by_facility.get(fid, set())
        for other, ids in by_facility.items():
            if other == fid:
                continue
            for i in ids - mine:
                check(re.search(r"\b" + re.escape(i) + r"\b", text) is None, f"{where}: {other}'s {i} in the body")
                if a is not None:  # (the search box's example, 例: DV0048, is no finding)
                    page = re.sub(rb'placeholder="[^"]*"', b"", a.get_payload(decode=True))
                    check(re.search(rb"\b" + re.escape(i.encode()) + rb"\b", page) is None, f"{where}: {other}'s {i} in the attachment")


# The first night: everything is new.
status, out, err, messages = night("2026-11-24")
check(status == 1 and out == "", f"night 1: exit {status}, standard output {out[:200]!r} (want 1, nothing: it was mailed)")
check(len(messages) >= 2, f"night 1: {len(messages)} messages")
raw, secretariat = messages[0]
body = well_formed("2026-11-24", raw, secretariat)
check(secretariat["To"] == "jimukyoku@example.jp", "night 1: the secretariat's message goes to the secretariat")
check(secretariat["Subject"] == "[るるめネット] 2026-11-24 新規エラー 8件・新規警告 2件・期限切れ 2件・確認記録の期限切れ 2件",
      f"night 1: the subject {secretariat['Subject']!r}")
summary = open(os.path.join(report_dir, "2026-11-24", "summary.txt"), encoding="utf-8").read()
check(summary.splitlines()[0] in body and "新しい指摘:" in body, "night 1: the body is the summary, with what is new")
check("レポート: 添付の るるめネット_監査_2026-11-24.html をブラウザで開いてください" in body,
      "night 1: the body points at the attachment, not only at the server's path")
a = attachment(secretariat)
if check(a is not None, "night 1: the whole HTML report is attached"):
    check(a.get_filename() == "るるめネット_監査_2026-11-24.html", f"night 1: the attachment's name {a.get_filename()!r}")
    check(a.get_payload(decode=True) == open(os.path.join(report_dir, "2026-11-24", "report.html"), "rb").read(),
          "night 1: the attachment is report.html, intact")
# F003 has a new warning and a finding past its deadline, and no recipients: named as not delivered.
check(re.search(r"届けていない事業所.*\n(  .*\n)*  F003 ", body) is not None, "night 1: F003, without recipients, is named as not delivered")
sent = facilities_of(messages)
check(sorted(sent) == ["F001", "F002", "F008", "F011"], f"night 1: the facilities mailed {sorted(sent)}")
check(sent["F008"][1]["To"] == "mcs@kurumeno-houmon.example.jp, kanri@kurumeno-houmon.example.jp", "night 1: F008's two addresses")
check_facility_messages("2026-11-24", messages)

# The second night: one finding fixed (DV0051's screen lock set), nothing new.
path = os.path.join(export_dir, "devices.yaml")
text = open(path, encoding="utf-8").read()
at = text.index("id: DV0051")
end = text.index("screen_lock: false", at)
open(path, "w", encoding="utf-8").write(text[:end] + "screen_lock: true" + text[end + len("screen_lock: false"):])
status, out, err, messages = night("2026-11-25")
check(status == 0 and out == "", f"night 2: exit {status}, standard output {out[:200]!r}")
subject = messages[0][1]["Subject"] if messages else ""
check(subject == "[るるめネット] 2026-11-25 解消 1件 (新規なし)・期限切れ 2件・確認記録の期限切れ 2件", f"night 2: the subject {subject!r}")
sent = facilities_of(messages)
# Nothing new: only the facilities with something past its deadline (F001; F003 has no recipients), and F008 every night.
check(sorted(sent) == ["F001", "F008"], f"night 2: the facilities mailed {sorted(sent)}")
if "F008" in sent:
    check("新しいことはありません" in sent["F008"][1]["Subject"] or "期限切れ" in sent["F008"][1]["Subject"],
          "night 2: F008's subject says it has nothing new")
check_facility_messages("2026-11-25", messages)

# The third night: unchanged.
status, out, err, messages = night("2026-11-26")
subject = messages[0][1]["Subject"] if messages else ""
check(status == 0 and subject == "[るるめネット] 2026-11-26 指摘の変化なし・期限切れ 2件・確認記録の期限切れ 2件",
      f"night 3: exit {status}, the subject {subject!r}")

# The fourth night: users.yaml has a tab; the audit cannot be trusted.
path = os.path.join(export_dir, "users.yaml")
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace("\n  - id: U0005", "\n\t- id: U0005", 1))
status, out, err, messages = night("2026-11-27")
check(status == 2 and out == "", f"night 4: exit {status}, standard output {out[:200]!r}")
check(len(messages) == 1, f"night 4: {len(messages)} messages, want the secretariat's only")
if messages:
    raw, m = messages[0]
    body = well_formed("2026-11-27", raw, m)
    check(re.fullmatch(r"\[るるめネット\] 2026-11-27 監査できませんでした: 入力エラー \d+件", m["Subject"]) is not None,
          f"night 4: the subject {m['Subject']!r}")
    first = body.splitlines()[:3]
    check(any("理由:" in line for line in first), f"night 4: the cause comes first: {first}")
    check("タブ" in body, "night 4: the body says what is wrong (a tab)")
    check("事業所にはメールを送っていません" in body, "night 4: the body says no facility was mailed")
check(not os.path.exists(os.path.join(report_dir, "2026-11-27")) and os.path.isdir(os.path.join(report_dir, "2026-11-27.untrusted")),
      "night 4: kept as untrusted")
open(path, "w", encoding="utf-8").write(text)

# sendmail fails: the audit's status plus 3, why on standard error, the summary on standard output, the reports kept.
status, out, err, messages = night("2026-11-28", status=75)
audited = re.search(r"\(終了ステータス (\d)\)", out)
check(audited is not None and status == int(audited.group(1)) + 3, f"a failing sendmail: exit {status}, want the audit's + 3")
check("sendmail が終了ステータス 75 で終わりました" in err and "メールを送れませんでした" in err, f"a failing sendmail: standard error {err!r}")
check("rurume-audit 夜間監査 2026-11-28" in out, "a failing sendmail: the summary is printed (cron mails it)")
check(os.path.isfile(os.path.join(report_dir, "2026-11-28", "report.html")), "a failing sendmail: the reports stay on disk")
status, out, err, messages = night("2026-11-29", sendmail=os.path.join(work, "no-such-sendmail"))
check(status >= 3 and "no-such-sendmail" in err, f"no sendmail: exit {status}, standard error {err!r}")

# --dry-run: the messages as .eml files, nothing sent.
dry = os.path.join(work, "dry")
status, out, err, messages = night("2026-11-30", args=("--dry-run", dry))
check(status == 0 and not messages, f"--dry-run: exit {status}, {len(messages)} sent")
emls = sorted(os.listdir(dry)) if os.path.isdir(dry) else []
check(emls and emls[0] == "01-secretariat.eml" and all(n.endswith(".eml") for n in emls), f"--dry-run: {emls}")
for n in emls:
    with open(os.path.join(dry, n), "rb") as f:
        raw = f.read()
    well_formed("2026-11-30", raw, email.message_from_bytes(raw, policy=email.policy.default))

# A recipients file with mistakes: errors at their positions, nothing sent.
bad = os.path.join(work, "bad.yaml")
with open(bad, "w", encoding="utf-8") as f:
    f.write("from: 事務局 <jimukyoku@example.jp>\nsecretariat: []\nfacilities:\n  F001:\n    to: [a@example.jp]\n"
            "    send: weekly\n  F002: {}\n")
p = subprocess.run([bin_, "mail", "--recipients", bad, "--dry-run", os.path.join(work, "bad-dry"),
                    os.path.join(report_dir, "2026-11-30")], capture_output=True)
err = p.stderr.decode()
check(p.returncode == 2 and not os.path.exists(os.path.join(work, "bad-dry")), f"a bad recipients file: exit {p.returncode}")
for where in ("bad.yaml:1:7: エラー[RA3064]", "bad.yaml:2:1: エラー[RA3061]", "bad.yaml:6:11: エラー[RA3065]",
              "bad.yaml:7:9: エラー[RA3061]"):
    check(where in err, f"a bad recipients file: {where} in {err!r}")

shutil.rmtree(work, ignore_errors=True)
print(f"{checks - failures} of {checks} checks passed")
sys.exit(1 if failures else 0)
