// Issue 18 items 6 and 7: CGO_ENABLED=0 only on the build the runtime's
// binary comes from; images that build nothing are `nothing-to-split`, and
// `no-start-command` comes before `unsupported-language`; a builder on a
// release restage does not know runs on its own image.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "migrate/Migration.h"
#include "RewriteChecks.h"
#include "support/TestSupport.h"

using namespace restage;

namespace {

migrate::Result migrateGo(const std::string& dockerfile) {
  restage::test::TempTree tree;
  tree.write("go.mod", "module example.com/svc\n\ngo 1.24\n");
  tree.write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n");
  migrate::Options o;
  o.context = tree.path();
  return migrate::migrateSource(dockerfile, "Dockerfile", o);
}

bool hasLine(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("go: CGO_ENABLED=0 goes on the final go build line only", "[migrate]") {
  auto r = migrateGo("FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go test -race ./...\nRUN go build -o /usr/local/bin/svc .\n"
                     "CMD [\"svc\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("ENV CGO_ENABLED") == std::string::npos);
  CHECK(r.output.find("RUN go test -race ./...\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/svc .\n") != std::string::npos);
  CHECK(r.runtimeBase.find("distroless/static") != std::string::npos);
  CHECK(hasLine(r.explanation, "the `go build` on line 5 that writes /usr/local/bin/svc now runs as `CGO_ENABLED=0 go build`"));
  CHECK(hasLine(r.contract.changed, "builder line 5: CGO_ENABLED=0 in front of `go build`"));
  restage::test::checkRewrite(r);
}

TEST_CASE("go: the prefix finds the build behind continuations, comment lines and other commands", "[migrate]") {
  auto r = migrateGo("FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go vet ./... \\\n# go build here is a comment\n"
                     "    && GOOS=linux go build \\\n      -o /out/svc .\nCMD [\"/out/svc\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("# go build here is a comment\n    && GOOS=linux CGO_ENABLED=0 go build \\\n") != std::string::npos);
  CHECK(r.output.find("RUN go vet ./... \\\n") != std::string::npos);
  restage::test::checkRewrite(r);

  // A heredoc body is placed as written.
  auto h = migrateGo("FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN <<EOF\ngo test ./...\ngo build -o /out/svc .\nEOF\n"
                     "CMD [\"/out/svc\"]\n");
  REQUIRE(h.status == migrate::Status::Migrated);
  CHECK(h.output.find("RUN <<EOF\ngo test ./...\nCGO_ENABLED=0 go build -o /out/svc .\nEOF\n") != std::string::npos);
}

TEST_CASE("go: a build that cannot take the prefix alone keeps its linkage and says why", "[migrate]") {
  // Exec form: no place for an assignment.
  auto exec = migrateGo("FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN [\"go\", \"build\", \"-o\", \"/out/svc\", \".\"]\n"
                        "CMD [\"/out/svc\"]\n");
  REQUIRE(exec.status == migrate::Status::Migrated);
  CHECK(exec.output.find("CGO_ENABLED") == std::string::npos);
  CHECK(exec.runtimeBase.find("distroless/static") == std::string::npos);
  CHECK(hasLine(exec.explanation, "cannot put CGO_ENABLED=0 in front of the `go build` on line 4 alone"));
  // -race needs cgo.
  auto race = migrateGo("FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -race -o /out/svc .\nCMD [\"/out/svc\"]\n");
  REQUIRE(race.status == migrate::Status::Migrated);
  CHECK(race.output.find("CGO_ENABLED") == std::string::npos);
  CHECK(hasLine(race.explanation, "builds with -race, which needs cgo"));
  // The stage chose cgo itself.
  auto own = migrateGo("FROM golang:1.24\nENV CGO_ENABLED=1\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/svc .\nCMD [\"/out/svc\"]\n");
  REQUIRE(own.status == migrate::Status::Migrated);
  CHECK(own.output.find("CGO_ENABLED=0") == std::string::npos);
  CHECK(hasLine(own.explanation, "the build sets CGO_ENABLED=1 itself"));
}

TEST_CASE("go: the build restage adds for go run is the static one", "[migrate]") {
  auto r = migrateGo("FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go test -race ./...\nCMD [\"go\", \"run\", \".\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("RUN go test -race ./...\n") != std::string::npos);
  CHECK(r.output.find("RUN CGO_ENABLED=0 go build -o ") != std::string::npos);
  CHECK(r.output.find("ENV CGO_ENABLED") == std::string::npos);
}

TEST_CASE("an image that builds nothing is unchanged, not refused", "[migrate]") {
  struct Case {
    const char* source;
    const char* code;
  };
  const Case cases[] = {
      // Service images: configuration copied in, runtime packages installed.
      {"FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\nEXPOSE 80\n", "nothing-to-split"},
      {"FROM redis:7-alpine\nCOPY redis.conf /usr/local/etc/redis/redis.conf\nCMD [\"redis-server\", \"/usr/local/etc/redis/redis.conf\"]\n",
       "nothing-to-split"},
      {"FROM postgres:16\nENV POSTGRES_DB=app\nCOPY init.sql /docker-entrypoint-initdb.d/\n", "nothing-to-split"},
      {"FROM alpine:3.22\nRUN apk add --no-cache squid && mkdir -p /var/cache/squid\nCOPY squid.conf /etc/squid/squid.conf\n"
       "CMD [\"squid\", \"-N\"]\n",
       "nothing-to-split"},
      // A program the base image brings, run by its path to configure it.
      {"FROM opensearchproject/opensearch:3.7.0\nUSER 0\nRUN /usr/share/opensearch/bin/opensearch-plugin remove opensearch-ml\nUSER 1000\n",
       "nothing-to-split"},
      // A build tool, a build-only package or a program of the build: something is built.
      {"FROM ubuntu:24.04\nCOPY setup /usr/local/bin/setup\nRUN /usr/local/bin/setup\nCMD [\"/opt/app\"]\n", "unsupported-language"},
      {"FROM ubuntu:24.04\nCOPY . /src\nRUN /src/build.sh\nCMD [\"/src/out/app\"]\n", "unsupported-language"},
      {"FROM alpine:3.22\nRUN apk add --no-cache libressl-dev\nCOPY app /app\nCMD [\"/app\"]\n", "unsupported-language"},
      // No start command wins over the language once something is built.
      {"FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y libboost-dev\nCOPY b.sh /b.sh\nRUN /b.sh\n", "no-start-command"},
      // A language's build image brings its tools: not a service image.
      {"FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\"]\n", "unsupported-language"},
  };
  for (const auto& c : cases) {
    INFO(c.source);
    auto r = migrate::migrateSource(c.source, "Dockerfile", {});
    CHECK(r.code == c.code);
    CHECK(r.output == c.source);
    CHECK(r.status == (std::string(c.code) == "nothing-to-split" ? migrate::Status::Unchanged : migrate::Status::Refused));
  }
}

TEST_CASE("cpp: a builder on a release restage does not know runs on its own image", "[migrate]") {
  restage::test::TempTree tree;
  tree.write("server.cpp", "int main() { return 0; }\n");
  migrate::Options o;
  o.context = tree.path();
  for (const std::string image : {"ubuntu:latest", "ubuntu:19.04"}) {
    INFO(image);
    auto r = migrate::migrateSource("FROM " + image + "\nRUN apt-get update && apt-get install -y g++\nWORKDIR /app\nCOPY . .\n"
                                    "RUN g++ -O2 -o server server.cpp\nCMD [\"./server\"]\n",
                                    "Dockerfile", o);
    REQUIRE(r.status == migrate::Status::Migrated);
    CHECK(r.runtimeBase == image);
    CHECK(hasLine(r.explanation, "Runtime base " + image + ", the builder's own image: restage does not know which distro release"));
    CHECK(hasLine(r.explanation, "the build-only packages left in the builder (g++)"));
    // No release is known, so no sibling tag's end of life, and no saving
    // from comparing the image with itself.
    CHECK_FALSE(hasLine(r.explanation, "end of life"));
    CHECK_FALSE(hasLine(r.explanation, "compressed (" + image));
    CHECK(hasLine(r.explanation, "The runtime runs as root, as the original did: restage does not know which accounts " + image));
    restage::test::checkRewrite(r);
  }
  // Nothing build-only left behind: no benefit.
  auto same = migrate::migrateSource("FROM rikorose/gcc-cmake\nWORKDIR /p\nCOPY . .\nRUN g++ -o app main.cpp\nCMD [\"./app\"]\n",
                                     "Dockerfile", {});
  CHECK(same.status == migrate::Status::Unchanged);
  CHECK(same.code == "no-benefit");
}

TEST_CASE("a service image is nothing to split whatever language its context is in", "[migrate]") {
  restage::test::TempTree tree;
  tree.write("CMakeLists.txt", "project(server CXX)\nadd_executable(server main.cpp)\n");
  tree.write("main.cpp", "int main() {}\n");
  tree.write("nginx.conf", "events {}\n");
  migrate::Options o;
  o.context = tree.path();
  std::string nginx = "FROM nginx\nWORKDIR /etc/nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\n";
  auto r = migrate::migrateSource(nginx, "nginx.dockerfile", o);
  CHECK(r.status == migrate::Status::Unchanged);
  CHECK(r.code == "nothing-to-split");
  // A language named with --lang is taken at its word.
  o.language = "cpp";
  CHECK(migrate::migrateSource(nginx, "nginx.dockerfile", o).code == "no-start-command");
}

TEST_CASE("COPY . into / with a known context carries its non-source files by name", "[migrate]") {
  restage::test::TempTree tree;
  tree.write("server.cpp", "int main() { return 0; }\n");
  tree.write("config/server.conf", "port=8080\n");
  tree.write("banner.txt", "hi\n");
  tree.write("README.md", "# demo\n");
  std::string dockerfile = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y g++\nCOPY . .\n"
                           "RUN g++ -O2 -o server server.cpp\nCMD [\"./server\"]\n";
  migrate::Options o;
  o.context = tree.path();
  auto r = migrate::migrateSource(dockerfile, "Dockerfile", o);
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("COPY --from=builder /banner.txt /banner.txt\n") != std::string::npos);
  CHECK(r.output.find("COPY --from=builder /config /config\n") != std::string::npos);
  // Sources stay behind, and the builder's filesystem is never copied whole.
  CHECK(r.output.find("/server.cpp") == std::string::npos);
  CHECK(r.output.find("/README.md") == std::string::npos);
  CHECK(hasLine(r.contract.carried, "/banner.txt, /config (line 3 COPY): the context's non-source files copied into /, carried by name"));
  restage::test::checkRewrite(r);
  // Without the context what it adds is unknown: refused as before.
  auto blind = migrate::migrateSource(dockerfile, "Dockerfile", {});
  CHECK(blind.code == "runtime-effect-uncarriable");
}
