FROM ubuntu:22.04 AS builder
RUN apt-get update && apt-get install -y g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/app
COPY main.cpp .
RUN g++ -O2 -o app main.cpp
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /opt/app/app ]; then \
      echo "restage: /opt/app/app was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/opt/app"; \
    cp -L /opt/app/app "$r/opt/app/app"; \
    for lib in $(ldd /opt/app/app | awk '$3 ~ /^\// {print $3}'); do \
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
WORKDIR /opt/app
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["/opt/app/app"]
