FROM golang:1.22 AS builder

WORKDIR /go/src/fieldcount
COPY . .
RUN go build -o fieldcount .

# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /go/src/fieldcount/fieldcount ]; then \
      echo "restage: /go/src/fieldcount/fieldcount was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/go/src/fieldcount"; \
    cp -L /go/src/fieldcount/fieldcount "$r/go/src/fieldcount/fieldcount"; \
    for lib in $(ldd /go/src/fieldcount/fieldcount | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "${lib##*/}" in \
        ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*) continue ;; \
        librt.so*|libutil.so*|libresolv.so*|libnss_*|libgcc_s.so*) continue ;; \
        libssl.so*|libcrypto.so*) continue ;; \
      esac; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done
# The app may read files next to it at run time (configs, .env, assets):
# keep its folder without the sources and build files.
RUN mkdir -p /restage/app \
    && cp -a /go/src/fieldcount/. /restage/app/ \
    && cd /restage/app \
    && rm -f fieldcount \
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
# The folders the app may write keep the runtime user's ownership when the staged
# tree is copied to /.
RUN for d in /restage/root/go/src/fieldcount; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /restage/app/ /go/src/fieldcount/
COPY --from=builder /restage/root/ /
WORKDIR /go/src/fieldcount
USER nonroot
ENTRYPOINT ["./fieldcount"]
CMD ["id,name,price", "no commas here", "7,,3.50,"]
