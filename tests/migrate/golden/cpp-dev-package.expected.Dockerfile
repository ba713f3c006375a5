FROM debian:bookworm AS builder

RUN apt-get update \
    && apt-get install -y g++ libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/tally
COPY tally.cpp .
RUN g++ -O2 -std=c++17 -Wall -o tally tally.cpp -lsqlite3

# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /opt/tally/tally ]; then \
      echo "restage: /opt/tally/tally was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/opt/tally"; \
    cp -L /opt/tally/tally "$r/opt/tally/tally"; \
    : > /restage/packages; \
    for lib in $(ldd /opt/tally/tally | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
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
    && cp -a /opt/tally/. /restage/app/ \
    && cd /restage/app \
    && rm -f tally \
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
WORKDIR /opt/tally
COPY --from=builder /restage/packages /tmp/restage-packages
# Packages of the libraries the program links (asked of the builder's package
# database).
RUN apt-get update \
    && xargs -a /tmp/restage-packages apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/* /tmp/restage-packages
COPY --from=builder /restage/root/ /
COPY --from=builder /restage/app/ /opt/tally/
CMD ["./tally"]
