FROM golang:1.22 AS builder

WORKDIR /app
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o relay .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=builder /app/relay /app/relay
WORKDIR /app
USER nobody
ENTRYPOINT ["./relay"]
CMD ["--dry-run"]
