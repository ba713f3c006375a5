FROM golang:1.22-alpine AS builder
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o geo .
# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/geo ]; then \
      echo "restage: /src/geo was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src"; \
    cp -L /src/geo "$r/src/geo"; \
    : > /restage/packages; \
    for lib in $(ldd /src/geo | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      if pkg=$(apk info --who-owns "$real" 2>/dev/null); then \
        echo "${pkg##* }" | sed 's/-[0-9][^-]*-r[0-9]*$//' >> /restage/packages; \
        continue; \
      fi; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM alpine:3.21
COPY --from=builder /restage/packages /tmp/restage-packages
# Packages of the libraries the program links (asked of the builder's package
# database).
RUN apk add --no-cache $(cat /tmp/restage-packages) \
    && rm /tmp/restage-packages
COPY --from=builder /restage/root/ /
WORKDIR /src
CMD ["./geo"]
