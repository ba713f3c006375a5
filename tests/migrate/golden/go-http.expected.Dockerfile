FROM golang:1.22 AS builder
ENV CGO_ENABLED=0

WORKDIR /app
COPY go.mod ./
COPY *.go ./
RUN go build -o /usr/local/bin/wordcount .

ENV LISTEN_ADDR=:8080

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
ENV LISTEN_ADDR=:8080
WORKDIR /app
COPY --from=builder /usr/local/bin/wordcount /usr/local/bin/wordcount
USER nonroot
EXPOSE 8080
CMD ["wordcount"]
