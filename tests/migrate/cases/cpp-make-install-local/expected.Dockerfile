FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build/tally
COPY Makefile ./
COPY src ./src
RUN make -j2 && make install PREFIX=/usr/local
RUN set -e; \
    cd /build/tally; \
    make install PREFIX=/usr/local DESTDIR=/restage/root
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /restage/root/usr/local/bin/tally ]; then \
      echo "restage: /restage/root/usr/local/bin/tally was not built" >&2; \
      exit 1; \
    fi; \
    for lib in $(ldd /restage/root/usr/local/bin/tally | awk '$3 ~ /^\// {print $3}'); do \
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
WORKDIR /build/tally
COPY --from=builder /restage/root/ /
USER nonroot
ENTRYPOINT ["tally"]
CMD ["--help"]
