FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ meson ninja-build pkg-config libfmt-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN meson setup build --buildtype=release && meson compile -C build
RUN set -e; r=/restage/root; test -x "/src/build/greeter" || { echo "restage: /src/build/greeter was not built" >&2; exit 1; }; mkdir -p "$r/src/build"; cp -L "/src/build/greeter" "$r/src/build/greeter"; libdir=$(dirname "$(readlink -f "$(ldd "/src/build/greeter" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/src/build/greeter" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
WORKDIR /src
COPY --from=builder /restage/root/ /
CMD ["./build/greeter", "meson"]
