# restage's own image: the portable (fully static) restage on distroless
# static, which has no shell and runs as the non-root user 65532.
#   docker build -t restage .      (or: buildah bud -t restage .)
#   docker run --rm -v "$PWD:/src" -w /src restage batch --check .
# Only a small part of the checkout is sent as context (.dockerignore).

FROM debian:bookworm AS builder
# Build tools and libraries; the -dev packages ship the static libraries
# (.a) that the portable link takes (uuid-dev: libuuid, for the ANTLR
# runtime). The JRE (for the ANTLR tool) fails to install where
# /usr/share/man/man1 is missing, as in slim images.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
      ccache \
      cmake \
      ninja-build \
      g++ \
      antlr4 \
      default-jre-headless \
      libantlr4-runtime-dev \
      libboost-program-options-dev \
      libfmt-dev \
      nlohmann-json3-dev \
      libdtl-dev \
      libyaml-cpp-dev \
      uuid-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The context has no .git: the commit for --version comes from the builder.
ARG RESTAGE_COMMIT=
# The ccache cache mount keeps rebuilds after a source change short.
RUN --mount=type=cache,target=/root/.cache/ccache \
    cmake -S . -B /build -G Ninja \
      -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
      -DRESTAGE_PORTABLE=ON \
      -DRESTAGE_BUILD_TESTS=OFF \
      -DRESTAGE_MANPAGES=OFF \
      -DRESTAGE_COMMIT="$RESTAGE_COMMIT" \
 && cmake --build /build --target restage \
 && strip /build/restage

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=builder /build/restage /usr/local/bin/restage
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/restage"]
CMD ["--help"]
