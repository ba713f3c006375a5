FROM golang:1.22 AS builder
WORKDIR /srv/app
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/verifyapp .
RUN mkdir -p /out/state

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /srv/app
COPY --from=builder /out/verifyapp /usr/local/bin/verifyapp
COPY assets ./assets
EXPOSE 8099
HEALTHCHECK CMD ["/usr/local/bin/verifyapp", "health"]
CMD ["verifyapp", "serve"]
