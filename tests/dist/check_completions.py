#!/usr/bin/env python3
"""The shell completions in dist/completions offer exactly the commands and
options the binary has: the commands of `restage --help`, and for each
command the long options of `restage COMMAND --help`.

bash is checked by running its completion function; zsh and fish by reading
their files (and `zsh -n` / `fish -n` when those shells are installed).

usage: check_completions.py --restage BIN --source DIR
"""
import argparse
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import check, finish, run  # noqa: E402


def commands_of(restage):
    usage = run([restage, "--help"]).stdout
    block = usage.split("commands:", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def long_options(restage, command):
    return set(re.findall(r"--[a-z][a-z-]*", run([restage, command, "--help"]).stdout.split("\n\n")[0]))


def bash_complete(bash_file, words):
    cword = len(words) - 1
    quoted = " ".join(f"'{w}'" for w in words)
    script = (f'source "{bash_file}"; COMP_WORDS=({quoted}); COMP_CWORD={cword}; _restage; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    return set(run(["bash", "-c", script]).stdout.split())


def zsh_block(text, command):
    """The `COMMAND)` branch of the zsh completion's case."""
    m = re.search(rf"^\s*{re.escape(command)}\)\n(.*?)^\s*;;", text, re.S | re.M)
    return m.group(1) if m else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    comp = os.path.join(a.source, "dist", "completions")
    bash_file = os.path.join(comp, "restage.bash")
    zsh_text = open(os.path.join(comp, "_restage")).read()
    fish_text = open(os.path.join(comp, "restage.fish")).read()

    commands = commands_of(a.restage)
    check(len(commands) >= 4, f"read only {commands} from restage --help")
    offered = bash_complete(bash_file, ["restage", ""])
    check(set(commands) <= offered, f"bash offers {sorted(offered)}, commands are {commands}")
    for c in commands:
        check(re.search(rf"'{c}:", zsh_text), f"zsh completion does not list the command {c}")
        check(re.search(rf"-a {c} ", fish_text), f"fish completion does not list the command {c}")

    for c in commands:
        if c == "version":
            continue
        want = long_options(a.restage, c)
        check(want, f"no options read from restage {c} --help")
        got = bash_complete(bash_file, ["restage", c, "--"])
        check(got == want, f"bash, {c}: offers {sorted(got)}; --help lists {sorted(want)}")
        zsh_got = set(re.findall(r"--[a-z][a-z-]*", zsh_block(zsh_text, c)))
        check(zsh_got == want, f"zsh, {c}: offers {sorted(zsh_got)}; --help lists {sorted(want)}")
        fish_got = set("--" + o for o in re.findall(
            rf"__fish_seen_subcommand_from {c}'.*?-l ([a-z-]+)", fish_text))
        check(fish_got == want, f"fish, {c}: offers {sorted(fish_got)}; --help lists {sorted(want)}")

    # Completing a value: formats come from the help text's list.
    got = bash_complete(bash_file, ["restage", "suggest", "--format", "s"])
    check(got == {"sarif"}, f"bash, suggest --format s: {sorted(got)}")

    for shell, path in [("zsh", "_restage"), ("fish", "restage.fish")]:
        if shutil.which(shell):
            r = run([shell, "-n", os.path.join(comp, path)])
            check(r.returncode == 0, f"{shell} -n {path}: {r.stderr.strip()}")
    finish("completions")


if __name__ == "__main__":
    main()
