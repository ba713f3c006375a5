FROM gcc:12 AS builder
WORKDIR /src
COPY . .
RUN make
# Collect what the runtime stage needs: the program.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /src/bin/crc32 ]; then \
      echo "restage: /src/bin/crc32 was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/src/bin"; \
    cp -L /src/bin/crc32 "$r/src/bin/crc32"; \
    true

# Runtime stage written by restage: only what the app needs to run.
FROM scratch
WORKDIR /src
COPY --from=builder /restage/root/ /
USER 65532:65532
CMD ["./bin/crc32"]
