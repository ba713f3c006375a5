FROM golang:1.21 AS builder
WORKDIR /opt/fnv
COPY . .
RUN go build -trimpath -o bin/fnv .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /opt/fnv
COPY --from=builder /opt/fnv/bin/fnv /opt/fnv/bin/fnv
USER nonroot
ENTRYPOINT ["./bin/fnv"]
