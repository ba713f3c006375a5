FROM gcc:12 AS builder
WORKDIR /src
COPY . .
RUN make
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/portable ]; then \
      echo "restage: /src/portable was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src"; \
    cp -L /src/portable "$r/src/portable"; \
    for lib in $(ldd /src/portable | awk '$3 ~ /^\// {print $3}'); do \
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
# The folders the app may write keep the runtime user's ownership when the staged
# tree is copied to /.
RUN for d in /restage/root/src; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder /restage/root/ /
WORKDIR /src
USER nonroot
CMD ["./portable"]
