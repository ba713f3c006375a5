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
# The folders the app may write keep the runtime user's ownership when the staged
# tree is copied to /.
RUN for d in /restage/root/src; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /src/
COPY --from=builder /restage/root/ /
WORKDIR /src
USER nonroot
CMD ["notes"]
