FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends golang-go gcc cmake make libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S clib -B clib/build && cmake --build clib/build
RUN go build -o /usr/local/bin/rollup .
RUN set -e; r=/restage/root; test -x "/usr/local/bin/rollup" || { echo "restage: /usr/local/bin/rollup was not built" >&2; exit 1; }; mkdir -p "$r/usr/local/bin"; cp -L "/usr/local/bin/rollup" "$r/usr/local/bin/rollup"; libdir=$(dirname "$(readlink -f "$(ldd "/usr/local/bin/rollup" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/usr/local/bin/rollup" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /src
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["rollup"]
