#!/usr/bin/env python3
"""The include graph follows the layers (docs/architecture.md).

Every `#include "x/..."` in src/ must name the file's own module or one the
table below lets it use (directly or through a module it may use). Library
headers are checked too: CLI11 only in cli/. Run on the source tree; with
--self-test it also plants an upward include in a copy of src/ and checks that
the planted include is caught, so that the check itself cannot pass silently.

usage: layers_test.py SOURCE_DIR
"""
import os
import re
import shutil
import sys
import tempfile

# Each module and the modules directly below it that it may include.
LAYERS = {
    "base": [],                        # diagnostics, language, time, suggestions
    "text": [],                        # escaping, widths, UTF-8
    "model": ["base"],                 # the record types and their table
    "calendar": ["base"],              # dates, business days, holidays, time arithmetic
    "expr": ["base", "calendar", "text"],         # the expression language, no model
    "load": ["base", "model", "calendar", "text"],  # YAML -> model, linking
    "bind": ["model", "expr", "load"],  # the model as expression objects
    "rules": ["bind"],                 # rule files, compilation, parameters
    "audit": ["rules"],                # running rules, triage, fingerprints
    "report": ["audit"],               # one file per format
    "cli": ["report"],                 # the program
}

# Library headers (a prefix of the <...> name) and the modules that may use them.
LIBRARIES = {
    "CLI/": ["cli"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


def closure():
    allowed = {}

    def below(m):
        if m in allowed:
            return allowed[m]
        out = set()
        for d in LAYERS[m]:
            out.add(d)
            out |= below(d)
        allowed[m] = out
        return out

    for m in LAYERS:
        below(m)
    return allowed


def check(src):
    allowed = closure()
    problems = []
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith((".h", ".cc", ".inc")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src)
            module = rel.split(os.sep)[0]
            if module not in LAYERS:
                if os.sep in rel:
                    problems.append(f"{rel}: module '{module}' is not in the layer table (tests/layers_test.py)")
                continue
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    kind, target = m.groups()
                    if kind == '"':
                        to = target.split("/")[0]
                        if to == module:
                            continue
                        if to not in LAYERS:
                            problems.append(f"src/{rel}:{n}: includes \"{target}\", which is in no layer")
                        elif to not in allowed[module]:
                            problems.append(f"src/{rel}:{n}: {module}/ may not include \"{target}\" "
                                            f"({to}/ is not below {module}/)")
                    else:
                        for prefix, users in LIBRARIES.items():
                            if target.startswith(prefix) and module not in users:
                                problems.append(f"src/{rel}:{n}: <{target}> belongs in {', '.join(users)}/ only")
    return problems


def main():
    args = [a for a in sys.argv[1:] if a != "--self-test"]
    source = args[0]
    problems = check(os.path.join(source, "src"))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) against the layers")
        return 1
    if "--self-test" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "src")
            shutil.copytree(os.path.join(source, "src"), copy)
            planted = os.path.join(copy, "model", "model.h")
            with open(planted, "a", encoding="utf-8") as f:
                f.write('#include "report/report.h"\n')
            caught = check(copy)
            if not any(p.startswith("src/model/model.h:") and "report/report.h" in p for p in caught):
                print("self-test: an include of report/ planted in model/model.h was not caught")
                return 1
            expr = os.path.join(copy, "model", "model.h")
            os.remove(expr)
            with open(os.path.join(copy, "expr", "types.h"), "a", encoding="utf-8") as f:
                f.write('#include "model/model.h"\n')
            caught = check(copy)
            if not any(p.startswith("src/expr/types.h:") for p in caught):
                print("self-test: an include of model/ planted in expr/ was not caught")
                return 1
    print("layers: every include points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
