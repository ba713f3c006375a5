// restage migrate: the recorded outcome of every single-stage real-world
// Dockerfile (without contexts), refusals, CRLF, and the runtime-stage checks.
// The golden rewrites (with build contexts) are in GoldenTest.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "catalog/Catalog.h"
#include "migrate/Migration.h"
#include "RewriteChecks.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace restage;
using restage::test::readText;

namespace {

fs::path sourceDir() { return fs::path(RESTAGE_SOURCE_DIR); }

}  // namespace

TEST_CASE("real-world single-stage Dockerfiles: recorded outcome per file", "[migrate][corpus]") {
  fs::path corpus = restage::test::corpusDir() / "realworld";
  std::ifstream tsv(sourceDir() / "tests/migrate/realworld-expected.tsv");
  REQUIRE(tsv);
  std::string line;
  int total = 0, migrated = 0;
  // RESTAGE_UPDATE_GOLDEN=1 records today's outcomes instead of checking them.
  bool update = std::getenv("RESTAGE_UPDATE_GOLDEN") != nullptr;
  std::string recorded;
  std::map<std::string, int> refusals;
  while (std::getline(tsv, line)) {
    std::istringstream fields(line);
    std::string file, status, code;
    std::getline(fields, file, '\t');
    std::getline(fields, status, '\t');
    std::getline(fields, code, '\t');
    ++total;
    INFO(file);
    // Without their build contexts: the corpus folder is not one.
    migrate::Options options;
    options.today = catalog::Catalog::get().asOf();
    auto r = migrate::migrateSource(readText(corpus / file), file, options);
    INFO(r.reason);
    recorded += file + "\t" + std::string(migrate::statusName(r.status)) + "\t" + r.code + "\n";
    if (r.status != migrate::Status::Migrated) ++refusals[r.code];
    if (!update) {
      CHECK(std::string(migrate::statusName(r.status)) == status);
      CHECK(r.code == code);
    }
    CHECK(!r.reason.empty());
    if (r.status == migrate::Status::Migrated) {
      ++migrated;
      restage::test::checkRewrite(r);
    } else {
      CHECK(r.output == r.original);
      CHECK(r.edits.empty());
    }
  }
  CHECK(total == 68);
  if (update) std::ofstream(sourceDir() / "tests/migrate/realworld-expected.tsv") << recorded;
  // The share that matters: files with an app to run (not toolbox, CI or
  // development images, nor images that compile when they start).
  // no-benefit files are left alone on purpose (same image, nothing worth having).
  int noApp = refusals["no-start-command"] + refusals["dev-server"] + refusals["builds-at-start"];
  int offered = total - noApp - refusals["no-benefit"];
  WARN("migrated " << migrated << " of " << total << " real-world single-stage files; " << migrated << " of "
                   << (total - noApp) << " with an app to run; " << migrated << " of " << offered
                   << " where a rewrite is worth having");
  CHECK(migrated * 100 >= 85 * offered);
}

TEST_CASE("multi-stage input is left unchanged, but a broken runtime stage is reported", "[migrate]") {
  std::string seed = "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\n\nFROM scratch\nCOPY --from=build /app /app\nCMD [\"npm\", \"start\"]\n";
  auto r = migrate::migrateSource(seed, "Dockerfile", {});
  CHECK(r.status == migrate::Status::Unchanged);
  CHECK(r.output == seed);
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(r.problems.front(), Catch::Contains("scratch has no npm"));

  std::string shellForm = "FROM golang:1.22 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=b /app /app\nCMD /app --serve\n";
  auto s = migrate::migrateSource(shellForm, "Dockerfile", {});
  REQUIRE(s.problems.size() == 1);
  CHECK_THAT(s.problems.front(), Catch::Contains("no /bin/sh"));

  std::string badRef = "FROM golang:1.22 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=bilder /app /app\nCMD [\"/app\"]\n";
  auto t = migrate::migrateSource(badRef, "Dockerfile", {});
  REQUIRE_FALSE(t.problems.empty());
  CHECK_THAT(t.problems.front(), Catch::Contains("names no earlier stage"));
}

