#!/usr/bin/env python3
"""`cmake --install BUILD --prefix DIR` gives a working tree: the binary runs
(--version, a migrate of examples/node-app), every man page is there and
renders, and the three shell completions are where the shells look.

usage: check_install.py --build DIR --source DIR --manpages ON|OFF
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import check, check_migrate, check_version, finish, run  # noqa: E402

COMMANDS = ["migrate", "batch", "suggest", "parse", "rule"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--manpages", required=True)
    a = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="restage-install-") as prefix:
        p = run(["cmake", "--install", a.build, "--prefix", prefix])
        check(p.returncode == 0, f"cmake --install exited {p.returncode}: {p.stderr}")
        exe = os.path.join(prefix, "bin", "restage")
        if not check(os.access(exe, os.X_OK), "bin/restage is not installed"):
            finish("install")
        check_version([exe, "--version"], "installed")

        # The installed binary, run from elsewhere, needs nothing from the tree.
        example = os.path.join(a.source, "examples", "node-app")
        with tempfile.TemporaryDirectory() as cwd:
            shutil.copytree(example, os.path.join(cwd, "app"))
            r = run([exe, "migrate", "app/Dockerfile", "--context", "app"], cwd=cwd)
        check_migrate(r, "installed")

        share = os.path.join(prefix, "share")
        for path in ["bash-completion/completions/restage", "zsh/vendor-completions/_restage",
                     "fish/vendor_completions.d/restage.fish"]:
            check(os.path.isfile(os.path.join(share, path)), f"share/{path} is not installed")

        # bash finds the completion where bash-completion looks for it and completes.
        bash_file = os.path.join(share, "bash-completion/completions/restage")
        script = (f'source "{bash_file}"; COMP_WORDS=(restage mig); COMP_CWORD=1; _restage; '
                  'printf "%s\\n" "${COMPREPLY[@]}"')
        r = run(["bash", "-c", script])
        check(r.stdout.split() == ["migrate"], f"installed bash completion gave {r.stdout.split()}")

        if a.manpages == "ON":
            man1 = os.path.join(share, "man", "man1")
            for page in ["restage"] + [f"restage-{c}" for c in COMMANDS]:
                path = os.path.join(man1, f"{page}.1.gz")
                if not check(os.path.isfile(path), f"man page {page}(1) is not installed"):
                    continue
                if shutil.which("man"):
                    r = run(["man", "-l", path], env={**os.environ, "MANWIDTH": "100", "LC_ALL": "C"})
                    text = r.stdout
                    check(r.returncode == 0 and "NAME" in text,
                          f"man -l {page}.1.gz failed: {r.stderr.strip()}")
                    # Generated from the real --help: every long option is on the page.
                    if page != "restage":
                        h = run([exe, page.split("-", 1)[1], "--help"]).stdout
                        for opt in sorted(set(re.findall(r"--[a-z][a-z-]*", h))):
                            check(opt in text, f"{page}(1) does not mention {opt}")
    finish("install")


if __name__ == "__main__":
    main()
