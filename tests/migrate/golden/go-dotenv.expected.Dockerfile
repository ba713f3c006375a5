FROM golang:1.22 AS builder

WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o digest-mailer .

# The app may read files next to it at run time (configs, .env, assets):
# keep its folder without the sources and build files.
RUN mkdir -p /restage/app \
    && cp -a /app/. /restage/app/ \
    && cd /restage/app \
    && rm -f digest-mailer \
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
FROM gcr.io/distroless/static-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/app/ /app/
COPY --from=builder /app/digest-mailer /app/digest-mailer
WORKDIR /app
USER nonroot
CMD ["./digest-mailer"]
