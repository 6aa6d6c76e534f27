#!/usr/bin/python3
"""Tests of the HTML report (--format html).

  html_test.py static  BIN SOURCE_DIR OUT_DIR
  html_test.py browser BIN SOURCE_DIR OUT_DIR TRIAGE_PAGE_BIN

static: every report parses as HTML5 without a parse error (python3-html5lib,
strict), is self-contained (one inline style and one inline script whose
SHA-256 the Content Security Policy names, nothing fetched, no link out of the
page), has unique ids and no reference to a missing one, agrees with the JSON
report of the same run finding by finding (clause, rule, severity, subject,
location, message) and in its counts, escapes what HTML must, shows no
personal information unless --show-personal-info (then with the notice at the
top), and is the same bytes on a second run.

browser: Debian's chromium (/usr/bin/chromium; the test fails without it)
opens each report headless and dumps the DOM after the page's script ran: the
counts the script writes on <body> equal the JSON report's, the console shows
the page's "ready" line and nothing else (no uncaught error, no CSP
violation), and views given in the address's fragment (#sort=...&q=...&
clause=...&severity=...&facility=...) order and hide the rows as they should.
Screenshots go to OUT_DIR (checked to be PNGs of the size asked, not blank).

Prints 'N passed, N failed' and exits non-zero on a failure.
"""

import base64
import collections
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import urllib.parse
import zlib

PASSED = 0
FAILED = 0


def ok():
    global PASSED
    PASSED += 1


def fail(what):
    global FAILED
    FAILED += 1
    print("FAIL: " + what, flush=True)


def check(cond, what):
    if cond:
        ok()
    else:
        fail(what)
    return cond


def finish():
    print("%d passed, %d failed" % (PASSED, FAILED))
    sys.exit(1 if FAILED else 0)


try:
    import html5lib
except ImportError:
    fail("python3-html5lib is not installed (apt-get install python3-html5lib)")
    finish()

NS = "{http://www.w3.org/1999/xhtml}"


def tag(el):
    t = el.tag if isinstance(el.tag, str) else ""
    return t.split("}", 1)[1] if t.startswith("{") else t


def text(el):
    return "".join(el.itertext())


def parse(html, strict=False):
    parser = html5lib.HTMLParser(strict=strict, namespaceHTMLElements=True)
    return parser.parse(html)


def find_id(root, ident):
    for el in root.iter():
        if el.get("id") == ident:
            return el
    return None


def norm(s):
    return unicodedata.normalize("NFKC", s).lower()


# ------------------------------------------------------------------ runs

class Env:
    def __init__(self, bin_, src, out):
        self.bin = bin_
        self.src = src
        self.out = out
        self.work = tempfile.mkdtemp(prefix="rurume-html-")
        self.rules = os.path.join(self.work, "rules")
        os.makedirs(self.rules)
        shutil.copy(os.path.join(src, "rules", "clauses.yaml"), self.rules)
        rules_src = os.path.join(src, "tests", "html", "rules")
        for name in sorted(os.listdir(rules_src)):
            if name.endswith(".yaml"):
                shutil.copy(os.path.join(rules_src, name), self.rules)
        os.makedirs(out, exist_ok=True)

    def baseline(self):
        """A baseline for tests/html/fixture: its JSON report as of
        2026-11-17, without DV2's finding (new now) and with one on DV0
        (fixed now)."""
        path = os.path.join(self.work, "baseline <1>.json")
        if os.path.exists(path):
            return path
        text = self.run("baseline-source", ["check", "--as-of", "2026-11-24", "--rules", self.rules,
                                            "tests/html/fixture"], "json")
        j = json.loads(text or "{}")
        findings = [f for f in j.get("findings", []) if f["subject"]["id"] != "DV2"]
        old = json.loads(json.dumps(next(f for f in findings if f["subject"]["id"] == "DV1")))
        old["subject"]["id"] = "DV0"
        old["message"] = old["message"].replace("DV1", "DV0")
        old["fingerprint"] = hashlib.sha256(b"".join(
            part.encode() + b"\0" for part in ("rurume/v1", old["rule"], "device", "DV0"))).hexdigest()
        j["findings"] = findings + [old]
        j["as_of"] = "2026-11-17"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(j, f, ensure_ascii=False, indent=2)
        return path

    def run(self, name, args, fmt):
        """Runs the program from the source dir (relative paths in reports);
        returns the report's text, or None."""
        path = os.path.join(self.work, name + "." + fmt)
        cmd = [self.bin] + args + ["--fail-on", "never"] if args[0] == "check" else [self.bin] + args
        cmd += ["--format", fmt, "-o", path]
        p = subprocess.run(cmd, cwd=self.src, capture_output=True, timeout=120)
        if p.returncode > 2 or not os.path.exists(path):
            fail("%s: %s exited %d: %s" % (name, " ".join(cmd), p.returncode, p.stderr.decode(errors="replace")[:500]))
            return None
        with open(path, encoding="utf-8") as f:
            return f.read()


EXAMPLE = ["check", "--as-of", "2026-11-24", "examples/higashikurume"]


def network_of(name):
    """The network's name in a case's title."""
    return "" if name == "validate" else "るるめネット" if name.startswith("higashikurume") else 'るるめネット <テスト> & "HTML"'



