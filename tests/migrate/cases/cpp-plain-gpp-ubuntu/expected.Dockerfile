FROM ubuntu:22.04 AS builder
RUN apt-get update && apt-get install -y g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY hello.cpp .
RUN g++ -O2 -o hello hello.cpp
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /app/hello ]; then \
      echo "restage: /app/hello was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/app"; \
    cp -L /app/hello "$r/app/hello"; \
    for lib in $(ldd /app/hello | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "${lib##*/}" in \
        ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*) continue ;; \
        librt.so*|libutil.so*|libresolv.so*|libnss_*|libgcc_s.so*) continue ;; \
        libstdc++.so*) continue ;; \
      esac; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /app
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["./hello", "world"]
