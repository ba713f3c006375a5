#!/bin/sh
# Lay out, under $1, the file trees of the distroless stand-ins, taking
# exactly the files the Debian packages hold (as the real distroless images
# do), minus documentation:
#   static/  base-files' os-release, netbase, tzdata, CA bundle, passwd/group
#   glibc/   libc6, libssl3 (libssl3t64 on Debian 13)  (added for base)
#   cc/      libgcc-s1, libstdc++6, libgomp1  (added for cc)
#   node/    /nodejs/bin/node and any library it needs not in cc (nodejs20)
set -eu
out=$1
mkdir -p "$out/static" "$out/glibc" "$out/cc" "$out/node"

copy_pkgs() {
  dest=$1; shift
  # Regular files and symlinks only (directories come from their paths; the
  # merged-/usr symlinks /lib, /lib64 are skipped so they become real
  # directories, as in distroless), no documentation, no executables.
  for p in "$@"; do dpkg -L "$p"; done | while read -r f; do
    case $f in
      /usr/share/doc/*|/usr/share/man/*|/usr/share/lintian/*|/usr/share/locale/*|\
      /usr/share/info/*|/usr/share/bug/*|/usr/share/gdb/*|/usr/sbin/*|/usr/bin/*|/sbin/*|/bin/*) continue ;;
    esac
    [ -d "$f" ] && continue
    if [ -L "$f" ] || [ -f "$f" ]; then printf '%s\n' "${f#/}"; fi
  done | sort -u > /tmp/filelist
  tar -C / --no-recursion -cf - -T /tmp/filelist | tar -C "$dest" -xpf -
}

# static ---------------------------------------------------------------------
s=$out/static
mkdir -p "$s/etc/ssl/certs" "$s/usr/lib" "$s/tmp" "$s/root" "$s/home/nonroot" "$s/var/lib/dpkg"
chmod 1777 "$s/tmp"; chmod 700 "$s/root"
chown 65532:65532 "$s/home/nonroot"; chmod 700 "$s/home/nonroot"
copy_pkgs "$s" tzdata netbase media-types
cp -a /usr/lib/os-release "$s/usr/lib/os-release"
ln -s ../usr/lib/os-release "$s/etc/os-release"
cp /etc/debian_version "$s/etc/debian_version"
cp /etc/ssl/certs/ca-certificates.crt "$s/etc/ssl/certs/ca-certificates.crt"
cat >"$s/etc/passwd" <<'P'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
P
cat >"$s/etc/group" <<'G'
root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
G
printf 'hosts: files dns\n' >"$s/etc/nsswitch.conf"
# tzdata's debconf-managed files are not part of distroless
rm -f "$s/etc/localtime" "$s/etc/timezone"

# glibc (base) ------------------------------------------------------------------
if dpkg -s libssl3t64 >/dev/null 2>&1; then libssl=libssl3t64; else libssl=libssl3; fi
copy_pkgs "$out/glibc" libc6 "$libssl"
# gconv modules are iconv charsets: distroless keeps them; keep too.

# Debian 13 packages install under /usr only (dpkg-level merged /usr): the
# image then needs the /lib, /lib64, /bin, /sbin -> usr/* links, or the ELF
# interpreter /lib64/ld-linux-x86-64.so.2 does not resolve.
if [ -e "$out/glibc/usr/lib64/ld-linux-x86-64.so.2" ] && [ ! -e "$out/glibc/lib64" ]; then
  for d in lib lib64 bin sbin; do
    mkdir -p "$s/usr/$d"
    ln -s "usr/$d" "$s/$d"
  done
fi

# cc ---------------------------------------------------------------------------------
copy_pkgs "$out/cc" libgcc-s1 libstdc++6 libgomp1

# nodejs20 ---------------------------------------------------------------------------
mkdir -p "$out/node/nodejs/bin"
cp /ctx/node/bin/node "$out/node/nodejs/bin/node"
ldd /ctx/node/bin/node | awk '/=> \//{print $3} /^\t\//{print $1}' | while read -r lib; do
  base=$(basename "$lib")
  if ! find "$s" "$out/glibc" "$out/cc" -name "$base" | grep -q .; then
    echo "nodejs20: adding $lib (not in cc)" >&2
    mkdir -p "$out/node$(dirname "$lib")"
    cp -L "$lib" "$out/node$lib"
  fi
done
