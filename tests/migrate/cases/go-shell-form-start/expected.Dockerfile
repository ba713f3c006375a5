FROM golang:1.22 AS builder
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o server .
ENV PORT=8080

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
ENV PORT=8080
COPY --from=builder /app/server /app/server
WORKDIR /app
CMD ./server -listen ":${PORT}"
