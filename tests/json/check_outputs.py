#!/usr/bin/env python3
"""Runs the restage binary on representative inputs and validates every JSON
document it prints against its schema in docs/schemas/ (docs/json.md).

usage: check_outputs.py --restage BIN --source DIR --shared DIR [--homepage URL]

Each input is chosen for one kind of outcome (migrated, unchanged, refused,
error, finding, skipped, written with a backup); the script checks that the
outcome really is that kind, so a fixture that drifts cannot make a case
vacuous. The schemas say `additionalProperties: false`, so a key the code
adds without declaring it fails here. Exit status: 0 all valid, 1 not.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "suggest"))
from validate_json import load_validator, problems  # noqa: E402

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def run(restage, args, cwd=None, stdin=None):
    p = subprocess.run([restage] + args, cwd=cwd, input=stdin, capture_output=True, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class Checker:
    def __init__(self, schema_dir, version):
        self.schema_dir = schema_dir
        self.version = version
        self.validators = {}
        self.validated = 0

    def validator(self, name):
        if name not in self.validators:
            self.validators[name] = load_validator(os.path.join(self.schema_dir, name + ".schema.json"))
        return self.validators[name]

    def check(self, name, label, text):
        """Parses `text`, validates it against schema `name`; returns the document or None."""
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            fail(f"{label}: not JSON ({e}): {text[:200]!r}")
            return None
        for p in problems(self.validator(name), doc):
            fail(f"{label}: {name}.schema.json: {p}")
        if doc.get("restage_version") != self.version:
            fail(f"{label}: restage_version {doc.get('restage_version')!r}, --version says {self.version!r}")
        self.validated += 1
        return doc


NODE_APP = {
    "Dockerfile": 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n'
                  'HEALTHCHECK CMD curl -f http://localhost/\nCMD ["node", "dist/index.js"]\n',
    "package.json": '{"name": "app", "scripts": {"build": "tsc"}}\n',
}
MULTI_STAGE = ('FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n'
               'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD ["/app"]\n')
PYTHON = 'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/main.py"]\n'
SYNTAX_ERROR = 'FROM node:20\nENV PATH\nCMD ["node", "x.js"]\n'
# RS002 trailing-comment: BuildKit passes the words as arguments.
TRAILING_COMMENT = ('FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci\n'
                    'FROM node:20-slim\nCOPY --from=builder /app/build .  # the build output\n'
                    'CMD ["node", "index.js"]\n')


# Inputs for the keys of .restage.yaml's ignore comment and of compose build
# contexts (docs/config.md, docs/batch.md): their outcomes are tested where
# those features are; here they only make the keys appear, to be validated.
COMPOSE = ('services:\n  web:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n'
           '      args:\n        NODE_ENV: production\n')
IGNORED = '# restage: ignore reason=the image is pinned by the platform team\n' + NODE_APP["Dockerfile"]


def make_tree(root):
    for name, text in NODE_APP.items():
        write(os.path.join(root, "svc", "node", name), text)
    write(os.path.join(root, "svc", "multi", "Dockerfile"), MULTI_STAGE)
    write(os.path.join(root, "svc", "python", "Dockerfile"), PYTHON)
    write(os.path.join(root, "svc", "bad", "Dockerfile"), SYNTAX_ERROR)
    write(os.path.join(root, "svc", "comment", "Dockerfile"), TRAILING_COMMENT)
    write(os.path.join(root, "svc", "composed", "compose.yaml"), COMPOSE)
    write(os.path.join(root, "svc", "composed", "package.json"), NODE_APP["package.json"])
    write(os.path.join(root, "svc", "composed", "app", "Dockerfile"), NODE_APP["Dockerfile"])
    write(os.path.join(root, "svc", "ignored", "Dockerfile"), IGNORED)
    outside = os.path.join(os.path.dirname(root), "outside.Dockerfile")
    write(outside, PYTHON)
    os.symlink(outside, os.path.join(root, "svc", "linked.Dockerfile"))


def check_migrate(c, restage, tree):
    cases = [
        ("migrated", ["svc/node/Dockerfile"], "migrated"),
        ("unchanged", ["svc/multi/Dockerfile"], "unchanged"),
        ("refused", ["svc/python/Dockerfile"], "refused"),
        ("syntax error", ["svc/bad/Dockerfile"], "error"),
        ("missing file", ["svc/none/Dockerfile"], "error"),
        ("finding", ["svc/comment/Dockerfile"], "unchanged"),
    ]
    for label, args in [("ignore comment", ["svc/ignored/Dockerfile"]),
                        ("compose context", ["svc/composed/app/Dockerfile"]),
                        ("unsafe fixes", ["--unsafe-fixes", "svc/comment/Dockerfile"])]:
        _, out, _ = run(restage, ["migrate", "-f", "json"] + args, cwd=tree)
        c.check("migrate", f"migrate {label}", out)
    for label, args, status in cases:
        _, out, _ = run(restage, ["migrate", "-f", "json"] + args, cwd=tree)
        doc = c.check("migrate", f"migrate {label}", out)
        if doc and doc["status"] != status:
            fail(f"migrate {label}: status {doc['status']}, expected {status}")
        if doc and label == "syntax error" and "line" not in doc.get("error", {}):
            fail("migrate syntax error: the error object has no line")
    _, out, _ = run(restage, ["migrate", "-f", "json", "-"], cwd=os.path.join(tree, "svc", "node"),
                    stdin=NODE_APP["Dockerfile"].encode())
    c.check("migrate", "migrate from stdin", out)


def check_batch(c, restage, tree, corpus):
    # The real-world corpus: every kind of file restage meets, as JSON and as the report.
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        status, out, err = run(restage, ["batch", "-f", "json", "--quiet", "--report", report, corpus])
        doc = c.check("batch", "batch realworld -f json", out)
        with open(report, encoding="utf-8") as f:
            c.check("batch", "batch realworld --report", f.read())
        if doc:
            statuses = {f["status"] for f in doc["files"]}
            for wanted in ("migrated", "unchanged", "refused"):
                if wanted not in statuses:
                    fail(f"batch realworld: no file is {wanted} ({sorted(statuses)})")
            if len(doc["files"]) < 100:
                fail(f"batch realworld: only {len(doc['files'])} files")
            if not any(f.get("contract") for f in doc["files"]):
                fail("batch realworld: no migrated row has a contract")
            if not any(f["explanation"] for f in doc["files"]):
                fail("batch realworld: no row has an explanation")

    # The fixture tree: a syntax error, a finding, a symlink leaving the tree.
    _, out, _ = run(restage, ["batch", "-f", "json", "--quiet", "--check", "svc"], cwd=tree)
    doc = c.check("batch", "batch tree --check", out)
    if doc:
        by_path = {f["path"]: f for f in doc["files"]}
        expect = {"svc/node/Dockerfile": "migrated", "svc/multi/Dockerfile": "unchanged",
                  "svc/python/Dockerfile": "refused", "svc/bad/Dockerfile": "error",
                  "svc/comment/Dockerfile": "unchanged", "svc/linked.Dockerfile": "skipped"}
        for path, status in expect.items():
            got = by_path.get(path, {}).get("status")
            if got != status:
                fail(f"batch tree: {path} is {got}, expected {status}")
        if not by_path.get("svc/comment/Dockerfile", {}).get("findings"):
            fail("batch tree: svc/comment/Dockerfile has no finding")
        if doc["mode"] != "check":
            fail(f"batch tree: mode {doc['mode']}")

    # --write --backup on a copy: `written` and `backup`.
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "tree")
        shutil.copytree(os.path.join(tree, "svc", "node"), copy)
        _, out, _ = run(restage, ["batch", "-f", "json", "--quiet", "--write", "--backup", "tree"], cwd=tmp)
        doc = c.check("batch", "batch --write --backup", out)
        if doc and not (doc["files"] and doc["files"][0].get("backup") and doc["files"][0]["written"]):
            fail("batch --write --backup: the row has no backup or was not written")


def check_suggest(c, restage, tree, corpus):
    files = []
    for folder, _, names in os.walk(corpus):
        files += [os.path.join(folder, n) for n in names if n.endswith(".Dockerfile")]
    files.sort()
    _, out, _ = run(restage, ["suggest", "-f", "json"] + files)
    doc = c.check("suggest", "suggest realworld", out)
    if doc and not any(f["suggestions"] for f in doc["files"]):
        fail("suggest realworld: no file has suggestions")
    _, out, _ = run(restage, ["suggest", "-f", "json", "svc/node/Dockerfile", "svc/bad/Dockerfile",
                              "svc/comment/Dockerfile", "svc/python/Dockerfile", "svc/none/Dockerfile"],
                    cwd=tree)
    doc = c.check("suggest", "suggest tree", out)
    if doc:
        statuses = [f["status"] for f in doc["files"]]
        if statuses != ["migrated", "error", "unchanged", "refused", "error"]:
            fail(f"suggest tree: statuses {statuses}")
        if not doc["files"][2]["findings"]:
            fail("suggest tree: the trailing comment is no finding")


def check_verify(c, restage, tree):
    # No rewrite, so nothing is built: the report still follows the schema.
    _, out, _ = run(restage, ["verify", "-f", "json", "--engine", "buildah", "svc/multi/Dockerfile"], cwd=tree)
    doc = c.check("verify", "verify no-rewrite", out)
    if doc and doc["verdict"] != "no-rewrite":
        fail(f"verify: verdict {doc['verdict']}")


def check_parse(c, restage, tree, shared):
    for label, path in [("node", "svc/node/Dockerfile"), ("syntax error", "svc/bad/Dockerfile")]:
        _, out, _ = run(restage, ["parse", "-f", "json", path], cwd=tree)
        c.check("parse", f"parse {label}", out)
    # Every instruction kind and syntax oddity BuildKit's own test files have.
    corpus = os.path.join(shared, "corpus", "buildkit-parser")
    files = []
    for folder, _, names in os.walk(corpus):
        files += [os.path.join(folder, n) for n in names if n == "Dockerfile"]
    _, out, _ = run(restage, ["parse", "-f", "json"] + sorted(files))
    lines = [line for line in out.splitlines() if line.strip()]
    if len(lines) != len(files) or not files:
        fail(f"parse corpus: {len(lines)} documents for {len(files)} files")
    for n, line in enumerate(lines):
        c.check("parse", f"parse corpus document {n + 1}", line)


def check_rejects_unknown_keys(c, restage, tree):
    # The schemas are strict: an undeclared key anywhere fails.
    _, out, _ = run(restage, ["migrate", "-f", "json", "svc/node/Dockerfile"], cwd=tree)
    doc = json.loads(out)
    doc["contract"]["undeclared"] = []
    if not problems(c.validator("migrate"), doc):
        fail("migrate.schema.json accepts an undeclared key in contract")
    doc = json.loads(out)
    doc["builderBase"] = doc.pop("builder_base")
    if not problems(c.validator("migrate"), doc):
        fail("migrate.schema.json accepts the old camelCase builderBase")


def check_shared_definitions(schema_dir):
    # batch and suggest repeat migrate's definitions (no cross-file $ref):
    # they must stay the same.
    def load(name):
        with open(os.path.join(schema_dir, name + ".schema.json"), encoding="utf-8") as f:
            return json.load(f)
    migrate = load("migrate")["definitions"]
    for name, keys in [("batch", ["contract", "error"]), ("suggest", ["error"])]:
        defs = load(name)["definitions"]
        for key in keys:
            if defs.get(key) != migrate[key]:
                fail(f"{name}.schema.json: definitions/{key} differs from migrate.schema.json's")


def check_sarif_homepage(restage, tree, homepage):
    _, out, _ = run(restage, ["suggest", "-f", "sarif", "svc/node/Dockerfile"], cwd=tree)
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    if homepage and driver.get("informationUri") != homepage:
        fail(f"sarif: informationUri {driver.get('informationUri')!r}, RESTAGE_HOMEPAGE is {homepage!r}")
    if not homepage and "informationUri" in driver:
        fail(f"sarif: informationUri {driver['informationUri']!r} without RESTAGE_HOMEPAGE")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--homepage", default="")
    a = ap.parse_args()
    restage = os.path.abspath(a.restage)
    schema_dir = os.path.join(a.source, "docs", "schemas")
    _, out, _ = run(restage, ["--version"])
    version = out.split()[1]
    c = Checker(schema_dir, version)
    corpus = os.path.join(a.shared, "corpus", "realworld")
    check_shared_definitions(schema_dir)
    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, "repo")
        make_tree(tree)
        check_migrate(c, restage, tree)
        check_batch(c, restage, tree, corpus)
        check_suggest(c, restage, tree, corpus)
        check_verify(c, restage, tree)
        check_parse(c, restage, tree, a.shared)
        check_rejects_unknown_keys(c, restage, tree)
        check_sarif_homepage(restage, tree, a.homepage)
    print(f"{c.validated} documents validated, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
