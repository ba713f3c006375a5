FROM golang:1.22 AS builder
ENV CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN go mod download
RUN go build -o /usr/local/bin/app ./cmd/api

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /src
COPY --from=builder /usr/local/bin/app /usr/local/bin/app
USER nonroot
# The flags after the image name go to the app: docker run IMAGE -addr :9090
ENTRYPOINT ["/usr/local/bin/app"]
CMD ["-addr", ":8080"]
