FROM golang:1.22 AS builder
ENV CGO_ENABLED=0
ENV GOFLAGS=-mod=mod
WORKDIR /go/src/app
COPY . .
RUN go install ./cmd/mailer

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /go/src/app
COPY --from=builder /go/bin/mailer /usr/local/bin/mailer
USER nonroot
CMD ["mailer", "-queue", "outbox"]
