FROM golang:1.22 AS builder

WORKDIR /go/src/app
COPY *.go .

# No go.mod in the repository: the build makes one and fetches what main.go imports.
RUN go mod init dispatch && go get
RUN go install

# Collect what the runtime stage needs: the program, and for each shared
# library it links that the runtime base lacks, the file itself.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /go/bin/dispatch ]; then \
      echo "restage: /go/bin/dispatch was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/usr/local/bin"; \
    cp -L /go/bin/dispatch "$r/usr/local/bin/dispatch"; \
    for lib in $(ldd /go/bin/dispatch | awk '$3 ~ /^\// {print $3}'); do \
      real=$(readlink -f "$lib"); \
      case "${lib##*/}" in \
        ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*) continue ;; \
        librt.so*|libutil.so*|libresolv.so*|libnss_*|libgcc_s.so*) continue ;; \
        libssl.so*|libcrypto.so*) continue ;; \
      esac; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian13:nonroot
WORKDIR /go/src/app
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["dispatch"]
