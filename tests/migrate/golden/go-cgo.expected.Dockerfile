FROM golang:1.22 AS builder
WORKDIR /go/src/checksum
COPY . .
RUN go build -v -o checksum .
RUN set -e; r=/restage/root; test -x "/go/src/checksum/checksum" || { echo "restage: /go/src/checksum/checksum was not built" >&2; exit 1; }; mkdir -p "$r/go/src/checksum"; cp -L "/go/src/checksum/checksum" "$r/go/src/checksum/checksum"; libdir=$(dirname "$(readlink -f "$(ldd "/go/src/checksum/checksum" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/go/src/checksum/checksum" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /go/src/checksum
COPY --from=builder /restage/root/ /
USER nonroot
ENTRYPOINT ["./checksum"]
CMD ["Wikipedia", "restage", "multi-stage builds"]
