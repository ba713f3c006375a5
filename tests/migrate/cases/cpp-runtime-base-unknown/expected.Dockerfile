FROM gcc:13 AS builder
WORKDIR /src
COPY hello.cpp .
RUN g++ -O2 -std=c++20 -o hello hello.cpp
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/hello ]; then \
      echo "restage: /src/hello was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src"; \
    cp -L /src/hello "$r/src/hello"; \
    for lib in $(ldd /src/hello | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "$real" in /usr/local/lib64/*) continue ;; esac; \
      case "${lib##*/}" in \
        ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*) continue ;; \
        librt.so*|libutil.so*|libresolv.so*|libnss_*|libgcc_s.so*) continue ;; \
        ld-musl*|libc.musl*) continue ;; \
      esac; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM registry.example.com/base/cc:2026
COPY --from=builder /restage/root/ /
WORKDIR /src
CMD ["./hello"]
