FROM golang:1.22 AS builder
ENV CGO_ENABLED=0

WORKDIR /src/invoice
COPY go.mod main.go ./
RUN go build -o /usr/local/bin/invoice-numbers .

COPY config.yaml /etc/app/config.yaml

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /src/invoice
COPY --from=builder /usr/local/bin/invoice-numbers /usr/local/bin/invoice-numbers
COPY --from=builder --chown=nonroot:nonroot /etc/app/config.yaml /etc/app/config.yaml
USER nonroot
CMD ["invoice-numbers"]
