FROM golang:1.22-alpine AS builder
ENV CGO_ENABLED=0
RUN apk add --no-cache git
WORKDIR /build
COPY . .
RUN go build -ldflags="-s -w" -o /build/out/relay ./cmd/relay

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /build
COPY --from=builder /build/out/relay /build/out/relay
USER nonroot
ENTRYPOINT ["/build/out/relay"]
