FROM golang:1.22 AS builder
WORKDIR /opt/fnv
COPY . .
RUN go build -trimpath -o bin/fnv .
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /opt/fnv/bin/fnv ]; then \
      echo "restage: /opt/fnv/bin/fnv was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/opt/fnv/bin"; \
    cp -L /opt/fnv/bin/fnv "$r/opt/fnv/bin/fnv"; \
    for lib in $(ldd /opt/fnv/bin/fnv | awk '$3 ~ /^\// {print $3}'); do \
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
RUN for d in /restage/root/opt/fnv; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder /restage/root/ /
WORKDIR /opt/fnv
USER nonroot
ENTRYPOINT ["./bin/fnv"]
