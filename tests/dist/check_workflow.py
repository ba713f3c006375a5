#!/usr/bin/env python3
"""The GitHub Actions workflow in docs/install.md ("GitHub Actions workflow:
code scanning and annotations") works as written.

Static checks: the block is YAML with on/permissions/jobs, every `uses:` is
pinned to a major version, the SARIF upload reads the file the SARIF step
writes, and every restage command in a `run:` exists with the options it
passes. Then each step that runs restage runs with bash -e -o pipefail (as
GitHub runs `run:` steps) in a fixture git repository, restage on PATH: the
SARIF step writes a log that validates against the SARIF 2.1.0 schema
(../shared/schemas/sarif) with the rewrite and both findings of the
fixture; the annotation step prints only well-formed workflow commands, one
for each, and exits 1 (--check: a file would be rewritten).

usage: check_workflow.py --restage BIN --source DIR --schemas DIR
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_action import check_commands  # noqa: E402
from distsupport import check, finish, run  # noqa: E402

HEADING = "## GitHub Actions workflow: code scanning and annotations"

# The seed's bug: a trailing comment (RS002) and a runtime that cannot start (RS003).
BROKEN = ("FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\n"
          "FROM scratch\nCOPY --from=build /app/dist /app  # the build output\nCMD [\"npm\", \"start\"]\n")
GO = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nCMD [\"/bin/app\"]\n"
COMMAND = re.compile(r"^::(error|warning|notice) [a-zA-Z]+=[^,:]*(,[a-zA-Z]+=[^,:]*)*::.+$")


def workflow_block(source):
    text = open(os.path.join(source, "docs", "install.md"), encoding="utf-8").read()
    section = text.split(HEADING, 1)
    if not check(len(section) == 2, f"docs/install.md has no section {HEADING!r}"):
        return None
    m = re.search(r"```yaml\n(.*?)```", section[1], re.S)
    check(m, "the section has no ```yaml block")
    return m.group(1) if m else None


def fixture(tmp):
    repo = os.path.join(tmp, "repo")
    for path, text in [("web/Dockerfile", BROKEN), ("svc/Dockerfile", GO),
                       ("svc/go.mod", "module example.com/svc\n\ngo 1.22\n"),
                       ("svc/main.go", "package main\n\nfunc main() {}\n"),
                       ("README.md", "# fixture\n")]:
        os.makedirs(os.path.dirname(os.path.join(repo, path)), exist_ok=True)
        with open(os.path.join(repo, path), "w") as f:
            f.write(text)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "fixture"]):
        subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, env=env)
    return repo


def validator(schemas):
    import jsonschema
    with open(os.path.join(schemas, "sarif", "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--schemas", required=True)
    a = ap.parse_args()
    block = workflow_block(a.source)
    if block is None:
        finish("workflow")
        return
    wf = yaml.safe_load(block)
    # PyYAML reads the key `on` as True.
    check(wf.get("on", wf.get(True)), "the workflow has no `on`")
    check(wf.get("permissions", {}).get("security-events") == "write",
          "upload-sarif needs permissions: security-events: write")
    steps = [s for job in wf.get("jobs", {}).values() for s in job.get("steps", [])]
    sarif_file = None
    for step in steps:
        if "uses" in step:
            check(re.match(r"^[\w.-]+/[\w./-]+@v\d+$", step["uses"]), f"uses {step['uses']!r} is not pinned")
            if "upload-sarif" in step["uses"]:
                sarif_file = step.get("with", {}).get("sarif_file")
    runs = [s for s in steps if re.search(r"(^|\s)restage\s+(batch|suggest)\b", s.get("run", ""))]
    check(len(runs) == 2, f"expected 2 steps that run restage, found {len(runs)}")

    with tempfile.TemporaryDirectory(prefix="restage-workflow-") as tmp:
        repo = fixture(tmp)
        bindir = os.path.join(tmp, "bin")
        os.makedirs(bindir)
        os.symlink(os.path.abspath(a.restage), os.path.join(bindir, "restage"))
        env = {**os.environ, "PATH": bindir + os.pathsep + os.environ["PATH"], "RUNNER_TEMP": tmp}
        for step in runs:
            script = step["run"]
            # Every restage command and option in it exists (the same check as action.yml's).
            check_commands(a.restage, script.replace("restage ", "$restage\" "), step.get("name", "?"))
            p = run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=repo, env=env)
            if "--format sarif" in script:
                check(p.returncode == 0, f"SARIF step exited {p.returncode}: {p.stderr.strip()}")
                check(p.stderr == "", f"SARIF step wrote to stderr: {p.stderr.strip()}")
                path = os.path.join(repo, sarif_file or "")
                if not check(sarif_file and os.path.isfile(path), f"no {sarif_file} for upload-sarif"):
                    continue
                doc = json.load(open(path, encoding="utf-8"))
                errors = sorted(validator(a.schemas).iter_errors(doc), key=lambda e: list(e.absolute_path))
                check(not errors, "SARIF invalid: " + "; ".join(e.message for e in errors[:3]))
                found = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
                         for r in doc["runs"][0]["results"]}
                check({("RS001", "svc/Dockerfile"), ("RS002", "web/Dockerfile"),
                       ("RS003", "web/Dockerfile")} <= found, f"SARIF results: {sorted(found)}")
            elif "--format github" in script:
                check(p.returncode == 1, f"annotation step (--check) exited {p.returncode}, expected 1")
                check(p.stderr == "", f"annotation step wrote to stderr: {p.stderr.strip()}")
                lines = p.stdout.splitlines()
                for line in lines:
                    check(COMMAND.match(line), f"not a workflow command: {line!r}")
                titles = {re.search(r"title=(RS\d+)", l).group(1) for l in lines if "title=RS" in l}
                check(titles == {"RS001", "RS002", "RS003"}, f"annotations for {sorted(titles)}")
            else:
                check(False, f"a restage step that is neither SARIF nor annotations: {script!r}")
    finish("workflow")


if __name__ == "__main__":
    main()
