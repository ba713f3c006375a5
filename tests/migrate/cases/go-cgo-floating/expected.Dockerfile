FROM golang:1 AS builder
WORKDIR /app
COPY . .
RUN go build -o /app/server .
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /app/server ]; then \
      echo "restage: /app/server was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/app"; \
    cp -L /app/server "$r/app/server"; \
    for lib in $(ldd /app/server | awk '$3 ~ /^\// {print $3}'); do \
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
WORKDIR /app
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["/app/server"]
