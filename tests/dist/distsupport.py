"""Helpers the tests/dist checks share: running commands, reporting failures."""
import os
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


class Container:
    """A buildah working container from a local image (never pulled);
    removed on exit. Commands run with chroot isolation, as the e2e suite's."""

    def __init__(self, image):
        self.image = image
        self.name = None

    def __enter__(self):
        p = run(["buildah", "from", "--pull=never", self.image])
        if p.returncode != 0:
            raise RuntimeError(f"buildah from {self.image}: {p.stderr.strip()}")
        self.name = p.stdout.strip().splitlines()[-1]
        return self

    def __exit__(self, *exc):
        run(["buildah", "rm", self.name])

    def copy(self, src, dest):
        p = run(["buildah", "copy", "--quiet", self.name, src, dest])
        if p.returncode != 0:
            raise RuntimeError(f"buildah copy {src}: {p.stderr.strip()}")

    def run(self, args, user=None):
        cmd = ["buildah", "run", "--isolation", "chroot"]
        if user:
            cmd += ["--user", user]
        return run(cmd + [self.name, "--"] + list(args))

    def read(self, path):
        """The text of PATH in the container's root filesystem ("" when absent)."""
        p = run(["buildah", "mount", self.name])
        if p.returncode != 0:
            raise RuntimeError(f"buildah mount {self.name}: {p.stderr.strip()}")
        try:
            with open(os.path.join(p.stdout.strip(), path.lstrip("/")), errors="replace") as f:
                return f.read()
        except OSError:
            return ""
        finally:
            run(["buildah", "umount", self.name])

    def libc(self):
        """'glibc 2.31', 'musl' or 'no C library', read from the root filesystem."""
        p = run(["buildah", "mount", self.name])
        root = p.stdout.strip()
        try:
            import glob
            for path in glob.glob(f"{root}/lib/x86_64-linux-gnu/libc.so.6") + \
                    glob.glob(f"{root}/usr/lib/x86_64-linux-gnu/libc.so.6"):
                data = open(path, "rb").read()
                m = re.search(rb"release version (\d+\.\d+)", data)
                if m:
                    return "glibc " + m.group(1).decode()
            if glob.glob(f"{root}/lib/ld-musl-*") or glob.glob(f"{root}/usr/lib/*/libc.musl*"):
                return "musl"
            return "no C library"
        finally:
            run(["buildah", "umount", self.name])


def os_name(container):
    """PRETTY_NAME from the container's os-release (files only, no shell needed)."""
    p = run(["buildah", "mount", container.name])
    root = p.stdout.strip()
    try:
        for path in ["etc/os-release", "usr/lib/os-release"]:
            try:
                text = open(f"{root}/{path}").read()
            except OSError:
                continue
            m = re.search(r'^PRETTY_NAME="?([^"\n]*)', text, re.M)
            if m:
                return m.group(1)
        return "unknown"
    finally:
        run(["buildah", "umount", container.name])
