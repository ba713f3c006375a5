FROM golang:1.22 AS builder

RUN apt-get update && apt-get install -y jq && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o stock-report .

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
# Distro packages the app uses at run time.
RUN apt-get update \
    && apt-get install -y jq \
    && rm -rf /var/lib/apt/lists/*
COPY --from=builder /app/stock-report /app/stock-report
WORKDIR /app
CMD ["./stock-report"]
