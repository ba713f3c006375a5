FROM golang:1.22 AS builder
ENV CGO_ENABLED=0

ENV PORT=8080
WORKDIR ${GOPATH}/src/app
COPY . .
RUN go build

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
ENV PORT=8080
ENV GOPATH=/go
WORKDIR /go/src/app
COPY --from=builder /go/src/app/app /go/src/app/app
EXPOSE 8080
# Shell form: the shell expands $GOPATH and $PORT when the container starts.
ENTRYPOINT ${GOPATH}/src/app/app -addr=:$PORT
