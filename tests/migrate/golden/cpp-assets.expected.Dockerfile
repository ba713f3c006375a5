FROM gcc:12 AS builder

WORKDIR /opt/motd
COPY . .
RUN g++ -O2 -std=c++17 -Wall -o motd src/motd.cpp

# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /opt/motd/motd ]; then \
      echo "restage: /opt/motd/motd was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/opt/motd"; \
    cp -L /opt/motd/motd "$r/opt/motd/motd"; \
    for lib in $(ldd /opt/motd/motd | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "$real" in /usr/local/lib64/*) continue ;; esac; \
      case "${lib##*/}" in \
        ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*) continue ;; \
        librt.so*|libutil.so*|libresolv.so*|libnss_*|libgcc_s.so*) continue ;; \
        libstdc++.so*) continue ;; \
      esac; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done
# The app may read files next to it at run time (configs, .env, assets):
# keep its folder without the sources and build files.
RUN mkdir -p /restage/app \
    && cp -a /opt/motd/. /restage/app/ \
    && cd /restage/app \
    && rm -f motd \
    && find . -type d \( -name CMakeFiles -o -name _deps -o -name third_party \
        -o -name thirdparty -o -name vendor -o -name external \
        -o -name .git -o -name .github \) -prune -exec rm -rf {} + \
    && find . -type f \( -name '*.c' -o -name '*.cc' -o -name '*.cpp' \
        -o -name '*.cxx' -o -name '*.c++' -o -name '*.h' \
        -o -name '*.hh' -o -name '*.hpp' -o -name '*.hxx' \
        -o -name '*.ipp' -o -name '*.inl' -o -name '*.o' \
        -o -name '*.obj' -o -name '*.a' -o -name '*.d' \
        -o -name '*.cmake' -o -name CMakeLists.txt \
        -o -name CMakeCache.txt -o -name Makefile \
        -o -name makefile -o -name GNUmakefile -o -name '*.mk' \
        -o -name meson.build -o -name meson_options.txt \
        -o -name build.ninja -o -name .ninja_deps \
        -o -name .ninja_log -o -name configure \
        -o -name configure.ac -o -name Makefile.am \
        -o -name Makefile.in -o -name compile_commands.json \
        -o -name conanfile.txt -o -name conanfile.py \
        -o -name vcpkg.json -o -name Dockerfile \
        -o -name 'Dockerfile.*' -o -name '*.Dockerfile' \
        -o -name Containerfile -o -name .dockerignore \
        -o -name .gitignore -o -name .gitattributes \
        -o -name '*.md' -o -name LICENSE -o -name 'LICENSE.*' \
        -o -name COPYING \) -delete \
    && find . -depth -type d -empty -delete
# The folders the app may write keep the runtime user's ownership when the staged
# tree is copied to /.
RUN for d in /restage/root/opt/motd; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/app/ /opt/motd/
COPY --from=builder /restage/root/ /
WORKDIR /opt/motd
USER nonroot
CMD ["./motd", "de"]
