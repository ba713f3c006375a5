FROM golang:1.22-alpine AS builder
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o geo .
RUN set -e; r=/restage/root; test -x "/src/geo" || { echo "restage: /src/geo was not built" >&2; exit 1; }; mkdir -p "$r/src"; cp -L "/src/geo" "$r/src/geo"; libdir=$(dirname "$(readlink -f "$(ldd "/src/geo" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/src/geo" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM alpine:3.20
WORKDIR /src
COPY --from=builder /restage/root/ /
CMD ["./geo"]
