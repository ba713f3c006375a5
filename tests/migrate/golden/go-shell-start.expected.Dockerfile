FROM golang:1.22 AS builder

ENV PORT=8080
WORKDIR ${GOPATH}/src/app
COPY . .
RUN CGO_ENABLED=0 go build

# The app may read files next to it at run time (configs, .env, assets):
# keep its folder without the sources and build files.
RUN mkdir -p /restage/app \
    && cp -a /go/src/app/. /restage/app/ \
    && cd /restage/app \
    && rm -f app \
    && find . -type d \( -name vendor -o -name testdata -o -name .git \
        -o -name .github \) -prune -exec rm -rf {} + \
    && find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \
        -o -name go.work -o -name go.work.sum -o -name '*.c' \
        -o -name '*.h' -o -name '*.s' -o -name '*.S' \
        -o -name '*.cc' -o -name '*.cpp' -o -name '*.cxx' \
        -o -name '*.hh' -o -name '*.hpp' -o -name '*.m' \
        -o -name '*.f' -o -name '*.F' -o -name '*.for' \
        -o -name '*.f90' -o -name '*.swig' -o -name '*.swigcxx' \
        -o -name '*.syso' -o -name Dockerfile \
        -o -name 'Dockerfile.*' -o -name '*.Dockerfile' \
        -o -name Containerfile -o -name .dockerignore \
        -o -name .gitignore -o -name .gitattributes \
        -o -name '*.md' -o -name LICENSE -o -name 'LICENSE.*' \
        -o -name COPYING \) -delete \
    && find . -depth -type d -empty -delete

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
ENV PORT=8080
ENV GOPATH=/go
COPY --from=builder /go/src/app/app /go/src/app/app
COPY --from=builder /restage/app/ /go/src/app/
WORKDIR /go/src/app
EXPOSE 8080
# Shell form: the shell expands $GOPATH and $PORT when the container starts.
ENTRYPOINT ${GOPATH}/src/app/app -addr=:$PORT
