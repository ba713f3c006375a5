FROM debian:bookworm AS builder

RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/fib
COPY server.cpp .
RUN g++ -O2 -std=c++17 -o fib-server server.cpp

# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /opt/fib/fib-server ]; then \
      echo "restage: /opt/fib/fib-server was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/opt/fib"; \
    cp -L /opt/fib/fib-server "$r/opt/fib/fib-server"; \
    for lib in $(ldd /opt/fib/fib-server | awk '$3 ~ /^\// {print $3}'); do \
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
RUN for d in /restage/root/opt/fib; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder /restage/root/ /
WORKDIR /opt/fib
USER nonroot
EXPOSE 8081
ENTRYPOINT ["/opt/fib/fib-server"]
CMD ["8081"]
