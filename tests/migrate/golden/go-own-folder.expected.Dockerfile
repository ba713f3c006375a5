FROM golang:1.22 AS builder

WORKDIR /srv/inbox
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o inbox .

# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /srv/inbox/
COPY --from=builder /srv/inbox/inbox /srv/inbox/inbox
WORKDIR /srv/inbox
USER nonroot
CMD ["./inbox"]
