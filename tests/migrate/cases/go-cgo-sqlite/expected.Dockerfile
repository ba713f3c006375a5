FROM golang:1.22-bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod main.go ./
RUN go build -o /usr/local/bin/notes .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /src
COPY --from=builder /usr/local/bin/notes /usr/local/bin/notes
USER nonroot
CMD ["notes"]
