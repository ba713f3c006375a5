FROM gcc:12 AS builder
WORKDIR /src
COPY . .
RUN make
RUN set -e; r=/restage/root; test -x "/src/bin/crc32" || { echo "restage: /src/bin/crc32 was not built" >&2; exit 1; }; mkdir -p "$r/src/bin"; cp -L "/src/bin/crc32" "$r/src/bin/crc32"; true

# Runtime stage written by restage: only what the app needs to run.
FROM scratch
WORKDIR /src
COPY --from=builder /restage/root/ /
USER 65532:65532
CMD ["./bin/crc32"]
