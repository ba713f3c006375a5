FROM ubuntu:24.04 AS builder
RUN apt-get update && apt-get install -y g++
COPY . .
RUN g++ -O2 -o server server.cpp
# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /server ]; then \
      echo "restage: /server was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/"; \
    cp -L /server "$r/server"; \
    for lib in $(ldd /server | awk '$3 ~ /^\// {print $3}'); do \
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
COPY --from=builder /restage/root/ /
COPY --from=builder /config /config
WORKDIR /
# The app may write / (the WORKDIR), which only root may.
USER root
EXPOSE 8080
CMD ["./server"]
