#!/usr/bin/env python3
"""The packages cpack makes are right and install: the .deb's control fields
and file list, `dpkg -i` of it in stand-in containers (then restage --version,
dpkg -s, dpkg -r), and the tarball's bin/restage.

usage: check_packages.py --packages DIR --version X.Y.Z [--image IMAGE...]
Needs root and buildah for the install part.
"""
import argparse
import glob
import os
import re
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import Container, check, check_version, fail, finish, os_name, run  # noqa: E402

IMAGES = ["docker.io/library/debian:bullseye-slim", "docker.io/library/ubuntu:24.04"]
FILES = [
    "./usr/bin/restage",
    "./usr/share/man/man1/restage.1.gz",
    "./usr/share/man/man1/restage-migrate.1.gz",
    "./usr/share/bash-completion/completions/restage",
    "./usr/share/zsh/vendor-completions/_restage",
    "./usr/share/fish/vendor_completions.d/restage.fish",
]


def field(deb, name):
    return run(["dpkg-deb", "-f", deb, name]).stdout.strip()


def check_control(deb, version):
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    check(field(deb, "Package") == "restage", f"Package: {field(deb, 'Package')!r}")
    check(field(deb, "Version") == version, f"Version: {field(deb, 'Version')!r}, want {version}")
    check(field(deb, "Architecture") == arch, f"Architecture: {field(deb, 'Architecture')!r}")
    check(re.match(r"^[^<>]+ <[^@<>\s]+@[^@<>\s]+>$", field(deb, "Maintainer")),
          f"Maintainer is not 'Name <address>': {field(deb, 'Maintainer')!r}")
    check(field(deb, "Section") and field(deb, "Priority"), "Section or Priority missing")
    desc = field(deb, "Description").splitlines()
    check(len(desc) >= 2 and all(len(l) < 80 for l in desc),
          "Description: a summary and a long description, lines under 80 columns")
    # The portable binary is static: it needs no other package.
    check(field(deb, "Depends") == "", f"a static binary's package Depends on {field(deb, 'Depends')!r}")
    listing = run(["dpkg-deb", "-c", deb]).stdout
    names = {line.split()[-1] for line in listing.splitlines()}
    for f in FILES:
        check(f in names, f"{os.path.basename(deb)} does not contain {f}")
    # Binaries are stripped (CPACK_STRIP_FILES).
    with tempfile.TemporaryDirectory() as d:
        run(["dpkg-deb", "-x", deb, d])
        sections = run(["readelf", "-S", "-W", os.path.join(d, "usr/bin/restage")]).stdout
        check(".text" in sections and ".symtab" not in sections, "usr/bin/restage is not stripped")
        check_version([os.path.join(d, "usr/bin/restage"), "--version"], "dpkg-deb -x")


def check_install(deb, version, image):
    with Container(image) as c:
        where = f"dpkg -i in {image} ({os_name(c)}; {c.libc()})"
        c.copy(deb, "/tmp/restage.deb")
        r = c.run(["dpkg", "-i", "/tmp/restage.deb"])
        if not check(r.returncode == 0, f"{where}: exited {r.returncode}: {r.stderr.strip()}"):
            return
        r = c.run(["restage", "--version"])
        check(r.returncode == 0 and r.stdout.startswith(f"restage {version} "),
              f"{where}: restage --version gave {r.returncode} {r.stdout!r} {r.stderr!r}")
        s = c.run(["dpkg-query", "-W", "-f=${Status} ${Version}", "restage"]).stdout
        check(s == f"install ok installed {version}", f"{where}: dpkg-query says {s!r}")
        r = c.run(["dpkg", "-r", "restage"])
        check(r.returncode == 0, f"{where}: dpkg -r exited {r.returncode}: {r.stderr.strip()}")
        gone = c.run(["test", "-e", "/usr/bin/restage"]).returncode != 0
        check(gone, f"{where}: /usr/bin/restage is still there after dpkg -r")
        print(f"{where}: installed, ran, removed")


def check_tarball(tgz, version):
    with tempfile.TemporaryDirectory() as d:
        with tarfile.open(tgz) as t:
            t.extractall(d)
        exes = glob.glob(os.path.join(d, "*", "bin", "restage"))
        if check(len(exes) == 1, f"{os.path.basename(tgz)}: no single */bin/restage"):
            line = check_version([exes[0], "--version"], os.path.basename(tgz))
            check(line.startswith(f"restage {version} "), f"tarball version line {line!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--packages", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--image", action="append")
    a = ap.parse_args()
    debs = glob.glob(os.path.join(a.packages, "restage_*.deb"))
    tgzs = glob.glob(os.path.join(a.packages, "restage-*.tar.gz"))
    if not check(len(debs) == 1 and len(tgzs) == 1, f"want one .deb and one .tar.gz in {a.packages}"):
        finish("packages")
    check_control(debs[0], a.version)
    check_tarball(tgzs[0], a.version)
    for image in a.image or IMAGES:
        try:
            check_install(debs[0], a.version, image)
        except RuntimeError as e:
            fail(f"{image}: {e}")
    finish("packages")


if __name__ == "__main__":
    main()
