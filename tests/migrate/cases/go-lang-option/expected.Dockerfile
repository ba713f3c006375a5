FROM debian:bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends golang-go gcc cmake make libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S clib -B clib/build && cmake --build clib/build
RUN go build -o /usr/local/bin/rollup .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/base-debian12:nonroot
WORKDIR /src
COPY --from=builder /usr/local/bin/rollup /usr/local/bin/rollup
USER nonroot
CMD ["rollup"]