TEST_CASE("a bare command name on scratch is looked up on BuildKit's default PATH", "[migrate]") {
  auto problemsOf = [](const std::string& runtime) {
    std::string text = "FROM golang:1.22 AS b\nRUN go build -o /out/app .\nFROM scratch\n" + runtime;
    return migrate::migrateSource(text, "Dockerfile", {}).problems;
  };
  // Copied onto the PATH by name, or a whole folder copied there: it may run.
  CHECK(problemsOf("COPY --from=b /out/app /usr/local/bin/app\nENTRYPOINT [\"app\"]\n").empty());
  CHECK(problemsOf("COPY --from=b /out/ /usr/bin/\nENTRYPOINT [\"app\"]\n").empty());
  // A WebAssembly module is loaded by a wasm runtime, not looked up.
  CHECK(problemsOf("COPY --from=b /out/app.wasm /app.wasm\nENTRYPOINT [\"app.wasm\"]\n").empty());

  auto inRoot = problemsOf("COPY --from=b /out/app /app\nENTRYPOINT [\"app\"]\n");
  REQUIRE(inRoot.size() == 1);
  CHECK_THAT(inRoot.front(), Catch::Contains("no file of that name is copied into a folder on its PATH "
                                             "(/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)"));
  // An ENV PATH in the stage replaces the default.
  auto ownPath = problemsOf("ENV PATH=/opt/bin\nCOPY --from=b /out/app /usr/bin/app\nENTRYPOINT [\"app\"]\n");
  REQUIRE(ownPath.size() == 1);
  CHECK_THAT(ownPath.front(), Catch::Contains("(/opt/bin)"));
}

TEST_CASE("a runtime stage without a command of its own", "[migrate]") {
  auto problemsOf = [](const std::string& runtime) {
    std::string text = "FROM golang:1.22 AS b\nRUN go build -o /out/app .\n" + runtime;
    return migrate::migrateSource(text, "Dockerfile", {}).problems;
  };
  // A base with a shell runs its shell: a toolbox image, not a broken one.
  CHECK(problemsOf("FROM ubuntu:22.04\nCOPY --from=b /out/app /usr/local/bin/app\n").empty());
  auto none = problemsOf("FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=b /out/app /app\n");
  REQUIRE(none.size() == 1);
  CHECK_THAT(none.front(), Catch::Contains("sets no CMD or ENTRYPOINT, and gcr.io/distroless/static-debian12:nonroot "
                                           "has no command of its own"));
}

TEST_CASE("refusals say why and change nothing", "[migrate]") {
  struct Case { const char* source; const char* code; };
  const Case cases[] = {
      {"FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\n", "no-start-command"},
      {"FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\"]\n", "unsupported-language"},
      {"ARG BASE=node:20\nFROM ${BASE}\nWORKDIR /app\nCMD [\"node\", \"x.js\"]\n", "variable-base"},
      {"FROM golang:1.22\nWORKDIR /app\nRUN go build -o app .\nCMD [\"./other\"]\n", "unknown-binary"},
      {"FROM golang:1.22\nWORKDIR /app\nRUN go build -o app .\nCMD ./migrate && ./app --port $PORT\n", "start-needs-shell"},
      {"FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"npm\", \"start\"]\n", "no-workdir"},
      {"# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD [\"app.exe\"]\n", "windows-escape"},
      {"FROM node:20\nONBUILD COPY . /app\nONBUILD RUN cd /app && npm ci\nWORKDIR /app\nCMD [\"node\", \"main.js\"]\n",
       "onbuild-base"},
  };
  for (const auto& c : cases) {
    INFO(c.source);
    auto r = migrate::migrateSource(c.source, "Dockerfile", {});
    CHECK(r.status == migrate::Status::Refused);
    CHECK(r.code == c.code);
    CHECK(r.output == c.source);
    CHECK(r.edits.empty());
  }
}

TEST_CASE("build args resolve global ARGs in FROM; defaults alone do not", "[migrate]") {
  const std::string go =
      "ARG GO=1.21\n"
      "ARG IMAGE=golang:${GO}\n"
      "FROM ${IMAGE}\n"
      "WORKDIR /src\n"
      "COPY . .\n"
      "RUN CGO_ENABLED=0 go build -o /out/app .\n"
      "CMD [\"/out/app\"]\n";
  migrate::Options o;
  o.buildArgs = {{"GO", "1.22"}};
  auto r = migrate::migrateSource(go, "Dockerfile", o);
  INFO(r.code << ": " << r.reason);
  REQUIRE(r.status == migrate::Status::Migrated);
  // A later default sees the build arg; the builder keeps FROM as written.
  CHECK(r.builderBase == "golang:1.22");
  CHECK_THAT(r.output, Catch::Contains("FROM ${IMAGE} AS builder\n"));
  REQUIRE(r.explanation.size() > 1);
  CHECK(r.explanation[1] == "FROM ${IMAGE} is golang:1.22 with the build arguments given (GO=1.22); the runtime "
                            "base was chosen for that image, so a build with other values needs its own migration.");
  // Build args FROM does not use, args declared after FROM (a stage ARG, which
  // FROM cannot see), and none at all: still refused.
  for (const auto& args : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"OTHER", "x"}}, {}}) {
    o.buildArgs = args;
    CHECK(migrate::migrateSource(go, "Dockerfile", o).code == "variable-base");
  }
  o.buildArgs = {{"V", "20"}};
  auto stageArg = migrate::migrateSource("FROM node:${V}\nARG V=18\nWORKDIR /app\nCMD [\"node\", \"x.js\"]\n",
                                         "Dockerfile", o);
  CHECK(stageArg.code == "variable-base");
}

