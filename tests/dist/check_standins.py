#!/usr/bin/env python3
"""The portable restage binary runs, unchanged, in the stand-in root
filesystems of the releases it claims: `restage --version` and a migrate of
examples/node-app in each. Prints each image's C library as found in it, so
the report says exactly what was proven (the Ubuntu stand-ins are Debian 12
root filesystems that identify as Ubuntu: see tests/e2e/standins/recipes).

usage: check_standins.py --restage BIN --source DIR [IMAGE...]
Needs root and buildah, and the stand-ins built (tests/e2e/standins/build).
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import (Container, check, check_migrate, check_version, fail,  # noqa: E402
                         finish, os_name, run)

IMAGES = [
    "docker.io/library/debian:bullseye-slim",
    "docker.io/library/debian:bookworm-slim",
    "docker.io/library/debian:trixie-slim",
    "docker.io/library/ubuntu:20.04",
    "docker.io/library/ubuntu:22.04",
    "docker.io/library/ubuntu:24.04",
    "docker.io/library/alpine:3.20",
    "gcr.io/distroless/static-debian12:nonroot",
]


def is_static(path):
    """True when the ELF file has no program interpreter (PT_INTERP)."""
    import struct
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:
            return False
        phoff, = struct.unpack_from("<Q", head, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", head, 0x36)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    return all(struct.unpack_from("<I", table, i * phentsize)[0] != 3 for i in range(phnum))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("images", nargs="*")
    a = ap.parse_args()
    check(is_static(a.restage), f"{a.restage} is dynamically linked (build with -DRESTAGE_PORTABLE=ON)")
    example = os.path.join(a.source, "examples", "node-app")
    for image in a.images or IMAGES:
        try:
            with Container(image) as c:
                c.copy(a.restage, "/usr/local/bin/restage")
                c.copy(example, "/tmp/node-app")
                where = f"{image} ({os_name(c)}; {c.libc()})"
                line = check_version(["buildah", "run", "--isolation", "chroot", c.name, "--",
                                      "/usr/local/bin/restage", "--version"], where)
                # The rewrite goes to a file, read back through the mount: once,
                # on a loaded machine, `buildah run` returned exit 0 with an
                # empty stdout, and this checks restage, not buildah's pipe.
                r = c.run(["/usr/local/bin/restage", "migrate", "/tmp/node-app/Dockerfile",
                           "--context", "/tmp/node-app", "-o", "/tmp/migrated.Dockerfile"])
                if r.returncode == 0:
                    r = subprocess.CompletedProcess(r.args, r.returncode,
                                                    c.read("/tmp/migrated.Dockerfile"), r.stderr)
                check_migrate(r, where)
                print(f"{where}: {line}; migrate exit {r.returncode}")
        except RuntimeError as e:
            fail(f"{image}: {e}")
    finish("standins")


if __name__ == "__main__":
    main()
