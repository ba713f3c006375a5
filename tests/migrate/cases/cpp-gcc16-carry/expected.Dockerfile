FROM gcc:16 AS builder
WORKDIR /src
COPY hello.cpp .
RUN g++ -O2 -std=c++26 -o hello hello.cpp
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
ENV LD_LIBRARY_PATH=/usr/local/lib64
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder /restage/root/ /
# GCC 16's own libraries, newer than the base's libstdc++.
COPY --from=builder /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
WORKDIR /src
USER nonroot
CMD ["./hello"]
