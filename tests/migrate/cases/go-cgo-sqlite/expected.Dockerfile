FROM golang:1.22-bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod main.go ./
RUN go build -o /usr/local/bin/notes .
RUN set -e; r=/restage/root; test -x "/usr/local/bin/notes" || { echo "restage: /usr/local/bin/notes was not built" >&2; exit 1; }; mkdir -p "$r/usr/local/bin"; cp -L "/usr/local/bin/notes" "$r/usr/local/bin/notes"; libdir=$(dirname "$(readlink -f "$(ldd "/usr/local/bin/notes" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/usr/local/bin/notes" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /src
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["notes"]