def cases(env):
    """name -> (args, lang): the reports under test."""
    fixture = ["check", "--as-of", "2026-11-24", "--rules", env.rules, "tests/html/fixture"]
    triage = fixture + ["--waivers", "tests/html/waivers.yaml", "--baseline", env.baseline()]
    return {
        "triage": (triage, "ja"),
        "triage-en": (triage + ["--lang", "en"], "en"),
        "triage-F001": (triage + ["--facility", "F001"], "ja"),
        "higashikurume": (EXAMPLE, "ja"),
        "higashikurume-en": (EXAMPLE + ["--lang", "en"], "en"),
        "higashikurume-F011": (EXAMPLE + ["--facility", "F011"], "ja"),
        "higashikurume-attested": (EXAMPLE + ["--attestations", "examples/attestations.yaml"], "ja"),
        "higashikurume-attested-F012": (EXAMPLE + ["--attestations", "examples/attestations.yaml", "--facility", "F012"], "ja"),
        "specials": (fixture, "ja"),
        "specials-en": (fixture + ["--lang", "en"], "en"),
        "specials-personal": (fixture + ["--show-personal-info"], "ja"),
        "with-input-errors": (fixture + ["tests/html/bad"], "ja"),
        "validate": (["validate", "tests/html/fixture", "tests/html/bad"], "ja"),
    }


# ------------------------------------------------------------------ static

def finding_rows(root):
    table = find_id(root, "findings-table")
    if table is None:
        return []
    return [tr for tr in table.iter(NS + "tr") if tr.get("data-fingerprint")]


def section_rows(root, ident):
    table = find_id(root, ident)
    if table is None:
        return []
    body = table.find(NS + "tbody")
    return list(body.findall(NS + "tr")) if body is not None else []


