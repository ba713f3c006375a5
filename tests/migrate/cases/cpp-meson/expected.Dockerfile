FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ meson ninja-build pkg-config libfmt-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN meson setup build --buildtype=release && meson compile -C build
# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/build/greeter ]; then \
      echo "restage: /src/build/greeter was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src/build"; \
    cp -L /src/build/greeter "$r/src/build/greeter"; \
    : > /restage/packages; \
    for lib in $(ldd /src/build/greeter | awk '$3 ~ /^\// {print $3}'); do \
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
# database) and the packages the app uses.
RUN apt-get update \
    && xargs -a /tmp/restage-packages apt-get install -y --no-install-recommends meson \
    && rm -rf /var/lib/apt/lists/* /tmp/restage-packages
COPY --from=builder /restage/root/ /
WORKDIR /src
CMD ["./build/greeter", "meson"]
