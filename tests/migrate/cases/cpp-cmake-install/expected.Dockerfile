FROM gcc:13 AS builder
RUN apt-get update && apt-get install -y --no-install-recommends cmake && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build -j"$(nproc)" \
 && cmake --install build
RUN set -e; cd /src && DESTDIR=/restage/root cmake --install build
RUN set -e; r=/restage/root; test -x "/restage/root/usr/local/bin/wordfreq" || { echo "restage: /restage/root/usr/local/bin/wordfreq was not built" >&2; exit 1; }; libdir=$(dirname "$(readlink -f "$(ldd "/restage/root/usr/local/bin/wordfreq" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/restage/root/usr/local/bin/wordfreq" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /src
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["wordfreq", "/usr/local/share/wordfreq/sample.txt"]
