#!/usr/bin/env python3
"""restage's own image: the top-level Dockerfile builds with buildah from the
stand-in base images (--pull=never, cached layers), runs as a non-root user,
`restage --version` runs in it and names the commit, the documented
`docker run --rm -v "$PWD:/src" -w /src IMAGE batch --check .` works (done
with buildah run and a bind mount), and restage finds nothing to change in
that Dockerfile.

usage: check_image.py --restage BIN --source DIR [--log FILE] [--tag IMAGE]
Needs root, buildah and the stand-ins (tests/e2e/standins/build).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distsupport import Container, check, fail, finish, run  # noqa: E402


def commit_of(source):
    top = run(["git", "-C", source, "rev-parse", "--show-toplevel"])
    if top.returncode != 0 or os.path.realpath(top.stdout.strip()) != os.path.realpath(source):
        return ""
    return run(["git", "-C", source, "describe", "--tags", "--always", "--abbrev=12",
                "--dirty"]).stdout.strip()


def image_id(tag):
    p = run(["buildah", "images", "--noheading", "--no-trunc", "--format", "{{.ID}}", tag])
    return p.stdout.strip() if p.returncode == 0 else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restage", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--log", default=None)
    ap.add_argument("--tag", default="localhost/restage:test")
    a = ap.parse_args()
    source = os.path.abspath(a.source)
    dockerfile = os.path.join(source, "Dockerfile")

    # restage has nothing to say about its own Dockerfile.
    r = run([a.restage, "migrate", dockerfile, "--format", "json"])
    j = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}
    check(j.get("status") == "unchanged" and j.get("code") == "already-multi-stage"
          and not j.get("problems"),
          f"restage migrate Dockerfile: {j.get('status')} {j.get('code')} {j.get('problems')}")

    commit = commit_of(source)
    old = image_id(a.tag)
    start = time.monotonic()
    cmd = ["buildah", "bud", "--isolation", "chroot", "--pull=never", "--layers",
           "--build-arg", f"RESTAGE_COMMIT={commit}", "-t", a.tag, "-f", dockerfile, source]
    with open(a.log or os.devnull, "w") as log:
        p = run(cmd, capture_output=False, stdout=log, stderr=log, timeout=2400)
    took = time.monotonic() - start
    if p.returncode != 0:
        if a.log:
            sys.stderr.write("".join(open(a.log).readlines()[-30:]))
        fail(f"buildah bud exited {p.returncode} after {took:.0f} s (log: {a.log})")
        finish("image")
    new = image_id(a.tag)
    if old and old != new:
        run(["buildah", "rmi", old])  # the previous build of this tag; ignore if in use

    config = json.loads(run(["buildah", "inspect", "--type", "image", a.tag]).stdout)["OCIv1"]["config"]
    user = config.get("User", "")
    check(user not in ("", "0", "root", "0:0"), f"the image runs as {user or 'root'}")
    check(config.get("Entrypoint") == ["/usr/local/bin/restage"], f"entrypoint {config.get('Entrypoint')}")
    size = run(["buildah", "images", "--format", "{{.Size}}", a.tag]).stdout.strip()

    with Container(a.tag) as c:
        r = c.run(["/usr/local/bin/restage", "--version"])
        line = r.stdout.strip()
        check(r.returncode == 0, f"restage --version in the image: {r.stderr.strip()}")
        want = f"(git {commit})" if commit else "(unknown commit)"
        check(line.endswith(want), f"version line {line!r}, want it to end with {want}")
        # The documented use: the current folder mounted at /src.
        with tempfile.TemporaryDirectory() as work:
            os.chmod(work, 0o755)
            shutil.copy(dockerfile, os.path.join(work, "Dockerfile"))
            docs = ["buildah", "run", "--isolation", "chroot", "--volume", f"{work}:/src:ro",
                    "--workingdir", "/src", c.name, "--", "/usr/local/bin/restage",
                    "batch", "--check", "."]
            r = run(docs)
            check(r.returncode == 0, f"batch --check . on a multi-stage Dockerfile: exit "
                  f"{r.returncode}: {r.stdout[-300:]}{r.stderr[-300:]}")
            shutil.copytree(os.path.join(source, "examples", "node-app"), os.path.join(work, "app"))
            for root, dirs, files in os.walk(work):
                for d in dirs:
                    os.chmod(os.path.join(root, d), 0o755)
            r = run(docs)
            check(r.returncode == 1 and "app/Dockerfile" in r.stdout + r.stderr,
                  f"batch --check . with a single-stage Dockerfile: exit {r.returncode}")
    print(f"image {a.tag}: built in {took:.0f} s, {size}, user {user}; {line}")
    finish("image")


if __name__ == "__main__":
    main()
