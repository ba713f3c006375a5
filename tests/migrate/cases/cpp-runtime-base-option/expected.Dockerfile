FROM rikorose/gcc-cmake:gcc-12 AS builder
WORKDIR /project
COPY . .
RUN cmake -B out -DCMAKE_BUILD_TYPE=Release && cmake --build out
# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /project/out/primes ]; then \
      echo "restage: /project/out/primes was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/project/out"; \
    cp -L /project/out/primes "$r/project/out/primes"; \
    : > /restage/packages; \
    for lib in $(ldd /project/out/primes | awk '$3 ~ /^\// {print $3}'); do \
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
WORKDIR /project
CMD ["./out/primes", "100"]
