FROM golang:1.22-bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod main.go ./
RUN go build -o /usr/local/bin/notes .
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /usr/local/bin/notes ]; then \
      echo "restage: /usr/local/bin/notes was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/usr/local/bin"; \
    cp -L /usr/local/bin/notes "$r/usr/local/bin/notes"; \
    for lib in $(ldd /usr/local/bin/notes | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "${lib##*/}" in \
        ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*) continue ;; \
        librt.so*|libutil.so*|libresolv.so*|libnss_*|libgcc_s.so*) continue ;; \
        libssl.so*|libcrypto.so*) continue ;; \
      esac; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian13:nonroot
WORKDIR /src
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["notes"]
