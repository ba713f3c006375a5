FROM golang:1.22 AS builder
ENV GOFLAGS=-mod=mod
WORKDIR /go/src/app
COPY . .
RUN CGO_ENABLED=0 go install ./cmd/mailer
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /go/src/app/
COPY --from=builder /go/bin/mailer /usr/local/bin/mailer
WORKDIR /go/src/app
USER nonroot
CMD ["mailer", "-queue", "outbox"]
