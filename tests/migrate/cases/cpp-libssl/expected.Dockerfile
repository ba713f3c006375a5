FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/digest
COPY digest.cpp .
RUN g++ -O2 -std=c++17 -o digest digest.cpp -lssl -lcrypto
RUN set -e; r=/restage/root; test -x "/opt/digest/digest" || { echo "restage: /opt/digest/digest was not built" >&2; exit 1; }; mkdir -p "$r/opt/digest"; cp -L "/opt/digest/digest" "$r/opt/digest/digest"; libdir=$(dirname "$(readlink -f "$(ldd "/opt/digest/digest" 2>/dev/null | awk '/libc\.so/ {print $3; exit}')")"); for lib in $(ldd "/opt/digest/digest" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u); do case "${lib##*/}" in ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libutil.so*|libresolv.so*|libnss_*|linux-vdso*|ld-musl*|libc.musl*) ;; *) d=$libdir; [ "$d" = . ] && d=$(dirname "$lib"); mkdir -p "$r$d"; cp -L "$lib" "$r$d/" ;; esac; done

# Runtime stage written by restage: only what the app needs to run.
FROM debian:bookworm-slim
WORKDIR /opt/digest
COPY --from=builder /restage/root/ /
ENTRYPOINT ["./digest"]
