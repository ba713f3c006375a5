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

# Runtime stage written by restage: only what the app needs to run.
FROM scratch
ENV SIEVE_MODE=batch
WORKDIR /app
COPY --from=builder /restage/root/ /
USER 65532:65532
ENTRYPOINT ["/app/sieve"]
CMD ["60"]
