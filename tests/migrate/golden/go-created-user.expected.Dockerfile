FROM golang:1.22 AS builder

RUN useradd --uid 1501 --create-home --shell /usr/sbin/nologin appuser

WORKDIR /app
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o whoami-report .

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
# The accounts the app runs as or owns files with.
RUN useradd --uid 1501 --create-home --shell /usr/sbin/nologin appuser
COPY --from=builder /app/whoami-report /app/whoami-report
WORKDIR /app
USER appuser
CMD ["/app/whoami-report"]
