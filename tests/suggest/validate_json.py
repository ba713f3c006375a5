#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema; prints every error.

usage: validate_json.py SCHEMA DOCUMENT...

The schema's own draft decides the validator (reviewdog's and SARIF's are
draft-04). Every $ref in the schemas restage validates against is local
("#/definitions/..."), so no resolver is needed. Exit status: 0 valid,
1 invalid, 2 bad usage or a schema that is not valid itself.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_json.py: the Python module 'jsonschema' is missing "
             "(Debian: apt-get install python3-jsonschema)")


def load_validator(schema_path):
    """A validator for the schema in schema_path (checked first)."""
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def problems(validator, doc):
    """Every error as "PATH/IN/DOC: message", in document order."""
    errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    return [("/".join(str(p) for p in e.absolute_path) or "(root)") + ": " + e.message for e in errors]


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    validator = load_validator(argv[1])
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = problems(validator, doc)
        for e in errors:
            print(f"{path}: {e}")
        failed = failed or bool(errors)
        if not errors:
            print(f"{path}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
