FROM golang:1.22 AS builder

WORKDIR /app
COPY go.mod ./
COPY *.go ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/wordcount .

ENV LISTEN_ADDR=:8080
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
ENV LISTEN_ADDR=:8080
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /app/
COPY --from=builder /usr/local/bin/wordcount /usr/local/bin/wordcount
WORKDIR /app
USER nonroot
EXPOSE 8080
CMD ["wordcount"]
