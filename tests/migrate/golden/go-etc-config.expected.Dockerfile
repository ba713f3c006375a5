FROM golang:1.22 AS builder

WORKDIR /src/invoice
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/invoice-numbers .

COPY config.yaml /etc/app/config.yaml

# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /src/invoice/
COPY --from=builder /usr/local/bin/invoice-numbers /usr/local/bin/invoice-numbers
COPY --from=builder --chown=nonroot:nonroot /etc/app/config.yaml /etc/app/config.yaml
WORKDIR /src/invoice
USER nonroot
CMD ["invoice-numbers"]
