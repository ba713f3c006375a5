FROM ubuntu:22.04 AS builder
RUN apt-get update && apt-get install -y g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY hello.cpp .
RUN g++ -O2 -o hello hello.cpp
RUN set -e; r=/restage/root; test -x "/app/hello" || { echo "restage: /app/hello was not built" >&2; exit 1; }; mkdir -p "$r/app"; cp -L "/app/hello" "$r/app/hello"; libdir=$(dirname "$(readlink -f "$(ldd "/app/hello" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/app/hello" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM ubuntu:22.04
WORKDIR /app
COPY --from=builder /restage/root/ /
CMD ["./hello", "world"]
