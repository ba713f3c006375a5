FROM golang:1.22-alpine AS builder
RUN apk add --no-cache git
WORKDIR /build
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /build/out/relay ./cmd/relay
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /build/
COPY --from=builder /build/out/relay /build/out/relay
WORKDIR /build
USER nonroot
ENTRYPOINT ["/build/out/relay"]
