FROM gcc:12 AS builder
ENV SIEVE_MODE=batch
WORKDIR /app
COPY main.cpp .
RUN g++ -O2 -static -o sieve main.cpp
# Collect what the runtime stage needs: the program.
RUN set -e; \
    r=/restage/root; \
    if [ ! -x /app/sieve ]; then \
      echo "restage: /app/sieve was not built" >&2; \
      exit 1; \
    fi; \
    mkdir -p "$r/app"; \
    cp -L /app/sieve "$r/app/sieve"; \
    true
# The folders the app may write keep the runtime user's ownership when the staged
# tree is copied to /.
RUN for d in /restage/root/app; do \
      if [ -d "$d" ]; then chown 65532:65532 "$d"; fi; \
    done

# Runtime stage written by restage: only what the app needs to run.
FROM scratch
ENV SIEVE_MODE=batch
# Folders the app may write, owned by 65532: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder /restage/root/ /
WORKDIR /app
USER 65532:65532
ENTRYPOINT ["/app/sieve"]
CMD ["60"]
