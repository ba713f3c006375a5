#!/usr/bin/env python3
"""restage --version, -V and `restage version` print one line naming the
version and the commit: the checkout's HEAD when built from git, "unknown
commit" for a source tree without .git (cmake/GenerateVersion.cmake run on
an exported copy), or the commit the builder passes (RESTAGE_COMMIT).

usage: check_version.py --restage BIN --source DIR --version X.Y.Z
"""
import argparse
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import check, check_version, finish, run  # noqa: E402


def generate(source, tmp, commit=None):
    out = os.path.join(tmp, "Version.cpp")
    args = ["cmake", f"-DSOURCE_DIR={source}", f"-DOUTPUT={out}", "-DVERSION=9.8.7"]
    if commit:
        args.append(f"-DCOMMIT={commit}")
    p = run(args + ["-P", os.path.join(os.path.dirname(__file__), "..", "..", "cmake",
                                       "GenerateVersion.cmake")])
    check(p.returncode == 0, f"GenerateVersion.cmake failed: {p.stderr}")
    return open(out).read() if os.path.exists(out) else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--version", required=True)
    a = ap.parse_args()

    lines = {flag: check_version([a.restage, flag], "build") for flag in ("--version", "-V", "version")}
    check(len(set(lines.values())) == 1, f"--version, -V and version differ: {lines}")
    line = lines["--version"]
    check(line.startswith(f"restage {a.version} "), f"version line {line!r}, project is {a.version}")
    head = run(["git", "-C", a.source, "rev-parse", "HEAD"])
    if head.returncode == 0:
        # Built from this checkout: the line names one of its commits (HEAD, or
        # an older one when the build predates the last commit).
        m = re.search(r"\(git (?:.*-g)?([0-9a-f]{7,40})(?:-dirty)?\)$", line)
        if check(m, f"built from a checkout, but --version says {line!r}"):
            r = run(["git", "-C", a.source, "merge-base", "--is-ancestor", m.group(1), "HEAD"])
            check(r.returncode == 0, f"{m.group(1)} (from --version) is not a commit of HEAD's history")

    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, "tree")
        os.makedirs(tree)
        # A source tree without .git, as a release tarball unpacks.
        export = run(["sh", "-c", f'git -C "{a.source}" archive HEAD cmake | tar -x -C "{tree}"'])
        if check(export.returncode == 0, f"git archive: {export.stderr}"):
            text = generate(tree, tmp)
            check('"restage 9.8.7 (unknown commit)"' in text, f"tarball tree: {text!r}")
            text = generate(tree, tmp, commit="0123456789ab")
            check('"restage 9.8.7 (git 0123456789ab)"' in text, f"RESTAGE_COMMIT given: {text!r}")
    finish("version")


if __name__ == "__main__":
    main()
