FROM golang:1.22 AS builder
ENV CGO_ENABLED=0

WORKDIR /srv/site
COPY . .
RUN go build -o site-server . && go vet ./...

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /srv/site
COPY --from=builder /srv/site/site-server /srv/site/site-server
COPY --from=builder /srv/site/templates /srv/site/templates
COPY --from=builder /srv/site/static /srv/site/static
USER nonroot
EXPOSE 8090
CMD ["./site-server"]
