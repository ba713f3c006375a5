FROM golang:1.22 AS builder
WORKDIR /srv/app
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/verifyapp .
RUN mkdir -p /out/state

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=builder /out/verifyapp /usr/local/bin/verifyapp
CMD ["verifyapp", "tool"]
