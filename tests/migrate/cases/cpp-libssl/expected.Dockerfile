FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/digest
COPY digest.cpp .
RUN g++ -O2 -std=c++17 -o digest digest.cpp -lssl -lcrypto
# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /opt/digest/digest ]; then \
      echo "restage: /opt/digest/digest was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/opt/digest"; \
    cp -L /opt/digest/digest "$r/opt/digest/digest"; \
    : > /restage/packages; \
    for lib in $(ldd /opt/digest/digest | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      if pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null); then \
        echo "${pkg%%:*}" >> /restage/packages; \
        continue; \
      fi; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
COPY --from=builder /restage/packages /tmp/restage-packages
# Packages of the libraries the program links (asked of the builder's package
# database).
RUN apt-get update \
    && xargs -a /tmp/restage-packages apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/* /tmp/restage-packages
COPY --from=builder /restage/root/ /
WORKDIR /opt/digest
ENTRYPOINT ["./digest"]
