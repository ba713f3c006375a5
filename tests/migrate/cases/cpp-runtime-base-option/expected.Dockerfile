FROM rikorose/gcc-cmake:gcc-12 AS builder
WORKDIR /project
COPY . .
RUN cmake -B out -DCMAKE_BUILD_TYPE=Release && cmake --build out
RUN set -e; r=/restage/root; test -x "/project/out/primes" || { echo "restage: /project/out/primes was not built" >&2; exit 1; }; mkdir -p "$r/project/out"; cp -L "/project/out/primes" "$r/project/out/primes"; libdir=$(dirname "$(readlink -f "$(ldd "/project/out/primes" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/project/out/primes" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
WORKDIR /project
COPY --from=builder /restage/root/ /
CMD ["./out/primes", "100"]
