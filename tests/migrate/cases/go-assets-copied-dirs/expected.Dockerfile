FROM golang:1.22 AS builder
ENV CGO_ENABLED=0
WORKDIR /app
COPY go.mod ./
COPY *.go ./
COPY templates/ ./templates/
COPY static/ ./static/
RUN go build -o blog .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=builder /app/blog /app/blog
COPY --from=builder /app/templates /app/templates
COPY --from=builder /app/static /app/static
USER nonroot
EXPOSE 8000
CMD ["./blog"]
