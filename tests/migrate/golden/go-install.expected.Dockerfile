FROM golang:1.22-bookworm AS builder
ENV CGO_ENABLED=0

WORKDIR /go/src/inventory
COPY . .
RUN go install ./cmd/...

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /go/src/inventory
COPY --from=builder /go/bin/inventory /usr/local/bin/inventory
USER nonroot
ENTRYPOINT ["inventory", "-strict"]
CMD ["-warehouse", "north"]
