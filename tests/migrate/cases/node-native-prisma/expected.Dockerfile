FROM node:22 AS builder
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx prisma generate
RUN npm prune --omit=dev
# The ELF files under /app (native addons, engines, bundled .so files): for
# each shared library they link that the runtime base lacks, the package that
# owns it or, when no package does, the file itself.
RUN set -e; \
    r=/restage/root; \
    mkdir -p "$r"; \
    : > /restage/packages; \
    find /app -type f \( -name '*.node' -o -name '*.so' -o -name '*.so.*' \
      -o -perm -100 \) -exec sh -c 'head -c 4 "$1" | grep -q ELF && echo "$1"' sh {} \; \
      > /restage/elf-files; \
    for lib in $(xargs -r -n 1 ldd < /restage/elf-files 2>/dev/null \
                 | awk '$3 ~ /^\// {print $3}' | sort -u); do \
      real=$(readlink -f "$lib"); \
      case "$real" in /app/*) continue ;; esac; \
      case "${lib##*/}" in \
        ld-linux*|libc.so*|libm.so*|libpthread.so*|libdl.so*) continue ;; \
        librt.so*|libutil.so*|libresolv.so*|libnss_*|libgcc_s.so*) continue ;; \
        libstdc++.so*) continue ;; \
      esac; \
      if pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null); then \
        echo "${pkg%%:*}" >> /restage/packages; \
        continue; \
      fi; \
      mkdir -p "$r${real%/*}"; \
      cp -L "$lib" "$r${real%/*}/"; \
    done; \
    rm /restage/elf-files

# Runtime stage written by restage: only what the app needs to run.
FROM node:22-slim
COPY --from=builder /restage/packages /tmp/restage-packages
# Packages of the libraries the app's native files link that the base lacks
# (asked of the builder's package database), when there are any.
RUN if [ -s /tmp/restage-packages ]; then \
      apt-get update \
      && xargs -a /tmp/restage-packages apt-get install -y --no-install-recommends \
      && rm -rf /var/lib/apt/lists/*; \
    fi; \
    rm /tmp/restage-packages
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
COPY --from=builder /restage/root/ /
WORKDIR /app
USER node
EXPOSE 3000
CMD ["node", "server.js"]
