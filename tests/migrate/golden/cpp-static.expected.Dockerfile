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
# The app may read files next to it at run time (configs, .env, assets):
# keep its folder without the sources and build files.
RUN mkdir -p /restage/app \
    && cp -a /app/. /restage/app/ \
    && cd /restage/app \
    && rm -f sieve \
    && find . -type d \( -name CMakeFiles -o -name _deps -o -name third_party \
        -o -name thirdparty -o -name vendor -o -name external \
        -o -name .git -o -name .github \) -prune -exec rm -rf {} + \
    && find . -type f \( -name '*.c' -o -name '*.cc' -o -name '*.cpp' \
        -o -name '*.cxx' -o -name '*.c++' -o -name '*.h' \
        -o -name '*.hh' -o -name '*.hpp' -o -name '*.hxx' \
        -o -name '*.ipp' -o -name '*.inl' -o -name '*.o' \
        -o -name '*.obj' -o -name '*.a' -o -name '*.d' \
        -o -name '*.cmake' -o -name CMakeLists.txt \
        -o -name CMakeCache.txt -o -name Makefile \
        -o -name makefile -o -name GNUmakefile -o -name '*.mk' \
        -o -name meson.build -o -name meson_options.txt \
        -o -name build.ninja -o -name .ninja_deps \
        -o -name .ninja_log -o -name configure \
        -o -name configure.ac -o -name Makefile.am \
        -o -name Makefile.in -o -name compile_commands.json \
        -o -name conanfile.txt -o -name conanfile.py \
        -o -name vcpkg.json -o -name Dockerfile \
        -o -name 'Dockerfile.*' -o -name '*.Dockerfile' \
        -o -name Containerfile -o -name .dockerignore \
        -o -name .gitignore -o -name .gitattributes \
        -o -name '*.md' -o -name LICENSE -o -name 'LICENSE.*' \
        -o -name COPYING \) -delete \
    && find . -depth -type d -empty -delete

# Runtime stage written by restage: only what the app needs to run.
FROM scratch
ENV SIEVE_MODE=batch
WORKDIR /app
COPY --from=builder /restage/root/ /
COPY --from=builder --chown=65532:65532 /restage/app/ /app/
USER 65532:65532
ENTRYPOINT ["/app/sieve"]
CMD ["60"]
