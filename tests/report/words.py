"""What a reader of the Japanese report sees in English, and what a reader of
the English report sees in Japanese.

The Japanese output may hold ASCII only where it names something exactly:
an id, a path, a rule or clause id, a number, a date or time, an option name,
one of the glossary's words (docs/glossary.md, 「日本語の出力にそのまま出てよい
英字の語」), a metavariable in --help, a command's name in --help, and, in an
input error only (a line that carries an RA code), the export's own key names
and value spellings (schemas/rurume-export.schema.json), which say where and
how to fix the file. Everything else is an English word that slipped through.

The English output may hold Japanese only where it quotes the export's own
data (a facility's name, the network's name).

Used by tests/report/language_test.py and tests/ops/broken_test.py.
"""
import glob
import html.parser
import json
import os
import re
import xml.etree.ElementTree as ET

# A run of ASCII letters, digits and the punctuation that joins them into one
# token (paths, options, ids, dates).
TOKEN = re.compile(r"[A-Za-z0-9_./\\:+@=#~%*-]+")
LETTER = re.compile(r"[A-Za-z]")
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
RA_CODE = re.compile(r"\bRA\d{4}\b")


class Vocabulary:
    """The ASCII a Japanese report may hold, read from the project's files."""

    def __init__(self, src):
        self.rule_ids = {os.path.basename(p)[:-5] for p in glob.glob(os.path.join(src, "rules", "*.yaml"))}
        self.rule_ids.discard("clauses")
        with open(os.path.join(src, "docs", "glossary.md"), encoding="utf-8") as f:
            glossary = f.read()
        section = glossary.split("## 日本語の出力にそのまま出てよい英字の語", 1)[1]
        listed = next(line for line in section.splitlines() if "," in line and not JAPANESE.search(line))
        self.glossary = {w.strip() for w in listed.split(",")}
        self.commands = {"check", "validate", "rules", "explain", "clauses", "calendar", "eval", "test", "mail", "help"}
        self.schema_words = {"true", "false", "null"}  # YAML's own spellings
        with open(os.path.join(src, "schemas", "rurume-export.schema.json"), encoding="utf-8") as f:
            self._schema(json.load(f))
        # The keys of the attestations file (--attestations) and of the waivers file (--waivers), which
        # their errors (RA3001-RA3011, RA3040-RA3059) name.
        with open(os.path.join(src, "schemas", "rurume-attestations.schema.json"), encoding="utf-8") as f:
            attestations = json.load(f)
        self.attestation_words = set(attestations["properties"]) | set(attestations["$defs"]["attestation"]["properties"])
        with open(os.path.join(src, "schemas", "rurume-waivers.schema.json"), encoding="utf-8") as f:
            waivers = json.load(f)
        self.waiver_words = set(waivers["properties"]) | set(waivers["$defs"]["waiver"]["properties"])
        # The rules' parameters: the names a --config file sets, and their
        # values (file_sharing_apps: Winny, Share, ...), as explain shows them.
        import yaml
        self.params = set()
        for path in glob.glob(os.path.join(src, "rules", "*.yaml")):
            with open(path, encoding="utf-8") as f:
                rule = yaml.safe_load(f)
            for name, spec in ((rule or {}).get("params") or {}).items():
                self.params.add(name)
                values = spec if isinstance(spec, list) else [spec.get("default")] if isinstance(spec, dict) else [spec]
                for v in values:
                    if isinstance(v, str):
                        self.params.update(TOKEN.findall(v))

    def _schema(self, node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    self.schema_words.update(value.keys())
                if key in ("enum", "const"):
                    for v in value if isinstance(value, list) else [value]:
                        if isinstance(v, str):
                            self.schema_words.add(v)
                self._schema(value)
        elif isinstance(node, list):
            for v in node:
                self._schema(v)

    def allowed(self, token, chunk, help_text=False, commands=(), extra=()):
        """Whether TOKEN, found in CHUNK (a line, paragraph or cell), is one a
        Japanese reader is meant to read as it is. EXTRA: the export's own
        ASCII data (a facility named "value"), and what the user typed."""
        if token in extra or token in self.params:
            return True  # data, a command line's own words, a parameter (or its value) of a --config
        if not LETTER.search(token):
            return True  # a number, a date, a time, a count
        if "/" in token or "\\" in token or re.search(r"\.(ya?ml|json|html|txt|xml|sarif|eml|log|sh)$", token):
            return True  # a path or a file's name
        if re.fullmatch(r"--?[a-z][a-z0-9-]*(=\S*)?", token):
            return True  # an option
        if re.fullmatch(r"\d{4}-\d\d-\d\d(T[0-9:.]+(Z|[+-]\d\d:\d\d)?)?", token):
            return True  # ISO 8601
        if token in self.rule_ids or re.fullmatch(r"[AN]\d+(\.\d+)*[a-z]?", token):
            return True  # a rule id, a clause id
        if token in self.glossary:
            return True
        if re.fullmatch(r"[A-Z][A-Za-z]*\d[A-Za-z0-9_-]*", token) or re.fullmatch(r"[A-Z]+\d*-[A-Z0-9-]+", token):
            return True  # a record's id (F001, DV0051, F0O1), an input error's code (RA1022)
        if re.fullmatch(r"[0-9a-f]{12,}", token):
            return True  # a digest
        if help_text and re.fullmatch(r"[A-Z][A-Z_]*(\.\.\.)?", token):
            return True  # a metavariable
        if help_text and any(token in re.split(r"[,{}]", s) for s in re.findall(r"\{[^}]*\}", chunk)):
            return True  # one of an option's values (--lang LANG:{ja,en}), as it is typed
        if re.search(r"\*\." + re.escape(token) + r"\b", chunk):
            return True  # a file name's ending (*.yaml)
        if help_text and (token in self.schema_words or token in ("as_of", "params")):
            return True  # eval --help: the names an expression reads
        if any(token in re.split(r"[,、 ]+", s) for s in re.findall(r"使える(?:値|コマンド): ([\w,、 -]+)", chunk)):
            return True  # a usage error's list of what may be typed
        if token in (commands or self.commands) and (help_text or re.search(r"(rurume-audit|コマンド) " + re.escape(token) + r"\b", chunk)):
            return True  # a command's name
        if token == "rurume-audit":
            return True  # the program's name
        if re.fullmatch(r"RURUME_[A-Z_]+", token):
            return True  # a setting of the nightly script (RURUME_LANG), as it is typed
        if re.search(r"\bRA30[45]\d\b", chunk) and token in self.attestation_words:
            return True  # an attestation's error names the file's key (expires)
        if re.search(r"\bRA30[01]\d\b", chunk) and token in self.waiver_words:
            return True  # a waiver's error names the file's key (justification)
        if RA_CODE.search(chunk) and all(p in self.schema_words or p + "s" in self.schema_words
                                         or p[:-1] + "ies" in self.schema_words for p in token.split(".")):
            return True  # an input error names the export's key (patient.birth_date) or value
        return False

    def offenders(self, chunks, help_text=False, commands=(), extra=()):
        """The tokens of CHUNKS a Japanese reader should not meet, each with its chunk."""
        found = []
        for chunk in chunks:
            chunk = " ".join(chunk.split())
            # What is quoted is the export's own data, shown as it is.
            for m in TOKEN.finditer(re.sub(r'"(?:[^"\\]|\\.)*"|「[^」]*」', " ", chunk)):
                if re.fullmatch(r"\.[a-z][\w.-]*", m.group(0).rstrip(".:,")):
                    continue  # a hidden file's name (.git)
                token = m.group(0).strip(".:,=*#")
                # A quoted datum (a name of the export's) or a key=value pair.
                if not token or self.allowed(token, chunk, help_text, commands, extra):
                    continue
                parts = re.split(r"[=:]", token)
                if len(parts) > 1 and all(not p or self.allowed(p, chunk, help_text, commands, extra) for p in parts):
                    continue
                found.append((token, chunk.strip()))
        return found


def japanese_offenders(chunks, data):
    """The chunks of an English report that hold Japanese not quoted from the
    export's own data or the policy's words (DATA: every Japanese string the
    export holds and the policy texts). Compared without whitespace: a wrapped
    line breaks Japanese anywhere, and joining the lines adds a space."""
    squeezed = sorted({re.sub(r"\s+", "", d) for d in data if len(d) > 1}, key=len, reverse=True)
    found = []
    for chunk in chunks:
        rest = " ".join(chunk.split())
        # A datum shortened to fit (a chart's label): "ヘルパーステーションおちあ…",
        # taken before whole data, which could eat a shortened one's middle.
        rest = re.sub(r"([^\s…]+)…", lambda m: " " if any(d.startswith(m.group(1)) for d in data) else m.group(0), rest)
        rest = re.sub(r"\s+", "", rest)
        for datum in squeezed:
            rest = rest.replace(datum, " ")
        # What is quoted (「…」, 【…】) is a name or the policy's words, as written.
        rest = re.sub(r"「[^」]*」|【[^】]*】", " ", rest)
        m = JAPANESE.search(rest)
        if m:
            # Where it is: the Japanese left over, with a little around it.
            found.append("…" + rest[max(0, m.start() - 40):m.end() + 40] + "…")
    return found


def policy_words(src):
    """The policy's own words as the project quotes them: the clauses' policy
    texts and the rules' rationales (rules/*.yaml). An English report may
    quote them, as it quotes the export's data: the policy has no English."""
    import yaml
    words = set()
    with open(os.path.join(src, "rules", "clauses.yaml"), encoding="utf-8") as f:
        for c in yaml.safe_load(f)["clauses"]:
            if c.get("policy"):
                words.add(" ".join(c["policy"].split()))
    for path in sorted(glob.glob(os.path.join(src, "rules", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            rule = yaml.safe_load(f)
        if isinstance(rule, dict) and rule.get("rationale"):
            words.add(" ".join(rule["rationale"].split()))
    return words


def _export_texts(paths):
    """The text of every YAML file PATHS name (files, or directories walked),
    decoded leniently, so that a broken file yields too."""
    for path in paths:
        files = [path] if os.path.isfile(path) else sorted(glob.glob(os.path.join(path, "**", "*.y*ml"), recursive=True))
        for name in files:
            with open(name, "rb") as f:
                yield f.read().decode("utf-8", "replace")


def export_data(paths):
    """Every Japanese string in the YAML files under PATHS: the data an English
    report may quote."""
    data = set()
    for text in _export_texts(paths):
        for m in re.finditer(r"[^\s\"'{}\[\],:#][^\"'{}\[\],#\n]*", text):
            s = m.group(0).strip()
            if JAPANESE.search(s):
                # "name: 大門 清" in a block mapping: the value is the datum.
                s = re.sub(r"^[\w.-]+:\s+", "", s)
                data.add(s)
                # "るるめ\x1b]0;…": a double-quoted scalar's escapes, as the reports show
                # them (the text report escaped, the HTML one as U+FFFD).
                data.add(re.sub(r"\\x([0-9a-fA-F]{2})", lambda e: "\\u00" + e.group(1).lower(), s))
                data.add(re.sub(r"\\x([0-9a-fA-F]{2})", "\ufffd", s))
                data.update(p for p in re.split(r"[\s・]+", s) if JAPANESE.search(p))
    return data


def export_ascii(paths):
    """The ASCII words of the export's names and of its Japanese strings
    (a facility named "value", "るるめ\\x1b]0;pwned\\x07ネット"): data a
    Japanese report shows as it is."""
    found = set()
    for text in _export_texts(paths):
        for m in re.finditer(r"\bname:\s*\"?([^\"#\n,}]*)", text):
            found.update(TOKEN.findall(m.group(1)))
        for m in re.finditer(r'"([^"\n]*)"', text):
            if JAPANESE.search(m.group(1)):
                found.update(t for t in TOKEN.findall(m.group(1).replace("\\x", " x")))
    return {t.strip(".:,=*#") for t in found}


def text_chunks(text):
    """A text report's paragraphs: a line with the indented lines that
    continue it joined to it (the report wraps long lines)."""
    chunks = []
    for line in text.splitlines():
        if chunks and line.startswith("   ") and line.strip():
            chunks[-1] += " " + line.strip()
        else:
            chunks.append(line)
    return [c for c in chunks if c.strip()]


class _HTMLText(html.parser.HTMLParser):
    BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "caption", "summary",
              "div", "section", "title", "option", "label", "button", "figcaption", "legend", "pre", "th"}
    SHOWN = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.stack, self.skip, self.glue = [], [[]], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "wbr":
            self.glue = True  # a break opportunity inside a path: one word still
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name in self.SHOWN and value:
                self.chunks.append(value)
        if tag in self.BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in self.BLOCKS and len(self.stack) > 1:
            text = " ".join(self.stack.pop())
            if text.strip():
                self.chunks.append(text)

    def handle_data(self, data):
        if not self.skip:
            if self.glue and self.stack[-1]:
                self.stack[-1][-1] += data
            else:
                self.stack[-1].append(data)
        self.glue = False


def html_chunks(html_text):
    """What a browser shows of an HTML report: the text of each block, and the
    attributes a reader sees (title, aria-label, placeholder, alt)."""
    parser = _HTMLText()
    parser.feed(html_text)
    parser.close()
    return parser.chunks + [" ".join(parser.stack[0])]


def junit_chunks(xml_text):
    """What a CI server shows of a JUnit report as prose: the messages and
    bodies of failures, errors and skips, and the system-out text. Suite and
    case names, class names and properties are identifiers (rule ids, record
    ids, paths, the input suite) read by machines."""
    chunks = []
    for el in ET.fromstring(xml_text.encode("utf-8")).iter():
        if el.tag in ("failure", "error", "skipped"):
            # An input error's code is its type: the message is read with it.
            code = el.get("type") or ""
            chunks.append((code + " " if RA_CODE.fullmatch(code) else "") + (el.get("message") or ""))
            chunks.extend(text_chunks(el.text or ""))
        elif el.tag in ("system-out", "system-err"):
            chunks.extend(text_chunks(el.text or ""))
    return [c for c in chunks if c.strip()]


def _github_unescape(s):
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], s)


def github_chunks(text):
    """What GitHub shows of workflow commands: an annotation's title (its
    rule's title, or an input error's code, read with its message) and
    message, and the plain lines. The command and its file=, line= ...
    properties are read by the runner."""
    chunks = []
    for line in text.splitlines():
        m = re.fullmatch(r"::(?:error|warning|notice)(?: ([^:]*))?::(.*)", line)
        if not m:
            chunks.append(line)
            continue
        props = dict(p.split("=", 1) for p in (m[1] or "").split(",") if "=" in p)
        title = _github_unescape(props.get("title", ""))
        message = _github_unescape(m[2])
        if RA_CODE.fullmatch(title):
            chunks.append(title + " " + message)
            continue
        chunks.append(title)
        chunks.extend(message.split("\n"))
    return [c for c in chunks if c.strip()]


def gitlab_chunks(text):
    """What GitLab shows of a Code Quality issue (its description, an input
    error's with its code) and the details of content.body. The other members
    are read by GitLab."""
    chunks = []
    for issue in json.loads(text):
        code = issue["check_name"]
        chunks.append((code + " " if RA_CODE.fullmatch(code) else "") + issue["description"])
        chunks.extend(text_chunks(issue.get("content", {}).get("body", "")))
    return [c for c in chunks if c.strip()]


CHUNKERS = {"text": text_chunks, "html": html_chunks, "junit": junit_chunks, "github": github_chunks,
            "gitlab": gitlab_chunks}


def report_problems(run, args, vocab, data, formats=("text", "html", "junit"), extra=()):
    """Runs `check ARGS` in each format and both languages (RUN(*argv) gives
    (status, stdout, stderr)); the problems found: English words in the
    Japanese reports and on their standard error, Japanese that is not the
    export's data in the English ones."""
    problems = []
    for fmt in formats:
        for lang in ("ja", "en"):
            _, out, err = run("check", "--format", fmt, "--lang", lang, *args)
            chunks = CHUNKERS[fmt](out) + text_chunks(err)
            if lang == "ja":
                problems += [f"{fmt}: {token!r} in {chunk[:160]!r}" for token, chunk in vocab.offenders(chunks, extra=extra)]
            else:
                problems += [f"{fmt} --lang en: Japanese in {chunk[:160]!r}" for chunk in japanese_offenders(chunks, data)]
    return problems
