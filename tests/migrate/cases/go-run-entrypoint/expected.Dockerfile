FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
RUN go mod download
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app ./cmd/api
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /src/
COPY --from=builder /usr/local/bin/app /usr/local/bin/app
WORKDIR /src
USER nonroot
# The flags after the image name go to the app: docker run IMAGE -addr :9090
ENTRYPOINT ["/usr/local/bin/app"]
CMD ["-addr", ":8080"]