def cell_text_without_details(td):
    """A cell's own text: the message, without a folded <details> or the
    paragraphs of what to do and how it is recorded after it."""
    parts = [td.text or ""]
    for child in td:
        if tag(child) not in ("details", "p"):
            parts.append(text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def static_checks(name, html, report, lang):
    # HTML5 without a parse error.
    try:
        root = parse(html, strict=True)
        ok()
    except Exception as e:  # html5lib.html5parser.ParseError
        fail("%s: HTML parse error: %s" % (name, e))
        root = parse(html)
    check(html.startswith("<!DOCTYPE html>\n"), name + ": starts with the doctype")
    check(root.get("lang") == lang, "%s: <html lang> is %r, want %r" % (name, root.get("lang"), lang))

    # Self-contained: one inline style, one inline script, both named by the CSP.
    scripts = list(root.iter(NS + "script"))
    styles = list(root.iter(NS + "style"))
    check(len(scripts) == 1 and not scripts[0].get("src"), name + ": exactly one inline <script>")
    check(len(styles) == 1, name + ": exactly one <style>")
    metas = [m for m in root.iter(NS + "meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    if check(len(metas) == 1, name + ": a Content-Security-Policy <meta>"):
        csp = metas[0].get("content")
        check("default-src 'none'" in csp, name + ": CSP default-src 'none'")
        for kind, el in (("style", styles[0] if styles else None), ("script", scripts[0] if scripts else None)):
            if el is None:
                continue
            digest = base64.b64encode(hashlib.sha256((el.text or "").encode()).digest()).decode()
            check("%s-src 'sha256-%s'" % (kind, digest) in csp, "%s: CSP names the %s's SHA-256" % (name, kind))
    for el in root.iter():
        t = tag(el)
        if t in ("link", "img", "iframe", "object", "embed", "image", "use", "base", "form"):
            fail("%s: a <%s> element" % (name, t))
        if el.get("src") is not None or el.get("srcset") is not None:
            fail("%s: <%s> loads %s" % (name, t, el.get("src") or el.get("srcset")))
        if el.get("style") is not None:
            fail("%s: <%s> has a style attribute (the CSP blocks it)" % (name, t))
        href = el.get("href") or el.get("{http://www.w3.org/1999/xlink}href")
        if href is not None and not href.startswith("#"):
            fail("%s: a link out of the page: %s" % (name, href))
    css = styles[0].text if styles else ""
    check("url(" not in css and "@import" not in css and "@font-face" not in css, name + ": the CSS fetches nothing")
    check(not re.search(r"https?:", html), name + ": no http(s) address anywhere")
    check("fetch(" not in (scripts[0].text if scripts else "") and "XMLHttpRequest" not in html, name + ": no requests")

    # Ids unique; references resolve.
    ids = [el.get("id") for el in root.iter() if el.get("id") is not None]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    check(not dupes, "%s: duplicate ids %s" % (name, dupes))
    idset = set(ids)
    for el in root.iter():
        for attr in ("aria-labelledby", "aria-describedby", "for"):
            for ref in (el.get(attr) or "").split():
                check(ref in idset, "%s: %s=%r names no element" % (name, attr, ref))
        href = el.get("href")
        if href and href.startswith("#") and "=" not in href and len(href) > 1:
            check(href[1:] in idset, "%s: href=%r names no element" % (name, href))
    for svg in root.iter("{http://www.w3.org/2000/svg}svg"):
        check(svg.get("aria-labelledby") in idset, name + ": a chart without its label")
        for a in svg.iter("{http://www.w3.org/2000/svg}a"):
            check(bool(a.get("aria-label")), name + ": a bar without an accessible label")

    # The title names the network and the date.
    title = text(root.find(NS + "head").find(NS + "title"))
    network = (report.get("_network") or "")
    check(network in title, "%s: the title %r lacks the network %r" % (name, title, network))
    if report.get("as_of"):
        check(report["as_of"] in title, "%s: the title lacks the as-of date" % name)
    header = root.find(NS + "body").find(NS + "header")
    for inp in report["inputs"]:
        check(inp["path"] in text(header) and inp["sha256"] in text(header), "%s: the header lacks input %s" % (name, inp["path"]))

    # Counts: the summary's cards and the tables' rows, against the JSON report.
    s = report["summary"]
    want = {"input-error": s["diagnostics"]["error"], "input-warning": s["diagnostics"]["warning"]}
    if report["command"] == "check":
        want.update({"error": s["findings"]["error"], "warning": s["findings"]["warning"],
                     "note": s["findings"]["note"], "not-evaluated": s["not_evaluated"]})
    for key, n in want.items():
        el = find_id(root, "count-" + key)
        check(el is not None and text(el) == str(n), "%s: count-%s is %s, want %d" % (
            name, key, None if el is None else text(el), n))
    rows = finding_rows(root)
    check(len(rows) == s["findings"]["total"], "%s: %d finding rows, want %d" % (name, len(rows), s["findings"]["total"]))
    check(len(section_rows(root, "not-evaluated-table")) == s["not_evaluated"], name + ": not-evaluated rows")
    check(len(section_rows(root, "diagnostics-table")) == len(report["diagnostics"]), name + ": diagnostics rows")
    for tr, d in zip(section_rows(root, "diagnostics-table"), report["diagnostics"]):
        cells = tr.findall(NS + "td")
        check(text(cells[3]) == d["message"], "%s: diagnostic %r, want %r" % (name, text(cells[3]), d["message"]))

    # Every finding as the JSON report has it.
    by_fp = {f["fingerprint"]: f for f in report["findings"]}
    check(len({tr.get("data-fingerprint") for tr in rows}) == len(rows), name + ": one row per finding")
    heads = []
    table = find_id(root, "findings-table")
    if table is not None:
        heads = [th.get("data-col") for th in table.find(NS + "thead").iter(NS + "th")]
    for tr in rows:
        f = by_fp.get(tr.get("data-fingerprint"))
        if not check(f is not None, "%s: a row no JSON finding has" % name):
            continue
        cells = dict(zip(heads, tr.findall(NS + "td")))
        where = "%s %s" % (name, f["rule"])
        check(tr.get("data-severity") == f["severity"], where + ": severity")
        check(tr.get("data-clause") == f["clause"] and text(cells["clause"]).startswith(f["clause"]), where + ": clause")
        check(text(cells["rule"]) == f["rule"], where + ": rule")
        check(f["subject"]["id"] in text(cells["subject"]), where + ": subject")
        loc = f["location"]
        check(text(cells["location"]) == "%s:%d:%d" % (loc["file"], loc["line"], loc["column"]),
              "%s: location %r" % (where, text(cells["location"])))
        check(cell_text_without_details(cells["message"]) == f["message"],
              "%s: message %r, want %r" % (where, cell_text_without_details(cells["message"]), f["message"]))
        check((tr.get("data-change") == "new") == (f.get("change") == "new"), where + ": the new mark")
        check((tr.get("data-waived") == "1") == ("waived" in f), where + ": the waived mark")
        if "waived" in f:
            check(f["waived"]["justification"] in text(cells["status"]), where + ": the waiver's justification")

    # Waivers and the baseline.
    args = report.get("_args", [])
    triaged = "--waivers" in args or "--baseline" in args
    check(("status" in heads) == bool(triaged), "%s: a status column just when triaged" % name)
    if "fixed" in report:
        new = sum(1 for f in report["findings"] if f.get("change") == "new")
        for key, n in (("new", new), ("fixed", len(report["fixed"]))):
            el = find_id(root, "count-" + key)
            check(el is not None and text(el) == str(n), "%s: count-%s, want %d" % (name, key, n))
        rows = section_rows(root, "fixed-table")
        check(len(rows) == len(report["fixed"]), "%s: %d fixed rows, want %d" % (name, len(rows), len(report["fixed"])))
        for tr, f in zip(rows, report["fixed"]):
            check(tr.get("data-fingerprint") == f["fingerprint"] and text(tr.findall(NS + "td")[-1]) == f["message"],
                  "%s: the fixed finding %s" % (name, f["subject"]["id"]))
        summary = text(find_id(root, "summary"))
        check(summary.find(text(find_id(root, "count-new"))) >= 0 and
              html.find('id="count-new"') < html.find('id="count-error"'), name + ": new and fixed come first")
    if "--waivers" in args:
        el = find_id(root, "count-waived")
        check(el is not None and text(el) == str(s["findings"]["waived"]), name + ": count-waived")
        check(len(section_rows(root, "waivers-table")) == 3, name + ": the three waivers are listed")
    # The manual clauses: a row per entry of the JSON report, in its order, with its state and attestation.
    if "manual_clauses" in report:
        entries = report["manual_clauses"]["entries"]
        rows = section_rows(root, "manual-table")
        check(len(rows) == len(entries), "%s: %d manual rows, want %d" % (name, len(rows), len(entries)))
        for tr, e in zip(rows, entries):
            where = "%s: manual %s %s" % (name, e["clause"], e["facility"])
            check(tr.get("data-clause") == e["clause"] and tr.get("data-facility") == (e["facility"] or "")
                  and tr.get("data-state") == e["state"], where + ": clause, facility and state")
            cells = tr.findall(NS + "td")
            a = e["attestation"]
            check(text(cells[-1]) == (a["expires"] if a else ""), where + ": until " + text(cells[-1]))
            check((a["attested_by_text"] if a else "") == text(cells[3]), where + ": attested by")
        count = text(find_id(root, "manual-h"))
        check(count.endswith(("%d 件" if lang == "ja" else "%d") % len(entries)), "%s: the heading counts %d" % (name, len(entries)))
    else:
        check(find_id(root, "manual") is None, name + ": no manual section without one in the JSON report")
    if "--facility" in args:
        check(all(tr.get("data-facility") == args[args.index("--facility") + 1]
                  for tr in section_rows(root, "manual-table")), name + ": only the facility's manual clauses")
        check(find_id(root, "chart-facility") is None and find_id(root, "chart-clause") is not None,
              name + ": a facility's report has no chart by facility")
        check(all(tr.get("data-facility") == args[args.index("--facility") + 1] for tr in finding_rows(root)),
              name + ": only the facility's findings")
    return root


def today_checks(name, html, root, report):
    """今日やること: first, before the findings; the errors to act on by
    facility (new ones against a baseline; waived ones not) and every finding
    past its deadline, as the JSON report counts them; in a per-facility
    report, that facility's only."""
    today = find_id(root, "today")
    if not check(today is not None, name + ": no 今日やること section"):
        return
    if find_id(root, "findings") is not None:
        check(html.find('id="today"') < html.find('id="findings"'), name + ": 今日やること is not before the findings")
    acted = [f for f in report["findings"] if "waived" not in f]
    errors = collections.Counter(f.get("facility") or "-" for f in acted if f["severity"] == "error"
                                 and ("change" not in f or f["change"] == "new"))
    overdue = [f for f in acted if f.get("overdue")]
    lists = [ul for ul in today.iter(NS + "ul") if "today-list" in (ul.get("class") or "")]
    shown, late = collections.Counter(), []
    for ul in lists:
        for li in ul.findall(NS + "li"):
            href = li.find(NS + "a").get("href")
            m = re.match(r"#facility=([^&]+)&severity=error", href)
            if m:
                n = re.search(r": (\d+)", text(li))
                shown[urllib.parse.unquote(m.group(1))] = int(n.group(1)) if n else -1
            else:
                late.append(href)
    check(shown == errors, "%s: 今日やること's errors by facility %s, the JSON's %s" % (name, dict(shown), dict(errors)))
    check(len(late) == len(overdue) and all(h.startswith("#f-") for h in late),
          "%s: 今日やること lists %d findings past their deadline, the JSON has %d" % (name, len(late), len(overdue)))
    for h in late:
        check(find_id(root, h[1:]) is not None, "%s: 今日やること links to %s, which is not in the page" % (name, h))
    if report.get("facility"):
        check(set(shown) <= {report["facility"]}, "%s: 今日やること of one facility names others: %s" % (name, set(shown)))
    if not errors and not overdue:
        check(len(lists) == 0 and "ありません" in text(today), name + ": an empty 今日やること says so")
    # With attestations, the manual clauses expired, expiring or missing, linked to their section.
    manual = report.get("manual_clauses") or {}
    ms = manual.get("summary", {})
    links = [p for p in today.iter(NS + "p") if "today-manual" in (p.get("class") or "")]
    if manual.get("attestations_file") and ms["expired"] + ms["expiring"] + ms["missing"] > 0:
        if check(len(links) == 1, name + ": 今日やること has no line for the manual clauses"):
            a = links[0].find(NS + "a")
            numbers = [int(n) for n in re.findall(r"\d+", text(a))]
            check(a.get("href") == "#manual" and numbers == [ms["expired"], ms["expiring"], ms["missing"]],
                  "%s: 今日やること's manual clauses %s, the JSON's %s" % (name, numbers, ms))
    else:
        check(not links, name + ": 今日やること has a line for the manual clauses with none to attest")


def static_main(bin_, src, out):
    env = Env(bin_, src, out)
    reports = {}
    for name, (args, lang) in cases(env).items():
        html = env.run(name, args, "html")
        js = env.run(name, args, "json")
        if html is None or js is None:
            continue
        report = json.loads(js)
        report["_network"] = network_of(name)
        report["_args"] = args
        root = static_checks(name, html, report, lang)
        if root is not None and report.get("command") == "check":
            today_checks(name, html, root, report)
        reports[name] = (html, root, report)
        with open(os.path.join(out, name + ".html"), "w", encoding="utf-8") as f:
            f.write(html)

    # The same bytes again.
    again = env.run("higashikurume-again", EXAMPLE, "html")
    check(again is not None and again == reports.get("higashikurume", ("",))[0], "a second run gives the same bytes")

    # The example: 10 findings; Japanese and English words.
    if "higashikurume" in reports:
        html, root, report = reports["higashikurume"]
        check(len(finding_rows(root)) == 10, "the example has 10 findings")
        check("監査レポート" in html and "基準日" in html, "the Japanese report is in Japanese")
        check(len(list(root.iter("{http://www.w3.org/2000/svg}svg"))) == 4, "the example has its two charts (wide and narrow)")
    if "higashikurume-en" in reports:
        html, root, report = reports["higashikurume-en"]
        check("audit report" in html and "As of" in html and "監査" not in html, "the English report is in English")

    # Text HTML escapes: shown as it is, never markup.
    if "specials" in reports:
        html, root, report = reports["specials"]
        check("<script>alert" not in html and "</td></tr><!--" not in html, "markup in names is escaped")
        check(len(list(root.iter(NS + "script"))) == 1, "no script but the page's")
        names = ['南沢 <script>alert("x")</script> & \'クリニック\'', "薬局 </td></tr><!-- 注意 --> &amp;"]
        shown = text(root.find(NS + "body"))
        for n in names:
            check(n in shown, "the facility name %r is shown as written" % n)
        msgs = [f["message"] for f in report["findings"]]
        check(any("<未作成> & \"要確認\" 'テスト'" in m for m in msgs), "the fixture's messages have < & \" '")
        options = [o.get("value") for o in find_id(root, "filter-facility").iter(NS + "option")]
        check("F\"<&'>2" in options, "an id with < & \" ' is an option's value as written")
        facilities = {tr.get("data-facility") for tr in finding_rows(root)}
        check(facilities == {"F001", "F\"<&'>2"}, "data-facility as written: %s" % facilities)

    # Personal information: only under --show-personal-info, then with the notice first.
    personal = ["山田 花子", "1941-03-05"]
    for name in ("specials", "specials-en", "with-input-errors"):
        if name in reports:
            for value in personal:
                check(value not in reports[name][0], "%s shows personal information %s" % (name, value))
            check("show-personal-info" not in reports[name][0], name + " has the notice")
    if "specials-personal" in reports:
        html, root, report = reports["specials-personal"]
        for value in personal:
            check(value in html, "--show-personal-info lacks %s" % value)
        notice = [p for p in root.iter(NS + "p") if "notice" in (p.get("class") or "").split()]
        check(len(notice) == 1 and "show-personal-info" in text(notice[0]), "--show-personal-info: the notice")
        body = html.split("<body", 1)[1]
        check(body.find('class="notice"') < body.find("<main"), "the notice is at the top, before the report")

    # validate: input diagnostics, no findings.
    if "validate" in reports:
        html, root, report = reports["validate"]
        check(find_id(root, "findings-table") is None and find_id(root, "charts") is None, "validate: no findings or charts")
        check(len(section_rows(root, "diagnostics-table")) > 0, "validate: the diagnostics are listed")
    shutil.rmtree(env.work, ignore_errors=True)
    finish()


# ------------------------------------------------------------------ browser

CHROMIUM = "/usr/bin/chromium"


class Browser:
    def __init__(self, work):
        self.work = work
        self.n = 0

    def _run(self, args, timeout=90):
        self.n += 1
        home = os.path.join(self.work, "home%d" % self.n)
        os.makedirs(home)
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
               "--user-data-dir=" + os.path.join(home, "profile"), "--enable-logging=stderr", "--v=0"] + args
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
        shutil.rmtree(home, ignore_errors=True)
        return p.returncode, p.stdout.decode("utf-8", errors="replace"), p.stderr.decode("utf-8", errors="replace")

    def dom(self, url):
        return self._run(["--dump-dom", url])

    def screenshot(self, url, path, width, height):
        if os.path.exists(path):
            os.remove(path)
        return self._run(["--screenshot=" + path, "--window-size=%d,%d" % (width, height), url])


def console_problems(name, stderr):
    """The console's lines: exactly one 'ready' line from the page and nothing
    else (an uncaught error, a CSP violation, a stray log)."""
    lines = [l for l in stderr.splitlines() if ":CONSOLE" in l or "Uncaught" in l or "Content Security Policy" in l]
    ready = [l for l in lines if '"rurume-audit: report ready' in l]
    check(len(ready) == 1, "%s: the page's ready line is on the console once (logging works): %s" % (name, lines[:5]))
    others = [l for l in lines if l not in ready]
    check(not others, "%s: console errors: %s" % (name, others[:5]))


def body_of(dom):
    root = parse(dom)
    return root, root.find(NS + "body")


def png_info(path):
    """(width, height, distinct colours in a sample, share of non-white pixels)
    of an 8-bit RGB or RGBA, non-interlaced PNG (what chromium writes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        return width, height, None, None
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours, inked, sampled = set(), 0, 0
    i = 0
    for y in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if y % 4 == 0:
            for x in range(0, width, 4):
                px = bytes(line[x * bpp:x * bpp + 3])
                colours.add(px)
                sampled += 1
                if px != b"\xff\xff\xff":
                    inked += 1
    return width, height, len(colours), inked / max(1, sampled)


def check_screenshot(browser, name, url, path, width, height):
    code, _, err = browser.screenshot(url, path, width, height)
    if not check(code == 0 and os.path.exists(path), "%s: no screenshot (exit %d)" % (name, code)):
        return
    try:
        w, h, colours, inked = png_info(path)
    except Exception as e:
        fail("%s: the screenshot is no PNG: %s" % (name, e))
        return
    check((w, h) == (width, height), "%s: the screenshot is %dx%d, want %dx%d" % (name, w, h, width, height))
    check(os.path.getsize(path) > 20000, "%s: the screenshot is %d bytes" % (name, os.path.getsize(path)))
    if colours is not None:
        check(colours > 30 and inked > 0.05, "%s: the screenshot looks blank (%d colours, %.1f%% inked)" % (
            name, colours, 100 * inked))
    print("screenshot: " + path, flush=True)


def url_of(path, fragment=""):
    return "file://" + urllib.parse.quote(os.path.abspath(path)) + fragment


def browser_main(bin_, src, out, triage_bin):
    if not os.path.exists(CHROMIUM):
        fail(CHROMIUM + " is missing: the browser test needs Debian's chromium (apt-get install chromium)")
        finish()
    env = Env(bin_, src, out)
    browser = Browser(env.work)
    pages = {}
    for name, (args, lang) in cases(env).items():
        html = env.run(name, args, "html")
        js = env.run(name, args, "json")
        if html is None or js is None:
            continue
        path = os.path.join(out, name + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)
        pages[name] = (path, json.loads(js), parse(html))

    # Each page: the script ran, counted what the JSON report counts, and logged only its ready line.
    for name, (path, report, static) in pages.items():
        code, dom, err = browser.dom(url_of(path))
        check(code == 0, "%s: chromium exited %d" % (name, code))
        console_problems(name, err)
        root, body = body_of(dom)
        s = report["summary"]
        want = {"data-ready": "1", "data-not-evaluated": str(s["not_evaluated"]),
                "data-diagnostics": str(len(report["diagnostics"]))}
        if report["command"] == "check":
            want.update({"data-findings": str(s["findings"]["total"]), "data-visible": str(s["findings"]["total"]),
                         "data-errors": str(s["findings"]["error"]), "data-warnings": str(s["findings"]["warning"]),
                         "data-notes": str(s["findings"]["note"])})
            want["data-new"] = str(sum(1 for f in report["findings"] if f.get("change") == "new"))
            want["data-waived"] = str(sum(1 for f in report["findings"] if "waived" in f))
            want["data-fixed"] = str(len(report.get("fixed", [])))
        for attr, value in want.items():
            check(body.get(attr) == value, "%s: <body %s=%r>, want %r" % (name, attr, body.get(attr), value))
        controls = find_id(root, "controls")
        if report["command"] == "check" and s["findings"]["total"] > 0:
            check(controls is not None and controls.get("hidden") is None, name + ": the script shows the controls")
            status = find_id(root, "filter-status")
            check(status is not None and str(s["findings"]["total"]) in text(status), name + ": the status line")
            sortable = [th for th in find_id(root, "findings-table").iter(NS + "th") if th.get("data-col")]
            check(all(th.find(NS + "button") is not None and th.get("aria-sort") == "none" for th in sortable),
                  name + ": every column header is a sort button")

    # Views from the fragment.
    def view(name, fragment):
        path, report, static = pages[name]
        code, dom, err = browser.dom(url_of(path, fragment))
        console_problems(name + fragment, err)
        root, body = body_of(dom)
        rows = finding_rows(root)
        visible = [tr for tr in rows if tr.get("hidden") is None]
        check(body.get("data-visible") == str(len(visible)), "%s%s: data-visible %s, %d rows shown" % (
            name, fragment, body.get("data-visible"), len(visible)))
        return root, body, rows, visible

    def static_rows(name):
        return finding_rows(pages[name][2])

    if "higashikurume" in pages:
        name = "higashikurume"
        report = pages[name][1]
        by_fp = {f["fingerprint"]: f for f in report["findings"]}
        files = [i["path"] for i in report["inputs"]]
        rank = {"error": 0, "warning": 1, "note": 2}

        root, body, rows, visible = view(name, "#sort=severity&order=desc")
        ranks = [rank[tr.get("data-severity")] for tr in rows]
        check(ranks == sorted(ranks, reverse=True) and len(set(ranks)) > 1, "sort=severity desc: %s" % ranks)
        check(body.get("data-sort") == "severity:desc", "data-sort is severity:desc")
        th = [t for t in find_id(root, "findings-table").iter(NS + "th") if t.get("data-col") == "severity"][0]
        check(th.get("aria-sort") == "descending", "the severity header says descending")

        root, body, rows, visible = view(name, "#sort=location")
        locs = []
        for tr in rows:
            loc = by_fp[tr.get("data-fingerprint")]["location"]
            locs.append((files.index(loc["file"]), loc["line"], loc["column"]))
        check(locs == sorted(locs) and len(visible) == 10, "sort=location: by file, line, column")

        root, body, rows, visible = view(name, "#sort=clause&order=desc")
        order = [tr.get("data-clause") for tr in rows]
        default = [tr.get("data-clause") for tr in static_rows(name)]
        check(order == list(reversed(default)), "sort=clause desc: the clause list's order reversed: %s" % order)

        root, body, rows, visible = view(name, "#sort=facility")
        names = [text(dict(zip([t.get("data-col") for t in find_id(root, "findings-table").iter(NS + "th")],
                                tr.findall(NS + "td")))["facility"]) for tr in rows]
        check(names[0].startswith("F001") and names[-1].startswith("F012"), "sort=facility: F001 first, F012 last: %s" % names)

        # The brief's example: sort by severity, filter on text.
        root, body, rows, visible = view(name, "#sort=severity&filter=F011")
        want = [tr.get("data-fingerprint") for tr in static_rows(name) if "f011" in norm(text(tr))]
        check(sorted(tr.get("data-fingerprint") for tr in visible) == sorted(want) and len(want) >= 2,
              "filter=F011: %d rows shown, want %d" % (len(visible), len(want)))

        root, body, rows, visible = view(name, "#facility=F011")
        want = [tr.get("data-fingerprint") for tr in static_rows(name) if tr.get("data-facility") == "F011"]
        check(len(want) == 2 and sorted(tr.get("data-fingerprint") for tr in visible) == sorted(want),
              "facility=F011: the facility's 2 findings")

        root, body, rows, visible = view(name, "#q=%EF%BC%A4%EF%BC%B6%EF%BC%90%EF%BC%90%EF%BC%94%EF%BC%98")  # ＤＶ００４８
        check(len(visible) == 1 and "DV0048" in text(visible[0]), "q=ＤＶ００４８ (full width): the one device")

        root, body, rows, visible = view(name, "#severity=warning")
        check(len(visible) == 2 and all(v.get("data-severity") == "warning" for v in visible),
              "severity=warning: the two warnings")

        root, body, rows, visible = view(name, "#clause=N1.10&q=" + urllib.parse.quote("リモートワイプ"))
        check(len(visible) == 1 and visible[0].get("data-clause") == "N1.10", "clause=N1.10 and a word: one row")

        root, body, rows, visible = view(name, "#q=no-such-thing")
        check(not visible and find_id(root, "no-match").get("hidden") is None, "no match: the message is shown")

        root, body, rows, visible = view(name, "#sort=nothing&facility=F999&severity=bad")
        check(len(visible) == 10 and body.get("data-sort") == "", "unknown values in the fragment are ignored")

    if "specials" in pages:
        name = "specials"
        fragment = "#facility=" + urllib.parse.quote("F\"<&'>2", safe="")
        root, body, rows, visible = view(name, fragment)
        check(len(visible) == 2 and all(tr.get("data-facility") == "F\"<&'>2" for tr in visible),
              "facility=F\"<&'>2 (escaped id): its 2 findings")
        root, body, rows, visible = view(name, "#clause=N1.10&severity=error")
        check(len(visible) == 2, "clause=N1.10&severity=error: 2 rows")
        root, body, rows, visible = view(name, "#q=" + urllib.parse.quote("<script>"))
        check(len(visible) == 3, "q=<script> finds the facility's name as text: %d rows" % len(visible))

    # Without JavaScript: the page less its script (and its CSP, so that a
    # probe may run after it) shows every row and no control that needs the script.
    probe = """<script>
(() => {
  const shown = (el) => !!el && el.getClientRects().length > 0;
  const rows = Array.from(document.querySelectorAll("#findings-table tbody tr"));
  const b = document.body.dataset;
  b.probeRows = String(rows.length);
  b.probeShownRows = String(rows.filter(shown).length);
  b.probeControls = shown(document.getElementById("controls")) ? "shown" : "hidden";
  b.probeHint = shown(document.getElementById("chart-hint")) ? "shown" : "hidden";
  b.probeButtons = String(document.querySelectorAll("#findings-table button").length);
  b.probeCharts = String(Array.from(document.querySelectorAll("figure.chart svg")).filter(shown).length);
  b.probeTableWidth = String(Math.round(document.getElementById("findings-table").getBoundingClientRect().width));
  b.probeViewport = String(document.documentElement.clientWidth);
  b.probePageWidth = String(document.documentElement.scrollWidth);
  // Narrow: the header is visually hidden (1px, clipped), each row a card.
  b.probeHeader = document.querySelector("#findings-table thead").getBoundingClientRect().width > 2 ? "shown" : "hidden";
})();
</script>"""
    for name, width in (("higashikurume", 1280), ("specials", 1280), ("higashikurume", 390)):
        if name not in pages:
            continue
        with open(pages[name][0], encoding="utf-8") as f:
            html = f.read()
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html)
        html = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
        check(html.count("<script") == 0, name + ": the script could be taken out")
        path = os.path.join(env.work, "%s-nojs-%d.html" % (name, width))
        with open(path, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", probe + "\n</body>"))
        code, dom, err = browser._run(["--window-size=%d,1200" % width, "--dump-dom", url_of(path)])
        root, body = body_of(dom)
        where = "%s without JavaScript at %dpx" % (name, width)
        n = str(pages[name][1]["summary"]["findings"]["total"])
        check(body.get("data-probe-rows") == n and body.get("data-probe-shown-rows") == n,
              "%s: %s of %s rows shown" % (where, body.get("data-probe-shown-rows"), n))
        check(body.get("data-probe-controls") == "hidden", where + ": the filter controls are hidden")
        check(body.get("data-probe-hint") == "hidden", where + ": the charts' hint (choose a bar) is hidden")
        check(body.get("data-probe-buttons") == "0", where + ": no sort button")
        check(body.get("data-probe-charts") == "2", where + ": one drawing of each chart: %s" % body.get("data-probe-charts"))
        # (A headless window has a minimum width: compare with the viewport it got.)
        viewport = int(body.get("data-probe-viewport") or 0)
        check(0 < int(body.get("data-probe-table-width") or 0) <= viewport,
              "%s: the table (%spx) fits the viewport (%dpx)" % (where, body.get("data-probe-table-width"), viewport))
        check(int(body.get("data-probe-page-width") or 0) <= viewport,
              "%s: nothing scrolls sideways (%spx in %dpx)" % (where, body.get("data-probe-page-width"), viewport))
        narrow = viewport <= 760
        check(body.get("data-probe-header") == ("hidden" if narrow else "shown"),
              "%s: %s layout" % (where, "card" if narrow else "table"))

    # The page's handlers: a copy without its CSP, and a script after the
    # page's that clicks, types and prints, and records what it saw.
    actions = """<script>
(() => {
  const b = document.body.dataset;
  const shownRows = () => Array.from(document.querySelectorAll("#findings-table tbody tr")).filter((r) => !r.hidden);
  const header = (col) => document.querySelector('#findings-table th[data-col="' + col + '"] button');
  const log = [];
  header("severity").click();
  log.push("severity1=" + b.sort + "/" + shownRows()[0].dataset.severity);
  header("severity").click();
  log.push("severity2=" + b.sort + "/" + shownRows()[0].dataset.severity + "/" +
           header("severity").parentNode.getAttribute("aria-sort"));
  log.push("hash1=" + decodeURIComponent(location.hash));
  const q = document.getElementById("filter-q");
  q.value = "DV0048";
  q.dispatchEvent(new Event("input"));
  log.push("typed=" + shownRows().length + "/" + b.visible + "/" + document.getElementById("filter-status").textContent);
  log.push("hash2=" + decodeURIComponent(location.hash));
  const bar = document.querySelector('#chart-facility svg.wide a[data-value="F011"]');
  bar.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
  log.push("bar=" + shownRows().length + "/" + document.getElementById("filter-facility").value + "/" + q.value);
  const sev = document.getElementById("filter-severity");
  sev.value = "warning";
  sev.dispatchEvent(new Event("change"));
  log.push("both=" + shownRows().length);
  document.getElementById("filter-reset").click();
  log.push("reset=" + shownRows().length + "/" + b.sort + "/" + decodeURIComponent(location.hash));
  const closed = document.querySelectorAll("details:not([open])").length;
  window.dispatchEvent(new Event("beforeprint"));
  const printing = document.querySelectorAll("details:not([open])").length;
  window.dispatchEvent(new Event("afterprint"));
  log.push("print=" + closed + ">" + printing + ">" + document.querySelectorAll("details:not([open])").length);
  b.actions = log.join("|");
})();
</script>"""
    if "higashikurume" in pages:
        with open(pages["higashikurume"][0], encoding="utf-8") as f:
            html = f.read()
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html)
        path = os.path.join(env.work, "actions.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", actions + "\n</body>"))
        code, dom, err = browser.dom(url_of(path))
        console_problems("actions", err)
        root, body = body_of(dom)
        got = dict(item.split("=", 1) for item in (body.get("data-actions") or "").split("|") if "=" in item)
        want = {
            "severity1": "severity:asc/error",
            "severity2": "severity:desc/warning/descending",
            "hash1": "#sort=severity&order=desc",
            "typed": "1/1/10 件中 1 件を表示",
            "hash2": "#sort=severity&order=desc&q=DV0048",
            "bar": "2/F011/",
            "both": "0",
            "reset": "10/severity:desc/#sort=severity&order=desc",
        }
        for key, value in want.items():
            check(got.get(key) == value, "actions: %s is %r, want %r" % (key, got.get(key), value))
        closed, printing, after = (got.get("print") or "0>0>0").split(">")
        check(printing == "0" and after == closed,
              "actions: printing opens the folded details, and closes them after: %s" % got.get("print"))

    # The page with waivers and a baseline that html_triage_page builds
    # (without the command line: every mark and both lists at once).
    triage_path = os.path.join(out, "triage-built.html")
    p = subprocess.run([triage_bin, src, triage_path], capture_output=True, timeout=60)
    if check(p.returncode == 0, "html_triage_page exited %d: %s" % (p.returncode, p.stderr.decode(errors="replace"))):
        want = json.loads(p.stdout)
        code, dom, err = browser.dom(url_of(triage_path))
        console_problems("triage", err)
        root, body = body_of(dom)
        for key in ("findings", "new", "waived", "fixed"):
            check(body.get("data-" + key) == str(want[key]), "triage: <body data-%s=%r>, want %d" % (
                key, body.get("data-" + key), want[key]))
        for key in ("new", "fixed", "waived"):
            el = find_id(root, "count-" + key)
            check(el is not None and text(el) == str(want[key]), "triage: count-" + key)
        root, body, rows, visible = (lambda r: (r[0], r[1], finding_rows(r[0]),
                                                [t for t in finding_rows(r[0]) if t.get("hidden") is None]))(
            body_of(browser.dom(url_of(triage_path, "#sort=status"))[1]))
        check(rows and rows[0].get("data-change") == "new" and rows[-1].get("data-waived") == "1",
              "triage: sort=status puts the new first, the waived last")
        check_screenshot(browser, "triage-built", url_of(triage_path), os.path.join(out, "triage-built.png"), 1280, 2200)

    # Screenshots to look at: the example wide and narrow, the fixture.
    if "higashikurume" in pages:
        check_screenshot(browser, "higashikurume", url_of(pages["higashikurume"][0]),
                         os.path.join(out, "higashikurume.png"), 1280, 2000)
        check_screenshot(browser, "higashikurume-narrow", url_of(pages["higashikurume"][0]),
                         os.path.join(out, "higashikurume-narrow.png"), 420, 1600)
    if "triage" in pages:
        check_screenshot(browser, "triage", url_of(pages["triage"][0]), os.path.join(out, "triage.png"), 1280, 2400)
    if "specials" in pages:
        check_screenshot(browser, "specials", url_of(pages["specials"][0]), os.path.join(out, "specials.png"), 1280, 1600)
    shutil.rmtree(env.work, ignore_errors=True)
    finish()


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "static" and len(sys.argv) == 5:
        static_main(*sys.argv[2:5])
    elif mode == "browser" and len(sys.argv) == 6:
        browser_main(*sys.argv[2:6])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
