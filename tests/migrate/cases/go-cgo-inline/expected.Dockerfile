FROM golang:1.22 AS builder
WORKDIR /opt/fnv
COPY . .
RUN go build -trimpath -o bin/fnv .
RUN set -e; r=/restage/root; test -x "/opt/fnv/bin/fnv" || { echo "restage: /opt/fnv/bin/fnv was not built" >&2; exit 1; }; mkdir -p "$r/opt/fnv/bin"; cp -L "/opt/fnv/bin/fnv" "$r/opt/fnv/bin/fnv"; libdir=$(dirname "$(readlink -f "$(ldd "/opt/fnv/bin/fnv" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/opt/fnv/bin/fnv" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /opt/fnv
COPY --from=builder /restage/root/ /
USER nonroot
ENTRYPOINT ["./bin/fnv"]
