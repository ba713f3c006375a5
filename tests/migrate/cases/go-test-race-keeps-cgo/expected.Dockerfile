FROM golang:1.24 AS builder
WORKDIR /src
COPY . .
RUN go test -race ./...
RUN CGO_ENABLED=0 go build -o /usr/local/bin/svc .
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /src/
COPY --from=builder /usr/local/bin/svc /usr/local/bin/svc
WORKDIR /src
USER nonroot
CMD ["svc"]
