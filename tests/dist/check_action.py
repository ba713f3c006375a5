#!/usr/bin/env python3
"""action.yml is well-formed and its steps work.

Static checks: the keys GitHub requires (name, description, runs.using,
runs.steps, a shell on every run step), a description on every input, every
${{ inputs.X }} declared, `uses:` pinned to a major version, and every
restage command the steps run exists with the options they pass.

Then each step's script runs with bash on a scratch git repository, with the
docker CLI and reviewdog replaced by shims (tests/dist/shims) that answer
with the restage binary under test: check mode fails on a single-stage
Dockerfile and passes on a multi-stage one, suggest mode feeds reviewdog
rdjson for the changed Dockerfile, sarif mode writes SARIF for every
Dockerfile, a bad mode is refused.

usage: check_action.py --restage BIN --source DIR
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import check, fail, finish, run  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def restage_options(restage, command):
    text = run([restage, command, "--help"]).stdout
    return set(re.findall(r"--[a-z][a-z-]*", text.split("\n\n")[0]))


def check_commands(restage, script, where):
    """Every `restage SUBCOMMAND --opt` (or `"$IMAGE" SUBCOMMAND`) in SCRIPT exists."""
    commands = set(run([restage, "--help"]).stdout.split("commands:", 1)[1].split())
    found = 0
    joined = script.replace("\\\n", " ")
    for m in re.finditer(r'(?:/restage"|\$restage"|\$IMAGE")[ \t]+(-{0,2}[a-z][a-z-]*)([^|\n]*)',
                         joined):
        sub, rest = m.group(1), m.group(2)
        if sub.startswith("-"):
            check(sub in ("--version",), f"{where}: restage {sub}?")
            found += 1
            continue
        if not check(sub in commands, f"{where}: restage has no command {sub!r}"):
            continue
        found += 1
        known = restage_options(restage, sub)
        for opt in re.findall(r"(?<![\w-])--[a-z][a-z-]*", rest):
            check(opt in known, f"{where}: restage {sub} has no option {opt}")
    return found


def static_checks(action, text, restage):
    for key in ("name", "description", "runs"):
        check(action.get(key), f"action.yml: no {key}")
    runs = action.get("runs", {})
    check(runs.get("using") == "composite", f"runs.using is {runs.get('using')!r}")
    inputs = action.get("inputs", {})
    for name, spec in inputs.items():
        check(spec.get("description"), f"input {name} has no description")
        if "default" in spec:
            check(isinstance(spec["default"], str), f"input {name}: default is not a string")
    for name in re.findall(r"inputs\.([a-z0-9_-]+)", text):
        check(name in inputs, f"action.yml uses inputs.{name}, which is not declared")
    modes = set(re.findall(r"inputs\.mode == '([a-z]+)'", text))
    check(modes == {"check", "suggest", "sarif"}, f"modes with steps: {sorted(modes)}")
    found = 0
    for i, step in enumerate(runs.get("steps", [])):
        where = f"step {i + 1} ({step.get('name', '?')})"
        check(step.get("name"), f"{where}: no name")
        if "run" in step:
            check(step.get("shell") == "bash", f"{where}: run step without shell: bash")
            script = re.sub(r"\$\{\{.*?\}\}", "x", step["run"])
            r = run(["bash", "-n"], input=script)
            check(r.returncode == 0, f"{where}: bash -n: {r.stderr.strip()}")
            found += check_commands(restage, step["run"], where)
        elif "uses" in step:
            check(re.match(r"^[\w.-]+/[\w./-]+@v\d+$", step["uses"]),
                  f"{where}: uses {step['uses']!r} is not pinned to a major version")
        else:
            fail(f"{where}: neither run nor uses")
    check(found >= 4, f"found only {found} restage commands in the steps")


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


class Runner:
    """Runs one step's script as GitHub would (bash -e -o pipefail) in REPO."""

    def __init__(self, action, restage, repo, tmp):
        self.steps = {s.get("id") or s["name"]: s for s in action["runs"]["steps"]}
        self.repo, self.tmp = repo, tmp
        self.log = os.path.join(tmp, "shim.log")
        self.rdjson = os.path.join(tmp, "rdjson")
        self.env = {**os.environ,
                    "PATH": os.path.join(HERE, "shims") + os.pathsep + os.environ["PATH"],
                    "RESTAGE_UNDER_TEST": os.path.abspath(restage),
                    "RUNNER_TEMP": tmp, "SHIM_LOG": self.log, "SHIM_RDJSON": self.rdjson}

    def step(self, key):
        return self.steps[key]

    def run(self, key, env):
        step = self.step(key)
        missing = set(step.get("env", {})) - set(env)
        check(not missing, f"step {key}: test gives no value for env {sorted(missing)}")
        out = os.path.join(self.tmp, "github_output")
        open(out, "w").close()
        r = run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=self.repo,
                env={**self.env, **env, "GITHUB_OUTPUT": out})
        outputs = dict(l.split("=", 1) for l in open(out).read().splitlines() if "=" in l)
        return r, outputs


