FROM gcc:12 AS builder

RUN apt-get update && apt-get install -y cmake zlib1g-dev

WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2

# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/build/zpack ]; then \
      echo "restage: /src/build/zpack was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src/build"; \
    cp -L /src/build/zpack "$r/src/build/zpack"; \
    : > /restage/packages; \
    for lib in $(ldd /src/build/zpack | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "$real" in /usr/local/lib64/*) continue ;; esac; \
      if pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null); then \
        echo "${pkg%%:*}" >> /restage/packages; \
        continue; \
      fi; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done
# The app may read files next to it at run time (configs, .env, assets):
# keep its folder without the sources and build files.
RUN mkdir -p /restage/app \
    && cp -a /src/. /restage/app/ \
    && cd /restage/app \
    && rm -f build/zpack \
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

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
COPY --from=builder /restage/packages /tmp/restage-packages
# Packages of the libraries the program links (asked of the builder's package
# database).
RUN apt-get update \
    && xargs -a /tmp/restage-packages apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/* /tmp/restage-packages
COPY --from=builder /restage/root/ /
COPY --from=builder /restage/app/ /src/
WORKDIR /src
CMD ["./build/zpack", "300"]
