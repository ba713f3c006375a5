FROM debian:bookworm AS builder

RUN apt-get update \
    && apt-get install -y g++ libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/tally
COPY tally.cpp .
RUN g++ -O2 -std=c++17 -Wall -o tally tally.cpp -lsqlite3

# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /opt/tally/tally ]; then \
      echo "restage: /opt/tally/tally was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/opt/tally"; \
    cp -L /opt/tally/tally "$r/opt/tally/tally"; \
    : > /restage/packages; \
    for lib in $(ldd /opt/tally/tally | awk '$3 ~ /^\// {print $3}'); do \
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
WORKDIR /opt/tally
CMD ["./tally"]
