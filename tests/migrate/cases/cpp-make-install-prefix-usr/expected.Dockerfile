FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
WORKDIR /build/tally
COPY Makefile ./
COPY src ./src
RUN make -j2 && make install PREFIX=/usr
RUN set -e; cd /build/tally && make install PREFIX=/usr DESTDIR=/restage/root
RUN set -e; r=/restage/root; test -x "/restage/root/usr/bin/tally" || { echo "restage: /restage/root/usr/bin/tally was not built" >&2; exit 1; }; libdir=$(dirname "$(readlink -f "$(ldd "/restage/root/usr/bin/tally" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/restage/root/usr/bin/tally" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /build/tally
COPY --from=builder /restage/root/ /
USER nonroot
ENTRYPOINT ["tally"]
CMD ["--help"]
