FROM golang:1.22 AS builder
ENV CGO_ENABLED=0
WORKDIR /app
COPY . .
RUN go build -o /app/hello .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=builder /app/hello /app/hello
USER nonroot
CMD ["/app/hello"]
