FROM gcc:12 AS builder
WORKDIR /src
COPY . .
RUN make
RUN set -e; r=/restage/root; test -x "/src/portable" || { echo "restage: /src/portable was not built" >&2; exit 1; }; mkdir -p "$r/src"; cp -L "/src/portable" "$r/src/portable"; true

# Runtime stage written by restage: only what the app needs to run.
FROM scratch
WORKDIR /src
COPY --from=builder /restage/root/ /
USER 65532:65532
CMD ["./portable"]
