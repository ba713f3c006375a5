// The script a start command runs: where it came from in the context, and
// what it runs (transforms/StartScript.cpp).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "analysis/BuildContext.h"
#include "analysis/StageFacts.h"
#include "syntax/DockerfileReader.h"
#include "migrate/Migration.h"
#include "transforms/ContainerCommands.h"
#include "transforms/StartScript.h"

namespace fs = std::filesystem;
using namespace restage;

namespace {

// A build context in a fresh temporary folder, removed at the end.
struct Context {
  fs::path dir;
  Context() {
    dir = fs::temp_directory_path() / ("restage-startscript-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(counter()++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Context() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((dir / relative).parent_path());
    std::ofstream(dir / relative, std::ios::binary) << text;
  }
};

struct Read {
  ast::Document doc;
  analysis::StageFacts facts;
  analysis::BuildContext context;
};

Read read(const Context& c, const std::string& dockerfile) {
  Read r{syntax::readDockerfile(dockerfile, "Dockerfile"), {}, analysis::BuildContext::read(c.dir)};
  REQUIRE(r.doc.ok());
  r.facts = analysis::analyzeStage(r.doc, r.doc.stages.front());
  return r;
}

}  // namespace

TEST_CASE("contextPathOf follows COPY of the root, folders, files and patterns", "[migrate][script]") {
  Context c;
  c.write("bin/run.sh", "#!/bin/sh\n");
  c.write("scripts/wait.sh", "#!/bin/sh\n");
  c.write("entry.sh", "#!/bin/sh\n");
  c.write("other.sh", "#!/bin/sh\n");
  auto r = read(c,
                "FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY scripts/ /opt/scripts/\n"
                "COPY entry.sh /usr/local/bin/start\nCOPY *.sh /hooks/\n");
  auto of = [&](const std::string& p) { return transforms::contextPathOf(r.doc, r.facts, r.context, p); };
  CHECK(of("/app/bin/run.sh") == std::optional<std::string>("bin/run.sh"));
  CHECK(of("/opt/scripts/wait.sh") == std::optional<std::string>("scripts/wait.sh"));
  CHECK(of("/usr/local/bin/start") == std::optional<std::string>("entry.sh"));
  CHECK(of("/hooks/other.sh") == std::optional<std::string>("other.sh"));
  CHECK_FALSE(of("/hooks/bin/run.sh"));  // a pattern takes files of its own folder only
  CHECK_FALSE(of("/app/missing.sh"));
}

TEST_CASE("startScript reads the programs a start script runs", "[migrate][script]") {
  Context c;
  c.write("start.sh",
          "#!/usr/bin/env bash\nset -e\nif ! timeout 5 bash -c 'curl -fsS http://db/ready'; then\n  exit 1\nfi\n"
          "env PORT=8080 nohup node worker.js &\nexec gosu app \"$@\"\n");
  auto r = read(c, "FROM node:20\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"./start.sh\"]\nCMD [\"node\", \"server.js\"]\n");
  auto s = transforms::startScript(r.doc, r.facts, r.context);
  REQUIRE(s);
  CHECK(s->known);
  CHECK(s->path == "/app/start.sh");
  CHECK(s->contextPath == std::optional<std::string>("start.sh"));
  for (const char* p : {"set", "timeout", "bash", "curl", "exit", "env", "nohup", "node", "exec", "gosu"}) {
    INFO(p);
    CHECK(std::find(s->programs.begin(), s->programs.end(), p) != s->programs.end());
  }
}

TEST_CASE("startScript: via sh, a shebang without .sh, and what it cannot read", "[migrate][script]") {
  Context c;
  c.write("boot", "#!/bin/sh\nwget -q -O /tmp/x http://config/x\n");
  c.write("dyn.sh", "#!/bin/sh\n$RUNNER --serve\n");
  c.write("run.sh", "#!/bin/sh\nsource ./env.sh\n");
  c.write("server", "\x7f" "ELF");
  auto startOf = [&](const std::string& start) {
    auto r = read(c, "FROM node:20\nWORKDIR /app\nCOPY . .\n" + start + "\n");
    return transforms::startScript(r.doc, r.facts, r.context);
  };
  auto boot = startOf("CMD [\"./boot\"]");
  REQUIRE(boot);
  CHECK(boot->known);
  CHECK(std::find(boot->programs.begin(), boot->programs.end(), "wget") != boot->programs.end());

  auto viaSh = startOf("CMD [\"sh\", \"boot\"]");
  REQUIRE(viaSh);
  CHECK(viaSh->path == "/app/boot");

  auto dyn = startOf("CMD [\"./dyn.sh\"]");
  REQUIRE(dyn);
  CHECK_FALSE(dyn->known);
  CHECK(dyn->whyUnknown == "runs a command named by a variable ($RUNNER)");

  auto sourced = startOf("CMD [\"sh\", \"./run.sh\"]");
  REQUIRE(sourced);
  CHECK_FALSE(sourced->known);
  CHECK(sourced->whyUnknown == "sources another file with `source`");

  auto absent = startOf("CMD [\"/usr/local/bin/entry.sh\"]");
  REQUIRE(absent);
  CHECK_FALSE(absent->known);
  CHECK(absent->whyUnknown == "is not a file the build copies from the context");

  // A bare name is found on the PATH.
  auto onPath = [&] {
    auto r = read(c, "FROM node:20\nCOPY boot /usr/local/bin/boot\nCMD [\"boot\"]\n");
    return transforms::startScript(r.doc, r.facts, r.context);
  }();
  REQUIRE(onPath);
  CHECK(onPath->known);
  CHECK(onPath->path == "/usr/local/bin/boot");

  // The base image's own script (node's docker-entrypoint.sh) is not the app's.
  CHECK_FALSE(startOf("ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]"));

  // A program that is not a script, or node itself: no script.
  CHECK_FALSE(startOf("CMD [\"./server\"]"));
  CHECK_FALSE(startOf("CMD [\"node\", \"server.js\"]"));
}

// ---- what other commands run in the image's containers (compose entrypoint,
// command, healthcheck: migrate::Options::runCommands, transforms/ContainerCommands.cpp)

namespace {

migrate::ContainerCommand execCommand(std::string source, std::string key, std::vector<std::string> argv) {
  migrate::ContainerCommand c;
  c.source = std::move(source);
  c.key = std::move(key);
  c.argv = std::move(argv);
  return c;
}

migrate::ContainerCommand shellCommand(std::string source, std::string key, std::string text) {
  migrate::ContainerCommand c;
  c.source = std::move(source);
  c.key = std::move(key);
  c.shell = std::move(text);
  return c;
}

bool has(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& l : lines) {
    if (l.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

const char* kNodeWithTools =
    "FROM node:20\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends curl jq\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "RUN npm ci\n"
    "CMD [\"node\", \"server.js\"]\n";

void writeNodeApp(const Context& c, const std::string& scripts = R"({"start": "node server.js"})") {
  c.write("package.json", R"({"name": "a", "scripts": )" + scripts + R"(, "dependencies": {"express": "^4"}})");
  c.write("package-lock.json", R"({"lockfileVersion": 3, "packages": {"": {"dependencies": {"express": "^4"}},
                                     "node_modules/express": {"version": "4.21.2"}}})");
  c.write("server.js", "require('express')().listen(80);\n");
}

}  // namespace

TEST_CASE("containerPrograms: wrappers, shell text, scripts and package.json scripts", "[migrate][script]") {
  Context c;
  writeNodeApp(c, R"({"start": "node server.js", "dev": "nodemon --watch src server.js"})");
  c.write("check.sh", "#!/bin/sh\njq . /app/state.json\n");
  auto r = read(c, std::string(kNodeWithTools) + "COPY check.sh /app/check.sh\n");
  std::vector<migrate::ContainerCommand> commands{
      execCommand("c.yaml service a entrypoint", "entrypoint", {"tini", "--", "env", "A=1", "node", "x.js"}),
      shellCommand("c.yaml service a healthcheck", "healthcheck", "curl -f localhost || exit 1"),
      execCommand("c.yaml service a command", "command", {"npm", "run", "dev"}),
      execCommand("c.yaml service b healthcheck", "healthcheck", {"sh", "/app/check.sh"}),
  };
  auto programs = transforms::containerPrograms(r.doc, r.facts, r.context, commands);
  REQUIRE(programs.size() == 4);
  CHECK(programs[0].programs == std::vector<std::string>{"tini", "env", "node"});
  CHECK(programs[0].invocations == std::vector<std::vector<std::string>>{{"node", "x.js"}});
  CHECK(programs[1].programs == std::vector<std::string>{"curl", "exit"});
  CHECK(programs[2].programs == std::vector<std::string>{"npm", "nodemon"});
  CHECK(programs[2].invocations.back() == std::vector<std::string>{"nodemon", "--watch", "src", "server.js"});
  REQUIRE(programs[3].script);
  CHECK(programs[3].script->known);
  CHECK(programs[3].programs == std::vector<std::string>{"sh", "jq"});
}

TEST_CASE("devServerIn: a program, a program and its first argument, an option anywhere", "[migrate][script]") {
  nlohmann::json list = {"nodemon", "next dev", "node --watch"};
  CHECK(transforms::devServerIn({"nodemon", "server.js"}, list) == "nodemon");
  CHECK(transforms::devServerIn({"/usr/local/bin/nodemon"}, list) == "nodemon");
  CHECK(transforms::devServerIn({"next", "dev", "-p", "3000"}, list) == "next dev");
  CHECK(transforms::devServerIn({"next", "start"}, list).empty());
  CHECK(transforms::devServerIn({"node", "--inspect", "--watch", "server.js"}, list) == "node --watch");
  CHECK(transforms::devServerIn({"node", "--watch-path=src", "server.js"}, list).empty());
  CHECK(transforms::devServerIn({"node", "server.js"}, list).empty());
}

TEST_CASE("runCommands: a compose healthcheck's curl is carried, its reason names the service", "[migrate][script]") {
  Context c;
  writeNodeApp(c);
  migrate::Options options;
  options.context = c.dir;
  auto plain = migrate::migrateSource(kNodeWithTools, "Dockerfile", options);
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(has(plain.contract.dropped, "curl"));
  CHECK_FALSE(has(plain.contract.carried, "curl"));

  options.runCommands = {shellCommand("compose.yaml service web healthcheck", "healthcheck", "curl -f localhost || exit 1")};
  auto r = migrate::migrateSource(kNodeWithTools, "Dockerfile", options);
  INFO(joined(r.contract.carried) << r.reason);
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(has(r.contract.carried, "package curl (line 2, apt-get install): compose.yaml service web healthcheck runs `curl`"));
  CHECK_FALSE(has(r.contract.dropped, "curl"));
  // jq is not run by anything: kept as an unclassified distro package, as before.
  CHECK(has(r.contract.carried, "package jq (line 2, apt-get install): installed with apt-get install"));
  CHECK(r.output.find("--no-install-recommends curl jq") != std::string::npos);

  // A healthcheck that names variables is read as written; the explanation says so.
  options.runCommands[0].note = "it names variables Compose fills from the environment, which restage cannot resolve; read as written";
  auto noted = migrate::migrateSource(kNodeWithTools, "Dockerfile", options);
  CHECK(has(noted.explanation, "compose.yaml service web healthcheck: it names variables Compose fills"));
}

TEST_CASE("runCommands: a compose script that restage cannot read makes script tools unknown", "[migrate][script]") {
  Context c;
  writeNodeApp(c);
  migrate::Options options;
  options.context = c.dir;
  options.runCommands = {execCommand("compose.yaml service web command", "command", {"/app/missing.sh"})};
  auto r = migrate::migrateSource(kNodeWithTools, "Dockerfile", options);
  INFO(r.reason);
  CHECK(r.status == migrate::Status::Refused);
  CHECK(r.code == "runtime-effect-unknown");
  CHECK(r.reason.find("and compose.yaml service web command runs /app/missing.sh, which") != std::string::npos);
}

TEST_CASE("dev-server: a live-reload start, from the Dockerfile or from compose", "[migrate][script]") {
  Context c;
  writeNodeApp(c, R"({"start": "node server.js", "dev": "nodemon server.js"})");
  migrate::Options options;
  options.context = c.dir;
  std::string nodemonStart = "FROM node:20\nRUN npm install -g nodemon\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"nodemon\", \"server.js\"]\n";
  auto own = migrate::migrateSource(nodemonStart, "Dockerfile", options);
  CHECK(own.code == "dev-server");
  CHECK(own.reason == "the start command runs `nodemon`, a development server that reloads the app when its sources "
                      "change; this is a development image, not one to split");
  auto viaScript = migrate::migrateSource(
      "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"npm\", \"run\", \"dev\"]\n", "Dockerfile", options);
  CHECK(viaScript.code == "dev-server");
  CHECK(viaScript.reason.starts_with("the start command runs `nodemon`"));
  // Past a wrapper.
  auto wrapped = migrate::migrateSource(
      "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nENTRYPOINT [\"/usr/bin/tini\", \"--\"]\nCMD [\"nodemon\", \"x.js\"]\n",
      "Dockerfile", options);
  CHECK(wrapped.code == "dev-server");

  options.runCommands = {execCommand("compose.yaml service web entrypoint", "entrypoint", {"nodemon", "server.js"})};
  auto compose = migrate::migrateSource(kNodeWithTools, "Dockerfile", options);
  CHECK(compose.code == "dev-server");
  CHECK(compose.reason.starts_with("compose.yaml service web entrypoint runs `nodemon`, a development server"));
  CHECK(compose.output == compose.original);

  // A healthcheck is not how the app starts.
  options.runCommands = {execCommand("compose.yaml service web healthcheck", "healthcheck", {"nodemon", "--version"})};
  CHECK(migrate::migrateSource(kNodeWithTools, "Dockerfile", options).code != "dev-server");

  // Go: the language's own list.
  Context g;
  g.write("go.mod", "module example.com/x\n\ngo 1.22\n");
  g.write("main.go", "package main\n\nfunc main() {}\n");
  options.context = g.dir;
  options.runCommands = {shellCommand("compose.yaml service api command", "command", "air -c .air.toml")};
  auto go = migrate::migrateSource("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/api .\nCMD [\"api\"]\n",
                                   "Dockerfile", options);
  CHECK(go.code == "dev-server");
  CHECK(go.reason.starts_with("compose.yaml service api command runs `air`, a development server or debugger"));
}

TEST_CASE("global npm tools: a start past `tini --` or a compose command that runs one installs it again",
          "[migrate][script]") {
  Context c;
  writeNodeApp(c);
  migrate::Options options;
  options.context = c.dir;
  std::string base = "FROM node:20\nRUN npm install -g pm2@5\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
  auto plain = migrate::migrateSource(base + "CMD [\"node\", \"server.js\"]\n", "Dockerfile", options);
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(plain.output.find("RUN npm install -g pm2@5\nCOPY --from") == std::string::npos);

  auto wrapped = migrate::migrateSource(base + "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]\nCMD [\"pm2-runtime\", \"server.js\"]\n",
                                        "Dockerfile", options);
  INFO(wrapped.reason << joined(wrapped.explanation));
  REQUIRE(wrapped.status == migrate::Status::Migrated);
  CHECK(has(wrapped.explanation, "since the start command runs `pm2-runtime`, which one of them provides."));
  std::string runtime = wrapped.output.substr(wrapped.output.rfind("FROM "));
  CHECK(runtime.find("RUN npm install -g pm2@5\n") != std::string::npos);

  options.runCommands = {execCommand("compose.yaml service web command", "command", {"pm2-runtime", "server.js"})};
  auto compose = migrate::migrateSource(base + "CMD [\"node\", \"server.js\"]\n", "Dockerfile", options);
  REQUIRE(compose.status == migrate::Status::Migrated);
  CHECK(has(compose.explanation, "since compose.yaml service web command runs `pm2-runtime`, which one of them provides."));
}

TEST_CASE("runCommands: what compose runs first must be on the runtime, or the rewrite is refused", "[migrate][script]") {
  Context c;
  writeNodeApp(c);
  migrate::Options options;
  options.context = c.dir;
  std::string dockerfile = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n";
  // wget came with node:22 (not installed by the build): node:22-slim lacks
  // it, and the runtime stage installs it by the installable_programs table.
  options.runCommands = {execCommand("compose.yaml service web healthcheck", "healthcheck", {"wget", "-q", "localhost"})};
  auto installed = migrate::migrateSource(dockerfile, "Dockerfile", options);
  REQUIRE(installed.status == migrate::Status::Migrated);
  CHECK(installed.runtimeBase == "node:22-slim");
  CHECK(installed.output.find("apt-get install -y --no-install-recommends wget") != std::string::npos);
  CHECK(has(installed.explanation, "compose.yaml service web healthcheck runs `wget`, which a small runtime base lacks: "
                                   "the runtime stage installs wget."));
  CHECK(has(installed.contract.changed, "installs wget (compose.yaml service web healthcheck runs `wget`)"));
  // A tool the table does not know is never a guessed package: refused.
  options.runCommands = {execCommand("compose.yaml service web healthcheck", "healthcheck", {"grpc_health_probe", "-addr=:80"})};
  auto r = migrate::migrateSource(dockerfile, "Dockerfile", options);
  CHECK(r.code == "runtime-effect-unknown");
  CHECK(r.reason == "compose.yaml service web healthcheck runs `grpc_health_probe`, which the runtime base node:22-slim is "
                    "not known to have and the rewrite does not install; use --accept-unknown to rewrite anyway");
  options.acceptUnknown = true;
  auto accepted = migrate::migrateSource(dockerfile, "Dockerfile", options);
  REQUIRE(accepted.status == migrate::Status::Migrated);
  CHECK(has(accepted.contract.risks, "compose.yaml service web healthcheck runs `grpc_health_probe`"));
  options.acceptUnknown = false;

  // node, npm, a path of the app: on the runtime, which is then not
  // distroless (no npm there, and its node entrypoint would take a command
  // as arguments), though the start is a plain `node server.js`.
  auto distroless = migrate::migrateSource(dockerfile, "Dockerfile", {.context = c.dir});
  REQUIRE(distroless.status == migrate::Status::Migrated);
  CHECK(distroless.runtimeBase == "gcr.io/distroless/nodejs22-debian13:nonroot");
  options.runCommands = {execCommand("compose.yaml service web healthcheck", "healthcheck", {"node", "hc.js"}),
                         execCommand("compose.yaml service web command", "command", {"npm", "start"}),
                         execCommand("compose.yaml service web entrypoint", "entrypoint", {"./run-me"})};
  auto tools = migrate::migrateSource(dockerfile, "Dockerfile", options);
  CHECK(tools.status == migrate::Status::Migrated);
  CHECK(tools.runtimeBase == "node:22-slim");

  // Shell text needs a shell.
  options.runCommands = {shellCommand("compose.yaml service web healthcheck", "healthcheck", "node hc.js || exit 1")};
  auto shell = migrate::migrateSource(dockerfile, "Dockerfile", options);
  REQUIRE(shell.status == migrate::Status::Migrated);
  CHECK(shell.runtimeBase == "node:22-slim");
  // A given base without a shell: refused.
  options.runtimeBase = "gcr.io/distroless/nodejs22-debian13:nonroot";
  auto given = migrate::migrateSource(dockerfile, "Dockerfile", options);
  CHECK(given.code == "runtime-effect-unknown");
  CHECK(given.reason.starts_with("compose.yaml service web healthcheck is shell text, and the runtime base "
                                 "gcr.io/distroless/nodejs22-debian13:nonroot has no shell"));
}

TEST_CASE("runCommands: Go with a compose CMD-SHELL healthcheck gets a base with a shell, and says why",
          "[migrate][script]") {
  Context g;
  g.write("go.mod", "module example.com/x\n\ngo 1.22\n");
  g.write("main.go", "package main\n\nfunc main() {}\n");
  migrate::Options options;
  options.context = g.dir;
  std::string dockerfile = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/api .\nCMD [\"api\"]\n";
  auto plain = migrate::migrateSource(dockerfile, "Dockerfile", options);
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(plain.runtimeBase == "gcr.io/distroless/static-debian13:nonroot");

  options.runCommands = {shellCommand("compose.yaml service api healthcheck", "healthcheck", "api -health || exit 1")};
  auto r = migrate::migrateSource(dockerfile, "Dockerfile", options);
  INFO(r.reason << joined(r.explanation));
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.runtimeBase == "debian:bookworm-slim");
  CHECK(has(r.explanation, "compose.yaml service api healthcheck is shell text, which needs a shell, so the base has a "
                           "package manager and a shell."));
  CHECK_FALSE(has(r.explanation, "distro packages or its own user"));

  // Exec form runs the binary itself (copied to /usr/local/bin/api): no shell needed.
  options.runCommands = {execCommand("compose.yaml service api healthcheck", "healthcheck", {"api", "-health"})};
  auto exec = migrate::migrateSource(dockerfile, "Dockerfile", options);
  REQUIRE(exec.status == migrate::Status::Migrated);
  CHECK(exec.runtimeBase == "gcr.io/distroless/static-debian13:nonroot");
}

TEST_CASE("runCommands: a compose command that runs a devDependency keeps devDependencies", "[migrate][script]") {
  Context c;
  c.write("package.json", R"({"name": "a", "scripts": {"start": "node server.js", "test": "jest"},)"
                          R"( "dependencies": {"express": "^4"}, "devDependencies": {"jest": "^29"}})");
  c.write("package-lock.json", R"({"lockfileVersion": 3, "packages": {"": {"dependencies": {"express": "^4"}},
                                     "node_modules/express": {"version": "4.21.2"}}})");
  c.write("server.js", "require('express')().listen(80);\n");
  migrate::Options options;
  options.context = c.dir;
  std::string dockerfile = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n";
  auto plain = migrate::migrateSource(dockerfile, "Dockerfile", options);
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(plain.output.find("npm prune --omit=dev") != std::string::npos);

  options.runCommands = {execCommand("compose.yaml service tests command", "command", {"npm", "test"})};
  auto r = migrate::migrateSource(dockerfile, "Dockerfile", options);
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("npm prune") == std::string::npos);
  CHECK(has(r.explanation, "devDependencies are kept: compose.yaml service tests command runs `jest`, a devDependency."));
}
