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
# The folders the app may write keep the runtime user's ownership when the staged
# tree is copied to /.
RUN for d in /restage/root/src; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM scratch
# Folders the app may write, owned by 65532: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder /restage/root/ /
WORKDIR /src
USER 65532:65532
CMD ["./bin/crc32"]
