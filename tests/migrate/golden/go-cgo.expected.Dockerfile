FROM golang:1.22 AS builder
WORKDIR /go/src/checksum
COPY . .
RUN go build -v -o checksum .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /go/src/checksum
COPY --from=builder /go/src/checksum/checksum /go/src/checksum/checksum
USER nonroot
ENTRYPOINT ["./checksum"]
CMD ["Wikipedia", "restage", "multi-stage builds"]
