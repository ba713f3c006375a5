FROM alpine:3.22 AS builder
RUN apk add --no-cache g++
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -o app main.cpp
# Collect what the runtime stage needs: the program, and for each shared
# library it links the package that owns it or, when no package does,
# the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/app ]; then \
      echo "restage: /src/app was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src"; \
    cp -L /src/app "$r/src/app"; \
    : > /restage/packages; \
    for lib in $(ldd /src/app | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      if pkg=$(apk info --who-owns "$real" 2>/dev/null); then \
        echo "${pkg##* }" | sed 's/-[0-9][^-]*-r[0-9]*$//' >> /restage/packages; \
        continue; \
      fi; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM alpine:3.22
COPY --from=builder /restage/packages /tmp/restage-packages
# Packages of the libraries the program links (asked of the builder's package
# database).
RUN apk add --no-cache $(cat /tmp/restage-packages) \
    && rm /tmp/restage-packages
COPY --from=builder /restage/root/ /
WORKDIR /src
CMD ["./app"]
