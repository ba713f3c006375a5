FROM golang:1.22 AS builder
WORKDIR /app
COPY go.mod ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app ./cmd/api
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/empty/ /app/
COPY --from=builder /usr/local/bin/app /usr/local/bin/app
WORKDIR /app
USER nonroot
EXPOSE 8080
CMD ["/usr/local/bin/app", "-addr", ":8080"]
