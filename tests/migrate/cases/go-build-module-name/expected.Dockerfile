FROM golang:1.22 AS builder
ENV CGO_ENABLED=0
WORKDIR /usr/src/app
COPY . .
RUN go build -v

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app/shortener /usr/src/app/shortener
USER nonroot
CMD ["./shortener"]