def functional_checks(action, restage, source):
    with tempfile.TemporaryDirectory(prefix="restage-action-") as tmp:
        repo = os.path.join(tmp, "repo")
        os.makedirs(repo)
        git(repo, "init", "-q")
        shutil.copy(os.path.join(source, "Dockerfile"), os.path.join(repo, "Dockerfile"))
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "base")
        base = subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        r = Runner(action, restage, repo, tmp)
        image_env = {"IMAGE": "", "ACTION_PATH": source, "MODE": "check"}

        p, out = r.run("image", image_env)
        check(p.returncode == 0, f"image step failed: {p.stderr.strip()}")
        check(out.get("image"), "image step set no image output")
        check(os.access(os.path.join(tmp, "restage"), os.X_OK), "image step left no restage binary")
        check("docker build" in open(r.log).read(), "image step did not build the image")
        p, _ = r.run("image", {**image_env, "MODE": "lint"})
        check(p.returncode == 2 and "mode must be" in p.stdout, "a bad mode is not refused")

        check_step = next(k for k, s in r.steps.items() if "batch --check" in s.get("run", ""))
        env = {"IMAGE": out.get("image", ""), "PATHS": "."}
        p, _ = r.run(check_step, env)
        check(p.returncode == 0, f"check mode fails on a multi-stage Dockerfile: {p.stdout}{p.stderr}")
        shutil.copytree(os.path.join(source, "examples", "node-app"), os.path.join(repo, "app"))
        p, _ = r.run(check_step, env)
        check(p.returncode == 1, f"check mode exits {p.returncode} on a single-stage Dockerfile")

        suggest = next(k for k, s in r.steps.items() if "reviewdog -f=rdjson" in s.get("run", ""))
        p, _ = r.run(suggest, {"REVIEWDOG_GITHUB_API_TOKEN": "t", "REF": base,
                               "REPORTER": "github-pr-review"})
        if check(p.returncode == 0, f"suggest step failed: {p.stderr.strip()}"):
            rd = json.load(open(r.rdjson))
            paths = {d["location"]["path"] for d in rd.get("diagnostics", [])}
            check(paths == {"app/Dockerfile"}, f"reviewdog got diagnostics for {sorted(paths)}")

        for ref in ["", base]:
            sarif = os.path.join(tmp, "out.sarif")
            p, out = r.run("sarif", {"REF": ref, "PATHS": ".", "SARIF": sarif})
            if not check(p.returncode == 0, f"sarif step (REF={ref!r}) failed: {p.stderr.strip()}"):
                continue
            check(out.get("file") == sarif, f"sarif step output file={out.get('file')!r}")
            doc = json.load(open(sarif))
            uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
                    for res in doc["runs"][0]["results"] for loc in res["locations"]}
            check(doc.get("version") == "2.1.0" and uris == {"app/Dockerfile"},
                  f"sarif (REF={ref!r}): version {doc.get('version')}, results for {sorted(uris)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    path = os.path.join(a.source, "action.yml")
    text = open(path).read()
    action = yaml.safe_load(text)
    static_checks(action, text, a.restage)
    functional_checks(action, a.restage, a.source)
    finish("action")


if __name__ == "__main__":
    main()
