// Build contexts: docker-compose files (src/batch/Compose.*), the context
// map's unmatched keys, and which source wins (src/batch/BuildContexts.*).
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "Error.h"
#include "batch/BuildContexts.h"
#include "batch/Compose.h"
#include "batch/ContextMap.h"
#include "BatchTestSupport.h"

namespace fs = std::filesystem;
using namespace restage::batch;
using restage::batch::test::ScratchDir;

namespace {

// The build of `service`, or a failed check naming what there is.
const ComposeBuild& buildOf(const ComposeProject& p, const std::string& service) {
  for (const auto& b : p.builds) {
    if (b.service == service) return b;
  }
  std::string names;
  for (const auto& b : p.builds) names += " " + b.service;
  for (const auto& s : p.skipped) names += " (skipped " + s.service + ": " + s.reason + ")";
  FAIL("no build for service " << service << "; have:" << names);
  throw std::logic_error("unreachable");
}

std::string skipReason(const ComposeProject& p, const std::string& service) {
  for (const auto& s : p.skipped) {
    if (s.service == service) return s.reason;
  }
  return "";
}

// The message of the restage::Error `f` throws, or "" when it throws none.
template <typename F>
std::string errorOf(F f) {
  try {
    f();
  } catch (const restage::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("compose: a string build is the context, with its Dockerfile", "[compose]") {
  ScratchDir d;
  d.write("web/Dockerfile");
  d.write("compose.yaml", "services:\n  web:\n    build: ./web\n  db:\n    image: postgres:16\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  REQUIRE(p->builds.size() == 1);  // db has no build
  CHECK(p->builds[0].service == "web");
  CHECK(p->builds[0].context == d / "web");
  CHECK(p->builds[0].dockerfile == d / "web/Dockerfile");
  CHECK(p->builds[0].args.empty());
  CHECK(p->files == std::vector<fs::path>{d / "compose.yaml"});
}

TEST_CASE("compose: a map build, dockerfile relative to the context, args as a map or a list", "[compose]") {
  ScratchDir d;
  d.write("svc/Dockerfile");
  d.write("svc/docker/api.Dockerfile");
  d.write("docker-compose.yml",
          "services:\n"
          "  root:\n"
          "    build:\n"
          "      context: .\n"
          "      dockerfile: svc/Dockerfile\n"
          "      args:\n"
          "        NODE_VERSION: 20\n"
          "        EMPTY: ''\n"
          "        FROM_ENV:\n"
          "  api:\n"
          "    build:\n"
          "      context: ./svc\n"
          "      dockerfile: docker/api.Dockerfile\n"
          "      args:\n"
          "        - GO_VERSION=1.22\n"
          "        - EQ=a=b\n"
          "        - FROM_ENV\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  const auto& root = buildOf(*p, "root");
  CHECK(root.context == d.path());  // `.`: the compose file's folder, no trailing slash
  CHECK(root.dockerfile == d / "svc/Dockerfile");
  CHECK(root.args == BuildArgs{{"NODE_VERSION", "20"}, {"EMPTY", ""}});
  const auto& api = buildOf(*p, "api");
  CHECK(api.context == d / "svc");
  CHECK(api.dockerfile == d / "svc/docker/api.Dockerfile");
  CHECK(api.args == BuildArgs{{"GO_VERSION", "1.22"}, {"EQ", "a=b"}});
  // An argument without a value comes from the environment in Compose; restage
  // does not read the environment, and says so.
  int envNotes = 0;
  for (const auto& s : p->skipped) {
    if (s.reason.find("FROM_ENV has no value") != std::string::npos) ++envNotes;
  }
  CHECK(envNotes == 2);
}

TEST_CASE("compose: the override file merges over the base as Compose merges build", "[compose]") {
  ScratchDir d;
  d.write("a/Dockerfile");
  d.write("a/Dockerfile.dev");
  d.write("b/Dockerfile");
  d.write("c/Dockerfile");
  d.write("compose.yaml",
          "services:\n"
          "  a:\n"
          "    build:\n"
          "      context: a\n"
          "      args: {X: '1', Y: '2'}\n"
          "  b:\n"
          "    build:\n"
          "      context: a\n"
          "      dockerfile: Dockerfile.dev\n");
  d.write("compose.override.yaml",
          "services:\n"
          "  a:\n"
          "    build:\n"
          "      dockerfile: Dockerfile.dev\n"
          "      args: [Y=3, Z=4]\n"
          "  b:\n"
          "    build: b\n"  // a string replaces the context only
          "  c:\n"
          "    build: c\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  CHECK(p->files == std::vector<fs::path>{d / "compose.yaml", d / "compose.override.yaml"});
  const auto& a = buildOf(*p, "a");
  CHECK(a.context == d / "a");
  CHECK(a.dockerfile == d / "a/Dockerfile.dev");
  CHECK(a.args == BuildArgs{{"X", "1"}, {"Y", "3"}, {"Z", "4"}});
  // b keeps its dockerfile, now relative to the new context, which has none.
  CHECK(skipReason(*p, "b").find("b/Dockerfile.dev does not exist") != std::string::npos);
  const auto& c = buildOf(*p, "c");
  CHECK(c.dockerfile == d / "c/Dockerfile");
  CHECK(c.composeFile == d / "compose.override.yaml");
}

TEST_CASE("compose: the first name wins; docker-compose.yml is read when alone", "[compose]") {
  ScratchDir d;
  d.write("x/Dockerfile");
  d.write("y/Dockerfile");
  d.write("docker-compose.yml", "services:\n  y:\n    build: y\n");
  auto old = readComposeFolder(d.path());
  REQUIRE(old);
  CHECK(buildOf(*old, "y").dockerfile == d / "y/Dockerfile");
  d.write("compose.yml", "services:\n  x:\n    build: x\n");
  auto both = readComposeFolder(d.path());
  REQUIRE(both);
  REQUIRE(both->builds.size() == 1);
  CHECK(both->builds[0].service == "x");
  CHECK_FALSE(readComposeFolder(d / "x"));
}

TEST_CASE("compose: what cannot apply is skipped with a reason", "[compose]") {
  ScratchDir d;
  d.write("here/Dockerfile");
  d.write("compose.yaml",
          "services:\n"
          "  git:\n"
          "    build: https://github.com/example/app.git#main\n"
          "  ssh:\n"
          "    build: git@github.com:example/app.git\n"
          "  inline:\n"
          "    build:\n"
          "      context: here\n"
          "      dockerfile_inline: |\n"
          "        FROM alpine\n"
          "  missing:\n"
          "    build: ./nowhere\n"
          "  nofile:\n"
          "    build:\n"
          "      context: here\n"
          "      dockerfile: Other.Dockerfile\n"
          "  interpolated:\n"
          "    build: ${APP_DIR}\n"
          "  dollar:\n"
          "    build:\n"
          "      context: here\n"
          "      args:\n"
          "        PRICE: $$5\n"
          "        TAG: ${TAG:-latest}\n"
          "  weird:\n"
          "    build: [a, b]\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  CHECK(skipReason(*p, "git").find("is remote") != std::string::npos);
  CHECK(skipReason(*p, "ssh").find("is remote") != std::string::npos);
  CHECK(skipReason(*p, "inline").find("dockerfile_inline") != std::string::npos);
  CHECK(skipReason(*p, "missing").find("./nowhere is not a folder") != std::string::npos);
  CHECK(skipReason(*p, "nofile").find("here/Other.Dockerfile does not exist") != std::string::npos);
  CHECK(skipReason(*p, "interpolated").find("interpolation") != std::string::npos);
  CHECK(skipReason(*p, "weird").find("neither") != std::string::npos);
  // `$$` is a literal dollar; an interpolated argument is left out, the rest kept.
  const auto& dollar = buildOf(*p, "dollar");
  CHECK(dollar.args == BuildArgs{{"PRICE", "$5"}});
  CHECK(skipReason(*p, "dollar").find("TAG=${TAG:-latest} needs variable interpolation") != std::string::npos);
  CHECK(p->builds.size() == 1);
}

TEST_CASE("compose: YAML merge keys and aliases are followed", "[compose]") {
  ScratchDir d;
  d.write("svc/Dockerfile");
  d.write("compose.yaml",
          "x-build: &build\n"
          "  context: svc\n"
          "  args: &args\n"
          "    A: '1'\n"
          "services:\n"
          "  one:\n"
          "    build: *build\n"
          "  two:\n"
          "    build:\n"
          "      <<: *build\n"
          "      args:\n"
          "        <<: *args\n"
          "        B: '2'\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  CHECK(buildOf(*p, "one").args == BuildArgs{{"A", "1"}});
  CHECK(buildOf(*p, "two").context == d / "svc");
  CHECK(buildOf(*p, "two").args == BuildArgs{{"B", "2"}, {"A", "1"}});
}

TEST_CASE("compose: aliases that expand exponentially are cut off, quickly", "[compose]") {
  // Ten levels of ten merges each: 10^9 entries if followed naively.
  std::string text = "x0: &l0 {a: '1'}\n";
  for (int level = 1; level <= 9; ++level) {
    text += fmt::format("x{}: &l{} {{<<: [", level, level);
    for (int i = 0; i < 10; ++i) text += fmt::format("{}*l{}", i ? ", " : "", level - 1);
    text += "]}\n";
  }
  auto start = std::chrono::steady_clock::now();
  // Where restage does not look, a bomb costs nothing.
  ScratchDir d;
  d.write("svc/Dockerfile");
  auto fine = parseCompose(text + "services:\n  s:\n    build: svc\n", d / "compose.yaml");
  CHECK(fine.builds.size() == 1);
  // Where it does look, the node budget stops it with a clear error.
  std::string bomb = text + "services:\n  s:\n    build:\n      context: svc\n      args: {<<: *l9}\n";
  std::string message = errorOf([&] { parseCompose(bomb, d / "compose.yaml"); });
  CHECK(message.find("compose.yaml:") != std::string::npos);
  CHECK(message.find("aliases that expand to too much") != std::string::npos);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5);
}

TEST_CASE("compose: malformed, deeply nested or oversized files are errors with a place", "[compose]") {
  ScratchDir d;
  // Decision: an error, not a skip. The compose file decides the build
  // context; reading past it would rewrite with the wrong one, the failure
  // this feature exists to prevent, and Compose itself refuses such a file.
  std::string message = errorOf([&] {
    parseCompose("services:\n  web:\n    build: .\n   bad: [\n", d / "compose.yaml");
  });
  INFO(message);
  CHECK(message.starts_with((d / "compose.yaml").string() + ":4:"));

  std::string notMap = errorOf([&] { parseCompose("- a\n- b\n", d / "compose.yaml"); });
  CHECK(notMap.find("compose.yaml:1:1: error: a compose file is a mapping") != std::string::npos);
  std::string servicesList = errorOf([&] { parseCompose("services:\n  - web\n", d / "compose.yaml"); });
  CHECK(servicesList.find("compose.yaml:2:3: error: `services` is not a mapping") != std::string::npos);

  std::string deep = "services: " + std::string(100000, '[');
  CHECK(errorOf([&] { parseCompose(deep, d / "compose.yaml"); }).starts_with((d / "compose.yaml").string() + ":1:"));

  d.write("compose.yaml", "services: {}\n# " + std::string(kMaxComposeBytes, 'x') + "\n");
  CHECK(errorOf([&] { readComposeFolder(d.path()); }).find("compose.yaml") != std::string::npos);

  CHECK(parseCompose("", d / "compose.yaml").builds.empty());  // an empty file is no services
}

TEST_CASE("contexts: a context map entry, else the nearest compose service, else the folder", "[contexts]") {
  ScratchDir d;
  d.write("shared/.keep", "");
  d.write("svc/api/Dockerfile");
  d.write("svc/web/Dockerfile");
  d.write("svc/worker/Dockerfile");
  d.write("lone/Dockerfile");
  // The root's compose builds api and web from the root; svc/'s own compose
  // builds web from svc/, and is nearer to it.
  d.write("compose.yaml",
          "services:\n"
          "  api:\n    build: {context: ., dockerfile: svc/api/Dockerfile, args: {V: root}}\n"
          "  web:\n    build: {context: ., dockerfile: svc/web/Dockerfile}\n"
          "  worker:\n    build: {context: ., dockerfile: svc/worker/Dockerfile, args: {V: root}}\n"
          "  api-debug:\n    build: {context: svc/api, args: {V: debug}}\n");
  d.write("svc/compose.yaml", "services:\n  web:\n    build: {context: ., dockerfile: web/Dockerfile, args: {V: svc}}\n");
  d.write("map.json", R"({"contexts": {"svc/worker/Dockerfile": "shared"}})");
  ContextMap map;
  map.load(d / "map.json");
  BuildContexts contexts(std::move(map));
  for (const char* f : {"svc/api/Dockerfile", "svc/web/Dockerfile", "svc/worker/Dockerfile", "lone/Dockerfile"}) {
    contexts.prepare(d / f, d.path());
  }

  auto api = contexts.resolve(d / "svc/api/Dockerfile");
  CHECK(api.source == ContextSource::Compose);
  CHECK(api.context == d.path());
  CHECK(api.from == d / "compose.yaml");
  CHECK(api.service == "api");
  CHECK(api.buildArgs == BuildArgs{{"V", "root"}});
  // Another service builds it too: the first one in the file is used, the
  // others are named.
  CHECK(api.otherServices == std::vector<std::string>{"api-debug"});

  auto web = contexts.resolve(d / "svc/web/Dockerfile");
  CHECK(web.source == ContextSource::Compose);
  CHECK(web.context == d / "svc");
  CHECK(web.from == d / "svc/compose.yaml");
  CHECK(web.buildArgs == BuildArgs{{"V", "svc"}});

  // The map decides the context; compose still gives the build args.
  auto worker = contexts.resolve(d / "svc/worker/Dockerfile");
  CHECK(worker.source == ContextSource::ContextMap);
  CHECK(worker.context == d / "shared");
  CHECK(worker.from == d / "map.json");
  CHECK(worker.service == "worker");
  CHECK(worker.buildArgs == BuildArgs{{"V", "root"}});

  auto lone = contexts.resolve(d / "lone/Dockerfile");
  CHECK(lone.source == ContextSource::Folder);
  CHECK(lone.context == d / "lone");
  CHECK(lone.buildArgs.empty());
  CHECK(contextSourceName(lone.source) == "folder");
  CHECK(contextSourceName(worker.source) == "context_map");
}

TEST_CASE("contexts: compose files above the top folder are not read outside git", "[contexts]") {
  ScratchDir d;
  d.write("repo/app/Dockerfile");
  d.write("compose.yaml", "services:\n  app:\n    build: {context: repo, dockerfile: app/Dockerfile}\n");
  BuildContexts contexts;
  contexts.prepare(d / "repo/app/Dockerfile", d / "repo");
  CHECK(contexts.resolve(d / "repo/app/Dockerfile").source == ContextSource::Folder);
  // Inside a git work tree, the search goes up to its top.
  restage::batch::test::git(d.path(), "init -q .");
  BuildContexts inGit;
  inGit.prepare(d / "repo/app/Dockerfile", d / "repo");
  auto r = inGit.resolve(d / "repo/app/Dockerfile");
  CHECK(r.source == ContextSource::Compose);
  CHECK(r.context == d / "repo");
}

TEST_CASE("contexts: context map keys that match no Dockerfile are listed", "[contexts]") {
  ScratchDir d;
  d.write("svc/a/Dockerfile");
  d.write("docker/b/Dockerfile");
  d.write("map.json", R"({"contexts": {"svc/a/Dockerfile": ".", "svc/gone/Dockerfile": ".",
                                       "docker/": ".", "empty/": ".", "svc/a": "."}})");
  ContextMap map;
  map.load(d / "map.json");
  auto unmatched = map.unmatchedKeys({(d / "svc/a/Dockerfile").string(), (d / "docker/b/Dockerfile").string()});
  std::string file = (d / "map.json").string();
  // `svc/a` without a slash names a file, and there is none.
  CHECK(unmatched == std::vector<std::string>{file + ": \"empty/\"", file + ": \"svc/a\"",
                                              file + ": \"svc/gone/Dockerfile\""});
  CHECK(map.unmatchedKeys({}).size() == 5);
}

TEST_CASE("compose: mutated files give builds, skips or a restage::Error, nothing else", "[compose]") {
  // A deterministic stand-in for the fuzz harness (tests/fuzz/fuzz_compose.cpp)
  // that runs with the suite: bytes of a real-looking file dropped, repeated
  // and replaced with YAML punctuation.
  const std::string seed =
      "x-build: &build\n  context: svc\n  args: &args {A: '1'}\n"
      "services:\n  one: {build: *build}\n  two:\n    build:\n      <<: *build\n"
      "      dockerfile: Dockerfile\n      args: {<<: *args, B: $$2}\n  three:\n    build: [x]\n";
  const std::string punctuation = ":-&*{}[]<>|'\"#!\n ,?$";
  ScratchDir d;
  d.write("svc/Dockerfile");
  std::uint64_t state = 42;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  int errors = 0, parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed;
    for (int edits = 1 + next() % 4; edits > 0 && !text.empty(); --edits) {
      std::size_t at = next() % text.size();
      switch (next() % 3) {
        case 0: text.erase(at, 1 + next() % 8); break;
        case 1: text.insert(at, text.substr(at, 1 + next() % 16)); break;
        default: text[at] = punctuation[next() % punctuation.size()]; break;
      }
    }
    try {
      auto p = parseCompose(text, d / "compose.yaml");
      ++parsed;
      for (const auto& b : p.builds) {
        INFO(text);
        CHECK(b.context.is_absolute());
        CHECK(b.dockerfile.is_absolute());
      }
    } catch (const restage::Error& e) {
      ++errors;
      INFO(text);
      CHECK(std::string(e.what()).starts_with((d / "compose.yaml").string() + ":"));
    } catch (const std::exception& e) {
      FAIL("not a restage::Error: " << e.what() << "\n" << text);
    }
  }
  // Both kinds of answer occur, so the mutations reach past the parser.
  CHECK(errors > 100);
  CHECK(parsed > 100);
}

// ---- what a service runs: entrypoint, command, healthcheck.test

TEST_CASE("compose: entrypoint and command, as a list (exec) or a string (words, no shell)", "[compose]") {
  ScratchDir d;
  d.write("web/Dockerfile");
  d.write("api/Dockerfile");
  d.write("compose.yaml",
          "services:\n"
          "  web:\n"
          "    build: ./web\n"
          "    entrypoint: nodemon --inspect=0.0.0.0 \"my server.js\" 'a b' c\\ d\n"
          "    command: [\"--port\", \"80\"]\n"
          "  api:\n"
          "    build: ./api\n"
          "    entrypoint: []\n"
          "    command: sh -c 'curl -f http://localhost && echo $$HOME'\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  const auto& web = buildOf(*p, "web");
  REQUIRE(web.entrypoint);
  CHECK(web.entrypoint->form == ComposeCommand::Form::Words);
  CHECK(web.entrypoint->argv == std::vector<std::string>{"nodemon", "--inspect=0.0.0.0", "my server.js", "a b", "c d"});
  CHECK_FALSE(web.entrypoint->unresolved);
  CHECK(web.entrypoint->problem.empty());
  CHECK(web.entrypoint->file == d / "compose.yaml");
  REQUIRE(web.command);
  CHECK(web.command->form == ComposeCommand::Form::Exec);
  CHECK(web.command->argv == std::vector<std::string>{"--port", "80"});
  CHECK_FALSE(web.healthcheck);

  const auto& api = buildOf(*p, "api");
  REQUIRE(api.entrypoint);
  CHECK(api.entrypoint->form == ComposeCommand::Form::None);  // `[]` clears the image's ENTRYPOINT
  REQUIRE(api.command);
  // `$$` is Compose's literal `$`.
  CHECK(api.command->argv == std::vector<std::string>{"sh", "-c", "curl -f http://localhost && echo $HOME"});
  CHECK_FALSE(api.command->unresolved);
}

TEST_CASE("compose: healthcheck.test in every form", "[compose]") {
  ScratchDir d;
  for (const char* s : {"a", "b", "c", "e", "f", "g"}) d.write(std::string(s) + "/Dockerfile");
  d.write("compose.yaml",
          "services:\n"
          "  a:\n    build: ./a\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n"
          "  b:\n    build: ./b\n    healthcheck:\n      test: [\"CMD-SHELL\", \"wget -qO- localhost || exit 1\"]\n"
          "  c:\n    build: ./c\n    healthcheck:\n      test: curl -f localhost\n      interval: 5s\n"
          "  e:\n    build: ./e\n    healthcheck:\n      test: [\"NONE\"]\n"
          "  f:\n    build: ./f\n    healthcheck:\n      disable: true\n"
          "  g:\n    build: ./g\n    healthcheck:\n      interval: 5s\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  const auto& a = buildOf(*p, "a");
  REQUIRE(a.healthcheck);
  CHECK(a.healthcheck->form == ComposeCommand::Form::Exec);
  CHECK(a.healthcheck->argv == std::vector<std::string>{"curl", "-f", "http://localhost"});
  const auto& b = buildOf(*p, "b");
  REQUIRE(b.healthcheck);
  CHECK(b.healthcheck->form == ComposeCommand::Form::Shell);
  CHECK(b.healthcheck->text == "wget -qO- localhost || exit 1");
  const auto& c = buildOf(*p, "c");
  REQUIRE(c.healthcheck);
  CHECK(c.healthcheck->form == ComposeCommand::Form::Shell);  // a string is CMD-SHELL
  CHECK(c.healthcheck->text == "curl -f localhost");
  CHECK(buildOf(*p, "e").healthcheck->form == ComposeCommand::Form::None);
  CHECK(buildOf(*p, "f").healthcheck->form == ComposeCommand::Form::None);
  CHECK_FALSE(buildOf(*p, "g").healthcheck);  // no test: the image's own HEALTHCHECK applies
}

TEST_CASE("compose: variables are kept as written and marked; bad values say what is wrong", "[compose]") {
  ScratchDir d;
  for (const char* s : {"a", "b", "c", "e"}) d.write(std::string(s) + "/Dockerfile");
  d.write("compose.yaml",
          "services:\n"
          "  a:\n    build: ./a\n    command: ${DEV_CMD:-node} server.js\n"
          "  b:\n    build: ./b\n    command: [\"node\", {x: 1}]\n"
          "  c:\n    build: ./c\n    entrypoint: node 'server.js\n"
          "  e:\n    build: ./e\n    healthcheck:\n      test: [\"CURL\", \"x\"]\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  const auto& a = buildOf(*p, "a");
  REQUIRE(a.command);
  CHECK(a.command->unresolved);
  CHECK(a.command->argv == std::vector<std::string>{"${DEV_CMD:-node}", "server.js"});
  const auto& b = buildOf(*p, "b");
  CHECK(b.command->argv == std::vector<std::string>{"node"});
  CHECK(b.command->problem == "an entry of its command is not a string");
  const auto& c = buildOf(*p, "c");
  CHECK(c.entrypoint->problem == "its text has an unterminated single quote");
  CHECK(c.entrypoint->argv == std::vector<std::string>{"node", "server.js"});
  CHECK(buildOf(*p, "e").healthcheck->problem == "its healthcheck.test starts with CURL, not CMD, CMD-SHELL or NONE");
}

TEST_CASE("compose: an override's command replaces the base's, and names its own file", "[compose]") {
  ScratchDir d;
  d.write("web/Dockerfile");
  d.write("compose.yaml",
          "services:\n  web:\n    build: ./web\n    command: node server.js\n"
          "    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n");
  d.write("compose.override.yaml", "services:\n  web:\n    command: nodemon server.js\n");
  auto p = readComposeFolder(d.path());
  REQUIRE(p);
  const auto& web = buildOf(*p, "web");
  REQUIRE(web.command);
  CHECK(web.command->argv == std::vector<std::string>{"nodemon", "server.js"});
  CHECK(web.command->file == d / "compose.override.yaml");
  REQUIRE(web.healthcheck);
  CHECK(web.healthcheck->file == d / "compose.yaml");
}

TEST_CASE("compose: every service that builds a file gives its run commands, named by file, service and key",
          "[compose]") {
  ScratchDir d;
  d.write("result/Dockerfile");
  d.write("compose.yaml",
          "services:\n"
          "  result:\n    build: ./result\n    entrypoint: nodemon server.js\n"
          "  result-check:\n    build:\n      context: ./result\n"
          "    healthcheck:\n      test: [\"CMD-SHELL\", \"curl -f localhost || exit 1\"]\n"
          "  other:\n    image: x\n    command: ignored\n");
  BuildContexts contexts;
  contexts.prepare(d / "result/Dockerfile", d.path());
  auto r = contexts.resolve(d / "result/Dockerfile");
  CHECK(r.services.size() == 2);
  auto commands = runCommands(r, [&](const fs::path& p) { return p.lexically_relative(d.path()).string(); });
  REQUIRE(commands.size() == 2);
  CHECK(commands[0].source == "compose.yaml service result entrypoint");
  CHECK(commands[0].key == "entrypoint");
  CHECK(commands[0].argv == std::vector<std::string>{"nodemon", "server.js"});
  CHECK_FALSE(commands[0].shell);
  CHECK(commands[1].source == "compose.yaml service result-check healthcheck");
  CHECK(commands[1].shell == std::optional<std::string>("curl -f localhost || exit 1"));
  CHECK(commands[1].note.empty());
}
