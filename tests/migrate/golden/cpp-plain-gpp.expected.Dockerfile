FROM debian:bookworm AS builder

RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/fib
COPY server.cpp .
RUN g++ -O2 -std=c++17 -o fib-server server.cpp

RUN set -e; r=/restage/root; test -x "/opt/fib/fib-server" || { echo "restage: /opt/fib/fib-server was not built" >&2; exit 1; }; mkdir -p "$r/opt/fib"; cp -L "/opt/fib/fib-server" "$r/opt/fib/fib-server"; libdir=$(dirname "$(readlink -f "$(ldd "/opt/fib/fib-server" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/opt/fib/fib-server" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /opt/fib
COPY --from=builder /restage/root/ /
USER nonroot
EXPOSE 8081
ENTRYPOINT ["/opt/fib/fib-server"]
CMD ["8081"]
