FROM golang:1.24 AS builder
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o server .

# Runtime stage written by restage: only what the app needs to run.
FROM debian:trixie-slim
# Distro packages the app uses at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=builder /app/server /app/server
WORKDIR /app
# compose waits for service_healthy on this.
HEALTHCHECK --interval=10s CMD curl -fsS http://localhost:8080/ || exit 1
EXPOSE 8080
CMD ["./server"]
