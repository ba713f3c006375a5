FROM gcc:12 AS builder

RUN apt-get update && apt-get install -y cmake zlib1g-dev

WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2

RUN set -e; r=/restage/root; test -x "/src/build/zpack" || { echo "restage: /src/build/zpack was not built" >&2; exit 1; }; mkdir -p "$r/src/build"; cp -L "/src/build/zpack" "$r/src/build/zpack"; libdir=$(dirname "$(readlink -f "$(ldd "/src/build/zpack" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/src/build/zpack" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
WORKDIR /src
COPY --from=builder /restage/root/ /
CMD ["./build/zpack", "300"]
