FROM gcc:12 AS builder
WORKDIR /usr/src/unitconv
COPY . .
RUN make && make install
RUN set -e; cd /usr/src/unitconv && make install DESTDIR=/restage/root
RUN set -e; r=/restage/root; test -x "/restage/root/usr/local/bin/unitconv" || { echo "restage: /restage/root/usr/local/bin/unitconv was not built" >&2; exit 1; }; libdir=$(dirname "$(readlink -f "$(ldd "/restage/root/usr/local/bin/unitconv" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/restage/root/usr/local/bin/unitconv" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /usr/src/unitconv
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["unitconv", "26.2", "mi", "km", "m", "ft"]
