// `restage batch` with compose contexts and context maps, through the binary:
// unmatched map keys, a malformed compose file, and a compose context that
// changes the rewrite (checked against what the explanation claims).
#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <string>

#include "support/TestSupport.h"
#include "BatchTestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::batch::test::ScratchDir;
using restage::test::readText;
using restage::test::runRestage;

namespace {

// A Node service whose Dockerfile sits in svc/ while its package.json and
// code are at the repository's top: built from svc/ it sees none of them.
void writeNodeMonorepo(const ScratchDir& d) {
  d.write("package.json",
          R"({"name": "app", "version": "1.0.0", "scripts": {"start": "node server.js"},)"
          R"( "dependencies": {"express": "^4.18.0"}, "devDependencies": {"jest": "^29.0.0"}})"
          "\n");
  d.write("package-lock.json", "{}\n");
  d.write("server.js", "require('express')().listen(3000);\n");
  d.write("svc/Dockerfile",
          "ARG NODE_VERSION=18\n"
          "FROM node:${NODE_VERSION}\n"
          "WORKDIR /app\n"
          "COPY package*.json ./\n"
          "RUN npm ci\n"
          "COPY . .\n"
          "EXPOSE 3000\n"
          "CMD [\"node\", \"server.js\"]\n");
}

const char* kCompose =
    "services:\n"
    "  web:\n"
    "    build:\n"
    "      context: .\n"
    "      dockerfile: svc/Dockerfile\n"
    "      args:\n"
    "        NODE_VERSION: \"22\"\n"
    "  cache:\n"
    "    build: https://github.com/example/cache.git\n"
    "  api:\n"
    "    build: ./api\n";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("batch: context map keys that match no Dockerfile are an error (exit 2)", "[cli]") {
  ScratchDir d;
  d.write("svc/a/Dockerfile", "FROM golang:1.22\nCMD [\"x\"]\n");
  d.write("map.json", R"({"contexts": {"svc/a/Dockerfile": ".", "svc/typo/Dockerfile": "."}})");
  auto r = runRestage({"batch", "-q", d.path().string(), "--context-map", (d / "map.json").string()});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(has(r.err, "match no Dockerfile"));
  CHECK(has(r.err, "\"svc/typo/Dockerfile\""));
  CHECK_FALSE(has(r.err, "\"svc/a/Dockerfile\""));
  CHECK(r.out.empty());  // stopped before any file

  // The same from a .restage-contexts.json at the top of DIR.
  d.write(".restage-contexts.json", R"({"contexts": {"gone/": "."}})");
  auto config = runRestage({"batch", "-q", d.path().string()});
  CHECK(config.status == 2);
  CHECK(has(config.err, ".restage-contexts.json: \"gone/\""));
}

TEST_CASE("batch: a context map key may name a file of another shard", "[cli]") {
  ScratchDir d;
  // Enough files that both shards get some, and each key's file is in one shard only.
  std::string keys;
  for (int i = 0; i < 8; ++i) {
    d.write(fmt::format("s{}/Dockerfile", i), "FROM golang:1.22\nCMD [\"x\"]\n");
    keys += fmt::format("{}\"s{}/Dockerfile\": \".\"", i ? ", " : "", i);
  }
  d.write("map.json", "{\"contexts\": {" + keys + "}}");
  std::size_t seen = 0;
  for (const char* shard : {"1/2", "2/2"}) {
    auto r = runRestage({"batch", "-q", "--format", "json", "--shard", shard, d.path().string(), "--context-map",
                         (d / "map.json").string()});
    INFO(shard << ": " << r.err);
    CHECK(r.status == 0);
    auto files = json::parse(r.out)["files"];
    CHECK(files.size() < 8);
    for (const auto& f : files) CHECK(f["context_source"] == "context_map");
    seen += files.size();
  }
  CHECK(seen == 8);
}

TEST_CASE("batch: a malformed compose file stops the batch with FILE:LINE:COL", "[cli]") {
  ScratchDir d;
  d.write("svc/Dockerfile", "FROM golang:1.22\nCMD [\"x\"]\n");
  d.write("compose.yaml", "services:\n  web:\n    build: svc\n  db: {image: [\n");
  auto r = runRestage({"batch", "-q", d.path().string()});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(has(r.err, (d / "compose.yaml").string() + ":5:"));
  CHECK(r.out.empty());
}

TEST_CASE("batch: a compose context `.` changes the rewrite, and the report says why", "[cli]") {
  ScratchDir d;
  writeNodeMonorepo(d);
  std::string dir = d.path().string();
  std::string svc = (d / "svc").string();

  // Without compose: the context is svc/, which has no package.json and no
  // server.js; the FROM variable is not resolved (no build args).
  auto alone = runRestage({"batch", "-q", "--format", "json", dir});
  REQUIRE(alone.status == 0);
  json plain = json::parse(alone.out)["files"][0];
  CHECK(plain["status"] == "refused");
  CHECK(plain["code"] == "variable-base");
  CHECK(plain["context"] == svc);
  CHECK(plain["context_source"] == "folder");
  CHECK_FALSE(plain.contains("build_args"));

  // With compose: context `.` (the top), NODE_VERSION=22; and a Go service
  // whose context is its own folder `./api`.
  d.write("api/go.mod", "module example.com/api\n\ngo 1.22\n");
  d.write("api/main.go", "package main\n\nfunc main() {}\n");
  d.write("api/Dockerfile", "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/api .\nCMD [\"api\"]\n");
  d.write("compose.yaml", kCompose);
  auto run = runRestage({"batch", "-q", "--format", "json", dir});
  INFO(run.err);
  REQUIRE(run.status == 0);
  json report = json::parse(run.out);
  REQUIRE(report["files"].size() == 2);
  json api = report["files"][0];
  CHECK(api["path"] == (d / "api/Dockerfile").string());
  CHECK(api["context"] == (d / "api").string());
  CHECK(api["context_source"] == "compose");
  CHECK(api["compose_service"] == "api");
  CHECK(api["status"] == "migrated");
  json f = report["files"][1];
  CHECK(f["path"] == (d / "svc/Dockerfile").string());
  CHECK(f["status"] == "migrated");
  CHECK(f["context"] == dir);
  CHECK(f["context_source"] == "compose");
  CHECK(f["context_from"] == (d / "compose.yaml").string());
  CHECK(f["compose_service"] == "web");
  CHECK(f["build_args"] == json{{"NODE_VERSION", "22"}});
  CHECK(f["builder_base"] == "node:22");
  CHECK(f["runtime_base"] == "gcr.io/distroless/nodejs22-debian13:nonroot");

  // Each claim of the explanation that depends on the context is true for it.
  std::string all;
  for (const auto& line : f["explanation"]) all += line.get<std::string>() + "\n";
  INFO(all);
  CHECK(has(all, "FROM node:${NODE_VERSION} is node:22 with the build arguments given (NODE_VERSION=22)"));
  CHECK(has(all, "the app starts with a plain `node server.js`"));
  CHECK(fs::is_regular_file(fs::path(f["context"].get<std::string>()) / "server.js"));
  CHECK(has(all, "prunes devDependencies"));
  CHECK(json::parse(readText(d / "package.json")).contains("devDependencies"));

  // The same rewrite as migrate with that context and build arg.
  auto migrate = runRestage({"migrate", "--format", "json", "--context", dir, "--build-arg", "NODE_VERSION=22",
                             (d / "svc/Dockerfile").string()});
  REQUIRE(migrate.status == 0);
  CHECK(json::parse(migrate.out)["runtime_base"] == f["runtime_base"]);

  // The text report names the context and its source with -v, and the
  // service it could not use.
  auto text = runRestage({"batch", "-v", dir});
  INFO(text.out);
  CHECK(has(text.out, "  context: " + dir + " (compose: " + (d / "compose.yaml").string() +
                          ", service web); build args: NODE_VERSION=22\n"));
  CHECK(has(text.out, "compose service 'cache' not used: its context https://github.com/example/cache.git is remote"));

  // --write writes that rewrite; the builder keeps its FROM as written.
  auto write = runRestage({"batch", "-q", "--write", dir});
  REQUIRE(write.status == 0);
  std::string out = readText(d / "svc/Dockerfile");
  CHECK(has(out, "FROM node:${NODE_VERSION} AS builder\n"));
  CHECK(has(out, "FROM gcr.io/distroless/nodejs22-debian13:nonroot\n"));
  CHECK(has(out, "RUN npm prune --omit=dev\n"));

  // A context map entry wins over compose.
  d.write("svc/.keep", "");
  d.write("map.json", R"({"contexts": {"svc/Dockerfile": "svc"}})");
  d.write("svc/Dockerfile", "FROM node:20\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n");
  auto mapped = runRestage({"batch", "-q", "--format", "json", dir, "--context-map", (d / "map.json").string()});
  REQUIRE(mapped.status == 0);
  json m = json::parse(mapped.out)["files"][1];
  CHECK(m["context"] == svc);
  CHECK(m["context_source"] == "context_map");
  CHECK(m["context_from"] == (d / "map.json").string());
  CHECK(m["compose_service"] == "web");
}

namespace {

// dockersamples/example-voting-app's result service, shaped down: curl "for
// healthcheck" and nodemon "for local dev use" are installed, the CMD runs
// plain node, and the compose file is what runs the rest.
void writeVotingResult(const ScratchDir& d, const std::string& service) {
  d.write("result/Dockerfile",
          "FROM node:18\n"
          "\n"
          "# add curl for healthcheck\n"
          "RUN apt-get update && \\\n"
          "    apt-get install -y --no-install-recommends curl tini && \\\n"
          "    rm -rf /var/lib/apt/lists/*\n"
          "\n"
          "WORKDIR /usr/local/app\n"
          "\n"
          "# have nodemon available for local dev use (file watching)\n"
          "RUN npm install -g nodemon\n"
          "\n"
          "COPY package*.json ./\n"
          "RUN npm ci\n"
          "COPY . .\n"
          "\n"
          "ENV PORT=80\n"
          "EXPOSE 80\n"
          "\n"
          "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]\n"
          "CMD [\"node\", \"server.js\"]\n");
  d.write("result/package.json",
          R"({"name": "result", "version": "1.0.0", "scripts": {"start": "node server.js"},)"
          R"( "dependencies": {"express": "^4.18.0"}})"
          "\n");
  d.write("result/package-lock.json", "{}\n");
  d.write("result/server.js", "require('express')().listen(80);\n");
  d.write("docker-compose.yml", "services:\n  " + service + ":\n    build: ./result\n");
}

}  // namespace

TEST_CASE("batch: a compose entrypoint that runs nodemon is a dev image (dev-server, naming the compose file)",
          "[cli]") {
  ScratchDir d;
  writeVotingResult(d, "result");
  // Without compose's entrypoint the file migrates (nodemon is dropped, since
  // nothing runs it)...
  auto plain = runRestage({"batch", "-q", "--format", "json", "."}, d.path());
  INFO(plain.err);
  REQUIRE(plain.status == 0);
  CHECK(json::parse(plain.out)["files"][0]["status"] == "migrated");

  // ...with it, the image is the one compose runs as a dev server.
  d.write("docker-compose.yml",
          "services:\n"
          "  result:\n"
          "    build: ./result\n"
          "    # use nodemon rather than node for local dev\n"
          "    entrypoint: nodemon --inspect=0.0.0.0 server.js\n"
          "    volumes:\n"
          "      - ./result:/usr/local/app\n");
  auto run = runRestage({"batch", "-q", "--format", "json", "."}, d.path());
  INFO(run.err);
  REQUIRE(run.status == 0);
  json f = json::parse(run.out)["files"][0];
  CHECK(f["status"] == "refused");
  CHECK(f["code"] == "dev-server");
  std::string reason = f["reason"];
  CHECK(reason.starts_with("docker-compose.yml service result entrypoint runs `nodemon`, a development server"));
  CHECK(has(reason, "a development image"));
  std::string before = readText(d / "result/Dockerfile");
  // --write leaves it alone.
  CHECK(runRestage({"batch", "-q", "--write", "."}, d.path()).status == 0);
  CHECK(readText(d / "result/Dockerfile") == before);

  // The same through a package.json script in an override's command.
  d.write("docker-compose.yml", "services:\n  result:\n    build: ./result\n");
  d.write("docker-compose.override.yml", "services:\n  result:\n    command: [\"npm\", \"run\", \"dev\"]\n");
  d.write("result/package.json",
          R"({"name": "result", "scripts": {"start": "node server.js", "dev": "nodemon server.js"},)"
          R"( "dependencies": {"express": "^4.18.0"}})"
          "\n");
  auto over = runRestage({"batch", "-q", "--format", "json", "."}, d.path());
  REQUIRE(over.status == 0);
  json o = json::parse(over.out)["files"][0];
  CHECK(o["code"] == "dev-server");
  CHECK(o["reason"].get<std::string>().starts_with("docker-compose.override.yml service result command runs `nodemon`"));

  // suggest reads the same compose files: no suggestion for the file.
  auto suggest = runRestage({"suggest", "--format", "json", "result/Dockerfile"}, d.path());
  INFO(suggest.out << suggest.err);
  CHECK(has(suggest.out, "\"code\": \"dev-server\""));
  CHECK(has(suggest.out, "docker-compose.override.yml service result command runs `nodemon`"));
}

TEST_CASE("batch: curl in a compose healthcheck is carried, and the contract names the service", "[cli]") {
  ScratchDir d;
  writeVotingResult(d, "result");
  // Without the healthcheck, curl is a download tool left in the builder.
  auto plain = runRestage({"batch", "-q", "--format", "json", "."}, d.path());
  REQUIRE(plain.status == 0);
  json p = json::parse(plain.out)["files"][0];
  REQUIRE(p["status"] == "migrated");
  std::string dropped;
  for (const auto& line : p["contract"]["dropped"]) dropped += line.get<std::string>() + "\n";
  CHECK(has(dropped, "curl"));

  d.write("docker-compose.yml",
          "services:\n"
          "  result:\n"
          "    build: ./result\n"
          "    healthcheck:\n"
          "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n"
          "      interval: 5s\n");
  auto run = runRestage({"batch", "-q", "--format", "json", "."}, d.path());
  INFO(run.err);
  REQUIRE(run.status == 0);
  json f = json::parse(run.out)["files"][0];
  REQUIRE(f["status"] == "migrated");
  CHECK(f["runtime_base"] == "node:18-slim");
  std::string carried;
  for (const auto& line : f["contract"]["carried"]) carried += line.get<std::string>() + "\n";
  INFO(carried);
  CHECK(has(carried, "package curl (line 4, apt-get install): docker-compose.yml service result healthcheck runs `curl`\n"));
  CHECK(has(carried, "package tini (line 4, apt-get install): the start command or HEALTHCHECK runs `tini`\n"));
  for (const auto& line : f["contract"]["dropped"]) CHECK_FALSE(has(line.get<std::string>(), "curl"));
  // nodemon: nothing runs it, so the global install stays in the builder.
  std::string all;
  for (const auto& line : f["explanation"]) all += line.get<std::string>() + "\n";
  CHECK_FALSE(has(all, "Globally installed tools"));

  // The rewrite installs curl in the runtime stage.
  REQUIRE(runRestage({"batch", "-q", "--write", "."}, d.path()).status == 0);
  std::string out = readText(d / "result/Dockerfile");
  std::string runtime = out.substr(out.find("FROM node:18-slim"));
  INFO(runtime);
  CHECK(has(runtime, "apt-get install -y --no-install-recommends curl tini"));
  CHECK_FALSE(has(runtime, "nodemon"));
}

TEST_CASE("batch: a compose command that runs a global npm tool gets it installed again", "[cli]") {
  ScratchDir d;
  writeVotingResult(d, "result");
  // A tool named like its package (pm2 -> pm2-runtime): not a dev server.
  std::string dockerfile = readText(d / "result/Dockerfile");
  dockerfile.replace(dockerfile.find("npm install -g nodemon"), 22, "npm install -g pm2");
  d.write("result/Dockerfile", dockerfile);
  d.write("docker-compose.yml", "services:\n  result:\n    build: ./result\n    command: pm2-runtime server.js\n");
  auto run = runRestage({"batch", "-q", "--format", "json", "."}, d.path());
  INFO(run.err);
  REQUIRE(run.status == 0);
  json f = json::parse(run.out)["files"][0];
  REQUIRE(f["status"] == "migrated");
  std::string all;
  for (const auto& line : f["explanation"]) all += line.get<std::string>() + "\n";
  INFO(all);
  CHECK(has(all, "Globally installed tools are installed again in the runtime stage, since docker-compose.yml service "
                 "result command runs `pm2-runtime`, which one of them provides."));
  REQUIRE(runRestage({"batch", "-q", "--write", "."}, d.path()).status == 0);
  std::string out = readText(d / "result/Dockerfile");
  CHECK(has(out.substr(out.find("FROM node:18-slim")), "RUN npm install -g pm2\n"));
}
