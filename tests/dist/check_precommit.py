#!/usr/bin/env python3
""".pre-commit-hooks.yaml is well-formed and its hooks work.

Static checks: a list of hooks with the keys pre-commit requires (id, name,
entry, language), unique ids, a known language, a `files` pattern that takes
Dockerfile names and leaves other files; a `system` hook's entry is a restage
command that exists with its options, a `docker` hook's entry is the path the
image's ENTRYPOINT names.

Then each hook's entry runs as pre-commit runs it (entry words + file names)
with the restage under test: the check hooks fail on a single-stage
Dockerfile and pass on a multi-stage one; the fix hooks rewrite the file, and
the check hook passes afterwards.

With --pre-commit PATH (pre-commit installed: scripts/setup test installs
Debian's), pre-commit itself runs the hooks from this checkout
(`pre-commit try-repo`) on a scratch repository: restage-check fails on a
single-stage Dockerfile, restage-fix rewrites it, and then restage-check passes.

usage: check_precommit.py --restage BIN --source DIR [--pre-commit PATH]
"""
import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import check, finish, run  # noqa: E402

LANGUAGES = {"system", "docker", "docker_image", "script"}
MATCH = ["Dockerfile", "svc/Dockerfile", "app/Containerfile", "build/app.dockerfile",
         "Dockerfile.prod", "DOCKERFILE"]
NO_MATCH = ["README.md", "dockerfiles/notes.txt", "src/Dockerfile_helper.py", "Makefile"]


def entrypoint(source):
    text = open(os.path.join(source, "Dockerfile")).read()
    m = re.findall(r'^ENTRYPOINT \["([^"]+)"', text, re.M)
    return m[-1] if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--pre-commit", default="")
    a = ap.parse_args()
    a.restage = os.path.abspath(a.restage)
    hooks = yaml.safe_load(open(os.path.join(a.source, ".pre-commit-hooks.yaml")))
    if not check(isinstance(hooks, list) and hooks, ".pre-commit-hooks.yaml is not a list of hooks"):
        finish("pre-commit")
    ids = [h.get("id") for h in hooks]
    check(len(set(ids)) == len(ids), f"duplicate hook ids: {ids}")
    check({"restage-check", "restage-fix"} <= set(ids), f"no check and fix hooks: {ids}")
    commands = set(run([a.restage, "--help"]).stdout.split("commands:", 1)[1].split())
    image_entry = entrypoint(a.source)

    for h in hooks:
        hid = h.get("id", "?")
        for key in ("id", "name", "entry", "language"):
            check(h.get(key), f"hook {hid}: no {key}")
        check(h.get("language") in LANGUAGES, f"hook {hid}: unknown language {h.get('language')!r}")
        pattern = re.compile(h.get("files", ""))
        for name in MATCH:
            check(pattern.search(name), f"hook {hid}: files does not take {name}")
        for name in NO_MATCH:
            check(not pattern.search(name), f"hook {hid}: files takes {name}")
        words = shlex.split(h.get("entry", ""))
        if h.get("language") == "system":
            check(words[0] == "restage", f"hook {hid}: entry runs {words[0]!r}, not restage")
        elif h.get("language") == "docker":
            check(words[0] == image_entry,
                  f"hook {hid}: entry runs {words[0]!r}; the image's ENTRYPOINT is {image_entry!r}")
        sub = words[1] if len(words) > 1 else ""
        if check(sub in commands, f"hook {hid}: restage has no command {sub!r}"):
            known = set(re.findall(r"--[a-z][a-z-]*", run([a.restage, sub, "--help"]).stdout))
            # `--` ends the options: pre-commit appends file names after it.
            check(words[-1] == "--", f"hook {hid}: entry does not end with `--` before the file names")
            for opt in words[2:]:
                check(opt == "--" or opt in known, f"hook {hid}: restage {sub} has no option {opt}")

    # Run the hooks as pre-commit would: entry + the matching file names, in the repo.
    by_id = {h["id"]: shlex.split(h["entry"])[1:] for h in hooks}
    with tempfile.TemporaryDirectory(prefix="restage-precommit-") as repo:
        shutil.copy(os.path.join(a.source, "Dockerfile"), os.path.join(repo, "Dockerfile"))
        shutil.copytree(os.path.join(a.source, "examples", "node-app"), os.path.join(repo, "app"))
        single = "app/Dockerfile"
        before = open(os.path.join(repo, single)).read()
        for hid in ("restage-check", "restage-check-docker"):
            if hid not in by_id:
                continue
            r = run([a.restage] + by_id[hid] + ["Dockerfile"], cwd=repo)
            check(r.returncode == 0, f"{hid} fails on a multi-stage Dockerfile: {r.stdout}{r.stderr}")
            r = run([a.restage] + by_id[hid] + ["Dockerfile", single], cwd=repo)
            check(r.returncode == 1, f"{hid} exits {r.returncode} on a single-stage Dockerfile")
        check(open(os.path.join(repo, single)).read() == before, "a check hook changed a file")
        r = run([a.restage] + by_id["restage-fix"] + ["Dockerfile", single], cwd=repo)
        after = open(os.path.join(repo, single)).read()
        check(after != before and after.count("\nFROM ") + after.startswith("FROM ") >= 2,
              f"restage-fix did not rewrite {single} (exit {r.returncode}: {r.stderr.strip()})")
        r = run([a.restage] + by_id["restage-check"] + [single], cwd=repo)
        check(r.returncode == 0, f"restage-check still fails after restage-fix: {r.stdout}")
    if a.pre_commit:
        real_pre_commit(a)
    finish("pre-commit")


def real_pre_commit(a):
    """pre-commit try-repo SOURCE HOOK on a scratch git repository."""
    with tempfile.TemporaryDirectory(prefix="restage-precommit-") as tmp:
        bindir, repo = os.path.join(tmp, "bin"), os.path.join(tmp, "repo")
        os.makedirs(bindir)
        os.symlink(a.restage, os.path.join(bindir, "restage"))
        shutil.copytree(os.path.join(a.source, "examples", "node-app"), os.path.join(repo, "app"))
        shutil.copy(os.path.join(a.source, "Dockerfile"), os.path.join(repo, "Dockerfile"))
        env = {**os.environ, "PATH": bindir + os.pathsep + os.environ["PATH"],
               "PRE_COMMIT_HOME": os.path.join(tmp, "home"),
               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
        run(["git", "init", "-q", repo])
        run(["git", "-C", repo, "add", "-A"])

        def hook(hid):
            return run([a.pre_commit, "try-repo", a.source, hid, "--all-files"], cwd=repo, env=env)

        r = hook("restage-check")
        check(r.returncode == 1 and "app/Dockerfile: would migrate" in r.stdout,
              f"pre-commit restage-check on a single-stage Dockerfile: exit {r.returncode}\n{r.stdout[-800:]}")
        r = hook("restage-fix")
        check(r.returncode == 1 and "files were modified by this hook" in r.stdout,
              f"pre-commit restage-fix: exit {r.returncode}\n{r.stdout[-800:]}")
        run(["git", "-C", repo, "add", "-A"])
        r = hook("restage-check")
        check(r.returncode == 0, f"pre-commit restage-check after the fix: exit {r.returncode}\n{r.stdout[-800:]}")
        print("pre-commit try-repo: restage-check failed, restage-fix rewrote, restage-check passed")


if __name__ == "__main__":
    main()