TEST_CASE("a syntax error is an error with its position", "[migrate]") {
  auto r = migrate::migrateSource("FROM alpine\nENV PATH\n", "Dockerfile", {});
  CHECK(r.status == migrate::Status::Error);
  REQUIRE(r.error);
  CHECK(r.error->position.line == 2);
}

TEST_CASE("CRLF files stay CRLF and untouched lines keep their bytes", "[migrate]") {
  std::string src = "FROM golang:1.22\r\nWORKDIR /app\r\nCOPY . .\r\nRUN CGO_ENABLED=0 go build -o server .\r\nCMD [\"./server\"]\r\n";
  auto r = migrate::migrateSource(src, "Dockerfile", {});
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("\r\nWORKDIR /app\r\nCOPY . .\r\nRUN CGO_ENABLED=0 go build -o server .\r\n") != std::string::npos);
  for (std::size_t i = 0; i < r.output.size(); ++i) {
    if (r.output[i] == '\n') REQUIRE((i > 0 && r.output[i - 1] == '\r'));
  }
  CHECK(r.runtimeBase == "gcr.io/distroless/static-debian13:nonroot");
}

TEST_CASE("instructions that move out together leave one blank line, not two", "[migrate]") {
  // EXPOSE and CMD between blank lines are one run: the builder keeps one of
  // the blank lines around them.
  for (std::string nl : {"\n", "\r\n"}) {
    std::string src = "FROM golang:1.22" + nl + "WORKDIR /app" + nl + "COPY go.mod ." + nl + nl + "EXPOSE 8080" + nl +
                      "# how it starts" + nl + "CMD [\"./server\"]" + nl + nl + "COPY . ." + nl +
                      "RUN CGO_ENABLED=0 go build -o server ." + nl;
    auto r = migrate::migrateSource(src, "Dockerfile", {});
    REQUIRE(r.status == migrate::Status::Migrated);
    INFO(r.output);
    CHECK(r.output.find("COPY go.mod ." + nl + nl + "COPY . ." + nl) != std::string::npos);
    CHECK(r.output.find(nl + nl + nl) == std::string::npos);
    CHECK(r.output.find("EXPOSE 8080" + nl + "# how it starts" + nl + "CMD [\"./server\"]") != std::string::npos);
  }
}

TEST_CASE("node: a build that deletes node_modules after installing gets no prune", "[migrate]") {
  const std::string removed =
      "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install \\\n    && npm install -g serve \\\n"
      "    && npm run build \\\n    && rm -fr ./node_modules/\nCMD [\"serve\", \"-s\", \"build\"]\n";
  auto r = migrate::migrateSource(removed, "Dockerfile", {});
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("prune") == std::string::npos);
  CHECK(std::find(r.explanation.begin(), r.explanation.end(),
                  "The build removes node_modules itself (line 4); nothing to prune.") != r.explanation.end());
  // Installed again after the removal: pruned as usual.
  const std::string reinstalled =
      "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN rm -rf node_modules && npm ci\nCMD [\"node\", \"server.js\"]\n";
  auto again = migrate::migrateSource(reinstalled, "Dockerfile", {});
  REQUIRE(again.status == migrate::Status::Migrated);
  CHECK(again.output.find("RUN npm prune --omit=dev") != std::string::npos);
}

TEST_CASE("go: golang's WORKDIR /go is where a build without WORKDIR runs, not the app's folder", "[migrate]") {
  restage::test::TempTree tree;
  tree.write("go.mod", "module app\n\ngo 1.19\n");
  tree.write("server/main.go", "package main\n\nfunc main() {}\n");
  tree.write("api_config.yaml", "x: 1\n");
  migrate::Options o;
  o.context = tree.path();
  auto r = migrate::migrateSource("FROM golang:1.22\nCOPY . /go/src/app\nRUN cd /go/src/app && go install ./server\n"
                                  "ENTRYPOINT [\"/go/bin/server\"]\n",
                                  "Dockerfile", o);
  REQUIRE(r.status == migrate::Status::Migrated);
  // The container's working directory stays golang's own.
  CHECK(r.output.find("WORKDIR /go\n") != std::string::npos);
  // The app folder is where the context went, not GOPATH with its module cache.
  CHECK(std::find(r.explanation.begin(), r.explanation.end(),
                  "The app folder /go/src/app's non-source files (api_config.yaml) are carried: the app may read them "
                  "at run time.") != r.explanation.end());
  CHECK(r.output.find("cp -a /go/. ") == std::string::npos);
}
