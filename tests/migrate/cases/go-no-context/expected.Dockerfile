FROM golang:1.22 AS builder
WORKDIR /app
COPY . .
RUN go build -o server .
RUN set -e; r=/restage/root; test -x "/app/server" || { echo "restage: /app/server was not built" >&2; exit 1; }; mkdir -p "$r/app"; cp -L "/app/server" "$r/app/server"; libdir=$(dirname "$(readlink -f "$(ldd "/app/server" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/app/server" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /app
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["./server"]
