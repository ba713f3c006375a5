FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build/tally
COPY Makefile ./
COPY src ./src
RUN make -j2 && make install PREFIX=/usr
RUN set -e; \
    cd /build/tally; \
    make install PREFIX=/usr DESTDIR=/restage/root
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /restage/root/usr/bin/tally ]; then \
      echo "restage: /restage/root/usr/bin/tally was not built" >&2; \
      exit 1; \
    fi; \
    for lib in $(ldd /restage/root/usr/bin/tally | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
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
RUN for d in /restage/root/build/tally; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /build/tally/
COPY --from=builder /restage/root/ /
WORKDIR /build/tally
USER nonroot
ENTRYPOINT ["tally"]
CMD ["--help"]
