FROM gcc:13 AS builder
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY store.cpp .
RUN g++ -O2 -std=c++20 -o store store.cpp -lsqlite3
# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/store ]; then \
      echo "restage: /src/store was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src"; \
    cp -L /src/store "$r/src/store"; \
    : > /restage/packages; \
    for lib in $(ldd /src/store | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "$real" in /usr/local/lib64/*) continue ;; esac; \
      if pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null); then \
        echo "${pkg%%:*}" >> /restage/packages; \
        continue; \
      fi; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
ENV LD_LIBRARY_PATH=/usr/local/lib64
COPY --from=builder /restage/packages /tmp/restage-packages
# Packages of the libraries the program links (asked of the builder's package
# database).
RUN apt-get update \
    && xargs -a /tmp/restage-packages apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/* /tmp/restage-packages
# GCC 13's own libraries, newer than the base's libstdc++.
COPY --from=builder /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
COPY --from=builder /restage/root/ /
WORKDIR /src
CMD ["./store"]
