"""Helpers the tests/dist checks share: running commands, reporting failures."""
import re
import subprocess
import sys

VERSION_LINE = re.compile(r"^restage \d+\.\d+\.\d+ \((git [0-9A-Za-z.+-]+|unknown commit)\)$")

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL {message}", file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def run(args, **kwargs):
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 300)
    return subprocess.run(args, **kwargs)


def check_version(args, where):
    """Runs ARGS (a restage --version command) and checks its one line."""
    p = run(args)
    line = p.stdout.strip()
    if check(p.returncode == 0, f"{where}: {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}"):
        check(VERSION_LINE.match(line), f"{where}: unexpected version line {line!r}")
    return line


def check_migrate(result, where):
    """RESULT: a finished `restage migrate examples/node-app/Dockerfile`."""
    if not check(result.returncode == 0,
                 f"{where}: migrate exited {result.returncode}: {result.stderr.strip()[-400:]}"):
        return
    froms = [l for l in result.stdout.splitlines() if l.upper().startswith("FROM ")]
    check(len(froms) >= 2, f"{where}: migrate output has {len(froms)} FROM lines, expected 2+")


def finish(name):
    if failures:
        print(f"{name}: {len(failures)} failure(s)", file=sys.stderr)
        sys.exit(1)
    print(f"{name}: ok")
