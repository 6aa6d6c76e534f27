#!/usr/bin/python3
"""Validates JSON reports (rurume-audit --format json or sarif) against a schema.

    validate_json.py --schema SCHEMA REPORT...

The validator is the one of the schema's own draft ($schema: 2020-12 for
schemas/rurume-audit-report.schema.json, draft-07 for SARIF 2.1.0's), from
Debian's python3-jsonschema, with format checking. Prints one line per
report, its errors under it, and `N passed, M failed`; exits 0 if every
report is valid, 1 if not.
"""

import argparse
import json
import sys

import jsonschema


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True)
    parser.add_argument("reports", nargs="+")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=jsonschema.FormatChecker())

    passed = failed = 0
    for path in args.reports:
        try:
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            print(f"FAIL {path}: {e}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(report), key=lambda e: e.json_path)
        if errors:
            failed += 1
            print(f"FAIL {path} ({cls.__name__})")
            for error in errors[:20]:
                print(f"    {error.json_path}: {error.message[:300]}")
        else:
            passed += 1
            print(f"ok   {path}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
