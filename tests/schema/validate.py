#!/usr/bin/python3
"""Validates export files against schemas/rurume-export.schema.json.

Each file is converted by the yaml2json test tool (YAML 1.2 core schema, one
JSON document per line) and every document is validated with the draft
2020-12 validator of Debian's python3-jsonschema.

    validate.py --schema SCHEMA --yaml2json YAML2JSON FILE_OR_DIR...

A directory means every *.yaml, *.yml and *.json file below it, in sorted
order. With --expect-invalid every file must be rejected; a negative fixture
may name the reason with comment lines `# expect-error: TEXT`, each TEXT having
to appear in one of the errors, so that it cannot pass for another reason.

Prints one line per file, the errors under it, and `N passed, M failed`;
exits 0 if every file met the expectation, 1 if not, 2 on a usage error.
"""

import argparse
import json
import pathlib
import subprocess
import sys

import jsonschema

SUFFIXES = {".yaml", ".yml", ".json"}
EXPECT_ERROR = "# expect-error:"


def expand(args):
    for arg in args:
        path = pathlib.Path(arg)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        else:
            yield path


def errors_of(validator, yaml2json, path):
    """The load and validation errors of one file, as printable lines."""
    run = subprocess.run([yaml2json, str(path)], capture_output=True, encoding="utf-8")
    if run.returncode != 0:
        return [run.stderr.strip() or f"{path}: yaml2json exited with status {run.returncode}"]
    docs = [json.loads(line) for line in run.stdout.splitlines()]
    if not docs:
        return [f"{path}: no YAML document"]
    errors = []
    for number, doc in enumerate(docs, 1):
        where = str(path) if len(docs) == 1 else f"{path} (document {number})"
        for error in sorted(validator.iter_errors(doc), key=lambda e: e.json_path):
            errors.append(f"{where}: {error.json_path}: {error.message}")
    return errors


def expected_errors(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    return [line[len(EXPECT_ERROR):].strip() for line in text.splitlines()
            if line.startswith(EXPECT_ERROR)]


def verdict(path, errors, expect_invalid):
    """None if the file met the expectation, else why not."""
    if not expect_invalid:
        return "invalid" if errors else None
    if not errors:
        return "valid, but expected to be invalid"
    missing = [text for text in expected_errors(path) if not any(text in e for e in errors)]
    if missing:
        return "no error contains " + ", ".join(repr(text) for text in missing)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True, help="the JSON Schema file")
    parser.add_argument("--yaml2json", required=True, help="path to the yaml2json test tool")
    parser.add_argument("--expect-invalid", action="store_true",
                        help="every file must fail validation (negative tests)")
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"{args.schema}: not a valid draft 2020-12 schema: {e.message}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

    files = list(expand(args.paths))
    if not files:
        print("no input files", file=sys.stderr)
        return 2
    passed = failed = 0
    for path in files:
        errors = errors_of(validator, args.yaml2json, path)
        problem = verdict(path, errors, args.expect_invalid)
        if problem:
            failed += 1
            print(f"FAIL {path}: {problem}")
        else:
            passed += 1
            print(f"ok   {path}" + (" (rejected as expected)" if args.expect_invalid else ""))
        for error in errors:
            print(f"     {error}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
