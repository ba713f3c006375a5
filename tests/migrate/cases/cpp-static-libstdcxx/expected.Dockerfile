FROM gcc:12 AS builder
WORKDIR /src
COPY . .
RUN make
RUN set -e; r=/restage/root; test -x "/src/portable" || { echo "restage: /src/portable was not built" >&2; exit 1; }; mkdir -p "$r/src"; cp -L "/src/portable" "$r/src/portable"; libdir=$(dirname "$(readlink -f "$(ldd "/src/portable" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/src/portable" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /src
COPY --from=builder /restage/root/ /
USER nonroot
CMD ["./portable"]
