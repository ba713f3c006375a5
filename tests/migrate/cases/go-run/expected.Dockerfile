FROM golang:1.22 AS builder
ENV CGO_ENABLED=0
WORKDIR /app
COPY go.mod ./
RUN go mod download
COPY . .
RUN go build -o /usr/local/bin/app ./cmd/api

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=builder /usr/local/bin/app /usr/local/bin/app
USER nonroot
EXPOSE 8080
CMD ["/usr/local/bin/app", "-addr", ":8080"]
