// Escape from the checkout and surprise execution (issue 21, docs/security.md):
// the review's reproducers H3, H4, M5, M7, M8, M9 and L4 as tests. Each test
// writes the pull request's files (folders, symlinks, scripts) into a fresh
// temporary folder; the attacker controls all of them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "Error.h"
#include "io/FileIO.h"
#include "io/Paths.h"
#include "support/TestSupport.h"
#include "verify/Engine.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::test::runRestage;
using restage::test::TempTree;
using V = std::vector<std::string>;

namespace {

// Sets an environment variable for one scope (restage runs as a child and
// inherits it), and puts back what was there.
class EnvVar {
 public:
  EnvVar(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~EnvVar() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Runs a shell command (git set-up); fails the test when it fails.
void sh(const std::string& command) {
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
}

// A git repository with one commit of everything in it.
void commitAll(const fs::path& dir, const std::string& message) {
  sh("cd '" + dir.string() + "' && git init -q 2>/dev/null; git add -A && git -c user.email=x@x -c user.name=x "
     "-c commit.gpgsign=false commit -qm '" + message + "' --allow-empty");
}

fs::path writeExecutable(const TempTree& t, const std::string& rel, const std::string& script) {
  fs::path p = t.write(rel, script);
  fs::permissions(p, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  return p;
}

// A fake engine that logs each command line, one argument per [] on a line,
// to $ENGINE_LOG, and answers like buildah would (without building).
constexpr const char* kFakeEngine = R"SH(#!/bin/sh
{ printf '%s' "$(basename "$0")"; for a in "$@"; do printf ' [%s]' "$a"; done; echo; } >> "$ENGINE_LOG"
case "$1" in
  inspect) echo '{"OCIv1":{"config":{"Cmd":["node","server.js"],"User":""}},"Docker":{"config":{"Cmd":["node","server.js"]}},"Manifest":"{\"layers\":[]}"}';;
  from) echo "$5";;
  mount) mktemp -d;;
  run) echo hello;;
  build) exit 1;;
esac
exit 0
)SH";

constexpr const char* kNodeDockerfile = "FROM node:20\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n";

std::vector<std::string> linesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    if (line.find(needle) != std::string::npos) out.push_back(line);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return out;
}

}  // namespace

// --- H3: verify-context-option-injection -----------------------------------

TEST_CASE("H3: every engine ends its build options before the context", "[security][paths][engine]") {
  restage::verify::BuildRequest r;
  r.dockerfile = "--output=../Dockerfile";
  r.context = "--output=..";
  r.tag = "localhost/restage-verify/x:original";
  for (auto kind : {restage::verify::EngineKind::Docker, restage::verify::EngineKind::Podman,
                    restage::verify::EngineKind::Buildah}) {
    INFO(restage::verify::engineName(kind));
    V argv = restage::verify::EngineCommands(kind).build(r);
    REQUIRE(argv.size() >= 2);
    CHECK(argv[argv.size() - 2] == "--");
    CHECK(argv.back() == "./--output=..");
    // -f takes the Dockerfile as its value, never as an option of its own.
    auto f = std::find(argv.begin(), argv.end(), "-f");
    REQUIRE(f + 1 < argv.end());
    CHECK(f[1] == "./--output=../Dockerfile");
    CHECK(std::count(argv.begin(), argv.end(), "--output=..") == 0);
  }
}

TEST_CASE("H3: a folder named --output=.. reaches the engine as an absolute path after --",
          "[security][paths][engine]") {
  TempTree t;
  writeExecutable(t, "bin/docker", kFakeEngine);
  t.write("repo/README", "base\n");
  commitAll(t / "repo", "base");
  t.write("repo/--output=../Dockerfile", kNodeDockerfile);
  t.write("repo/--output=../server.js", "require('http').createServer().listen(8080);\n");
  t.write("repo/--output=../package.json", "{\"name\":\"x\"}\n");
  commitAll(t / "repo", "pr");
  EnvVar log("ENGINE_LOG", (t / "engine.log").string());
  EnvVar path("PATH", (t / "bin").string() + ":" + std::getenv("PATH"));
  runRestage({"suggest", "--changed-from", "HEAD~1", "-f", "json", "--verify=docker"}, t / "repo");
  std::string engineLog = restage::test::readText(t / "engine.log");
  auto builds = linesWith(engineLog, "docker [build]");
  REQUIRE(!builds.empty());
  std::string context = (t / "repo" / "--output=..").string();
  for (const auto& line : builds) {
    INFO(line);
    CHECK(line.ends_with(" [--] [" + context + "]"));
    CHECK(line.find(" [--output=..]") == std::string::npos);
  }
  CHECK_FALSE(fs::exists(t / "Dockerfile"));
}

// --- H4: report-symlink-overwrite -----------------------------------------

TEST_CASE("H4: batch --report replaces a committed symlink instead of writing through it", "[security][paths]") {
  TempTree t;
  t.write("home/.bashrc", "echo original bashrc\n");
  t.write("repo/Dockerfile.$(echo PWNED-via-report >&2)", kNodeDockerfile);
  t.write("repo/package.json", "{\"name\":\"x\"}\n");
  t.symlink("../home/.bashrc", "repo/restage-1.json");
  auto r = runRestage({"batch", ".", "--no-git", "--check", "--report", "restage-1.json"}, t / "repo");
  INFO(r.err);
  CHECK((r.status == 0 || r.status == 1));
  CHECK(restage::test::readText(t / "home/.bashrc") == "echo original bashrc\n");
  CHECK_FALSE(fs::is_symlink(t / "repo/restage-1.json"));
  json report = json::parse(restage::test::readText(t / "repo/restage-1.json"));
  CHECK(report["files"].size() == 1);
  // Nothing left beside it.
  for (const auto& e : fs::directory_iterator(t / "repo")) CHECK(e.path().extension() != ".tmp");
}

TEST_CASE("H4: files restage writes replace a symlink at their path, never its target", "[security][paths]") {
  TempTree t;
  t.write("outside/target", "keep me\n");
  t.symlink("../outside/target", "repo/out");
  restage::io::writeFileAtomic(t / "repo/out", "new\n");
  CHECK(restage::test::readText(t / "outside/target") == "keep me\n");
  CHECK_FALSE(fs::is_symlink(t / "repo/out"));
  CHECK(restage::test::readText(t / "repo/out") == "new\n");
  // The report's streaming writer does the same.
  t.symlink("../outside/target", "repo/report.json");
  {
    restage::io::ReplacingFile f(t / "repo/report.json");
    f.stream() << "{}\n";
    f.commit();
  }
  CHECK(restage::test::readText(t / "outside/target") == "keep me\n");
  CHECK(restage::test::readText(t / "repo/report.json") == "{}\n");
  // Without commit nothing is replaced and nothing is left behind.
  {
    restage::io::ReplacingFile f(t / "repo/report.json");
    f.stream() << "half";
  }
  CHECK(restage::test::readText(t / "repo/report.json") == "{}\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(t / "repo")) ++entries;
  CHECK(entries == 2);
}

TEST_CASE("H4: migrate -o through a symlink replaces the link", "[security][paths]") {
  TempTree t;
  t.write("outside/target", "keep me\n");
  t.write("repo/Dockerfile", "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n");
  t.write("repo/go.mod", "module x\n\ngo 1.22\n");
  t.write("repo/main.go", "package main\n\nfunc main() {}\n");
  t.symlink("../outside/target", "repo/out.Dockerfile");
  runRestage({"migrate", "Dockerfile", "-o", "out.Dockerfile"}, t / "repo");
  CHECK(restage::test::readText(t / "outside/target") == "keep me\n");
}

// --- M5: context-outside-repository ---------------------------------------

namespace {

// A Go service in repo/svc and a host folder beside the repository whose
// file names must not reach any output.
void goServiceAndHostFolder(const TempTree& t) {
  t.write("repo/svc/Dockerfile", "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD [\"./server\"]\n");
  t.write("repo/svc/go.mod", "module example.com/svc\n\ngo 1.22\n");
  t.write("repo/svc/main.go", "package main\n\nfunc main() {}\n");
  t.mkdir("repo/.git");
  t.write("home/.npmrc-secret-name", "//registry.npmjs.org/:_authToken=x\n");
  t.write("home/.gitconfig", "[user]\n");
}

}  // namespace

TEST_CASE("M5: a context map entry outside the repository is set aside", "[security][paths][contexts]") {
  TempTree t;
  goServiceAndHostFolder(t);
  t.write("repo/.restage-contexts.json", "{\"contexts\": {\"svc/Dockerfile\": \"../home\"}}\n");
  auto s = runRestage({"suggest", "svc/Dockerfile", "-f", "github-review"}, t / "repo");
  INFO(s.out << s.err);
  CHECK(s.out.find(".npmrc-secret-name") == std::string::npos);
  CHECK(s.out.find(".gitconfig") == std::string::npos);
  CHECK(s.err.find("outside") != std::string::npos);

  auto b = runRestage({"batch", ".", "--no-git", "-f", "json"}, t / "repo");
  INFO(b.out << b.err);
  CHECK(b.out.find(".npmrc-secret-name") == std::string::npos);
  json report = json::parse(b.out);
  REQUIRE(report["files"].size() == 1);
  const json& f = report["files"][0];
  CHECK(f["context_source"] == "folder");
  CHECK(f["context"] == "svc");
  CHECK(f.value("context_note", "").find("outside") != std::string::npos);
}

TEST_CASE("M5: a compose build.context outside the repository is set aside", "[security][paths][contexts]") {
  TempTree t;
  goServiceAndHostFolder(t);
  t.write("repo/compose.yaml",
          "services:\n  svc:\n    build:\n      context: ../home\n      dockerfile: ../repo/svc/Dockerfile\n");
  auto b = runRestage({"batch", ".", "--no-git", "-f", "json"}, t / "repo");
  INFO(b.out << b.err);
  CHECK(b.out.find(".npmrc-secret-name") == std::string::npos);
  json report = json::parse(b.out);
  REQUIRE(report["files"].size() == 1);
  CHECK(report["files"][0]["context_source"] == "folder");
  CHECK(report["files"][0]["compose_service"] == "svc");

  // A symlinked folder inside the repository that leads out is outside too.
  t.symlink("../home", "repo/linked");
  t.write("repo/compose.yaml",
          "services:\n  svc:\n    build:\n      context: linked\n      dockerfile: ../svc/Dockerfile\n");
  b = runRestage({"batch", ".", "--no-git", "-f", "json"}, t / "repo");
  INFO(b.out << b.err);
  report = json::parse(b.out);
  REQUIRE(report["files"].size() == 1);
  CHECK(report["files"][0]["context_source"] == "folder");

  // A context inside the repository is still taken.
  t.write("repo/compose.yaml", "services:\n  svc:\n    build:\n      context: .\n      dockerfile: svc/Dockerfile\n");
  b = runRestage({"batch", ".", "--no-git", "-f", "json"}, t / "repo");
  INFO(b.out << b.err);
  report = json::parse(b.out);
  REQUIRE(report["files"].size() == 1);
  CHECK(report["files"][0]["context_source"] == "compose");
  CHECK(report["files"][0]["context"] == ".");
}

// --- M9: symlinked-dockerfile-outside --------------------------------------

TEST_CASE("M9: a Dockerfile named on the command line is not read through a symlink out of the repository",
          "[security][paths]") {
  TempTree t;
  t.write("outside/Dockerfile", kNodeDockerfile);
  t.write("repo/package.json", "{\"name\":\"x\"}\n");
  t.write("repo/sub/Dockerfile", kNodeDockerfile);
  t.symlink("../outside/Dockerfile", "repo/Dockerfile");
  t.symlink("/proc/self/environ", "repo/Dockerfile.env");
  t.symlink("sub/Dockerfile", "repo/Dockerfile.inner");
  EnvVar secret("MY_SECRET", "hunter2");

  SECTION("batch FILE --write leaves the target alone") {
    auto r = runRestage({"batch", "Dockerfile", "--write", "-f", "json"}, t / "repo");
    INFO(r.out << r.err);
    CHECK(restage::test::readText(t / "outside/Dockerfile") == kNodeDockerfile);
    json report = json::parse(r.out);
    REQUIRE(report["files"].size() == 1);
    CHECK(report["files"][0]["status"] == "skipped");
    CHECK(report["files"][0]["code"] == "symlink-outside-root");
  }
  SECTION("migrate and parse refuse, print nothing of the target") {
    for (const char* file : {"Dockerfile.env", "Dockerfile"}) {
      INFO(file);
      auto m = runRestage({"migrate", file}, t / "repo");
      CHECK(m.status == 2);
      CHECK(m.out.empty());
      CHECK(m.err.find("symlink-outside-root") != std::string::npos);
      CHECK(m.err.find("hunter2") == std::string::npos);
      auto mj = runRestage({"migrate", file, "--format", "json"}, t / "repo");
      CHECK(mj.status == 2);
      CHECK(mj.out.find("hunter2") == std::string::npos);
      auto p = runRestage({"parse", file}, t / "repo");
      CHECK(p.status == 2);
      CHECK(p.out.find("hunter2") == std::string::npos);
      CHECK(p.err.find("symlink-outside-root") != std::string::npos);
    }
  }
  SECTION("suggest refuses it with a code") {
    auto s = runRestage({"suggest", "Dockerfile.env", "Dockerfile", "-f", "json"}, t / "repo");
    INFO(s.out << s.err);
    CHECK(s.out.find("hunter2") == std::string::npos);
    CHECK(s.out.find("HUNTER2") == std::string::npos);
    json doc = json::parse(s.out);
    REQUIRE(doc["files"].size() == 2);
    for (const auto& f : doc["files"]) {
      CHECK(f["status"] == "refused");
      CHECK(f["code"] == "symlink-outside-root");
    }
  }
  SECTION("a symlink inside the repository is still read") {
    auto m = runRestage({"migrate", "Dockerfile.inner"}, t / "repo");
    INFO(m.err);
    CHECK(m.status == 0);
    CHECK(m.err.find("symlink-outside-root") == std::string::npos);
  }
}

TEST_CASE("M9: the containment rule", "[security][paths]") {
  TempTree t;
  t.write("repo/a/Dockerfile");
  t.write("elsewhere/Dockerfile");
  t.mkdir("repo/.git");
  t.symlink("../../elsewhere/Dockerfile", "repo/a/out");
  t.symlink("Dockerfile", "repo/a/in");
  t.symlink("../../elsewhere", "repo/a/dir");
  t.symlink("/proc/self/environ", "repo/env");
  CHECK_FALSE(restage::io::symlinkEscape(t / "repo/a/Dockerfile"));
  CHECK_FALSE(restage::io::symlinkEscape(t / "repo/a/in"));
  CHECK(restage::io::symlinkEscape(t / "repo/a/out").value_or("").find("outside " + (t / "repo").string()) !=
        std::string::npos);
  CHECK(restage::io::symlinkEscape(t / "repo/a/dir/Dockerfile"));
  CHECK(restage::io::symlinkEscape(t / "repo/env"));
  // Named directly, a file outside is the user's choice.
  CHECK_FALSE(restage::io::symlinkEscape(t / "elsewhere/Dockerfile"));
  CHECK(restage::io::isWithin(t / "repo/a", t / "repo"));
  CHECK_FALSE(restage::io::isWithin(t / "repo/a/dir", t / "repo"));
  CHECK_FALSE(restage::io::isWithin(t / "repository", t / "repo"));
}

TEST_CASE("M9: configuration, context map and compose files found in the repository are not read through a "
          "symlink out of it",
          "[security][paths]") {
  TempTree t;
  t.write("repo/Dockerfile", kNodeDockerfile);
  t.write("repo/package.json", "{\"name\":\"x\"}\n");
  t.mkdir("repo/.git");
  // Valid files outside: read, each would change the run.
  t.write("outside/restage.yaml", "exclude: [\"**\"]\n");
  t.write("outside/contexts.json", "{\"contexts\": {\"Dockerfile\": \".\"}}\n");
  t.write("outside/compose.yaml", "services:\n  web:\n    build: .\n");
  struct Case {
    const char* link;
    const char* target;
    std::vector<std::string> args;
  };
  for (const Case& c : {Case{".restage.yaml", "../outside/restage.yaml", {"batch", ".", "--no-git"}},
                        Case{".restage.yaml", "/proc/self/environ", {"migrate", "Dockerfile"}},
                        Case{".restage-contexts.json", "../outside/contexts.json", {"batch", ".", "--no-git"}},
                        Case{".restage-contexts.json", "../outside/contexts.json", {"suggest", "Dockerfile", "-f", "json"}},
                        Case{"compose.yaml", "../outside/compose.yaml", {"batch", ".", "--no-git", "-v"}},
                        Case{"compose.yaml", "/proc/self/environ", {"migrate", "Dockerfile"}}}) {
    INFO(c.link << " -> " << c.target << " with " << c.args[0]);
    t.symlink(c.target, std::string("repo/") + c.link);
    auto r = runRestage(c.args, t / "repo");
    INFO(r.out << r.err);
    CHECK(r.status == 2);
    CHECK((r.err + r.out).find("symlink-outside-root") != std::string::npos);
    fs::remove(t / "repo" / c.link);
  }
}

// --- M7: nested-git-fsmonitor ---------------------------------------------

TEST_CASE("M7: outside git, batch runs no git in a nested repository", "[security][paths][git]") {
  TempTree t;
  t.write("tree/sub/Dockerfile", "FROM scratch\n");
  commitAll(t / "tree/sub", "x");
  sh("git -C '" + (t / "tree/sub").string() + "' config core.fsmonitor 'touch " + (t / "PWNED").string() +
     "; echo'");
  fs::remove(t / "PWNED");
  auto r = runRestage({"batch", "tree", "-f", "json"}, t.path());
  INFO(r.out << r.err);
  CHECK_FALSE(fs::exists(t / "PWNED"));
  // The nested folder is still searched, by walking it.
  json report = json::parse(r.out);
  REQUIRE(report["files"].size() == 1);
  CHECK(report["files"][0]["path"] == "tree/sub/Dockerfile");
}

TEST_CASE("M7: git runs with fsmonitor and hooks off, even in the repository named", "[security][paths][git]") {
  TempTree t;
  t.write("repo/Dockerfile", "FROM scratch\n");
  commitAll(t / "repo", "x");
  sh("git -C '" + (t / "repo").string() + "' config core.fsmonitor 'touch " + (t / "PWNED").string() + "; echo'");
  fs::remove(t / "PWNED");
  runRestage({"batch", "repo", "-f", "json"}, t.path());
  runRestage({"suggest", "--changed-from", "HEAD", "-f", "json"}, t / "repo");
  CHECK_FALSE(fs::exists(t / "PWNED"));
  auto argv = restage::io::gitCommand(t / "repo", {"ls-files"});
  REQUIRE(argv);
  CHECK(fs::path((*argv)[0]).is_absolute());
  CHECK(std::find(argv->begin(), argv->end(), "core.fsmonitor=false") != argv->end());
  CHECK(std::find(argv->begin(), argv->end(), "core.hooksPath=/dev/null") != argv->end());
}

// --- L4: path-empty-element -----------------------------------------------

TEST_CASE("L4: an empty or relative PATH element never runs the repository's ./git", "[security][paths]") {
  TempTree t;
  t.write("repo/Dockerfile", kNodeDockerfile);
  t.write("repo/server.js", "require('http').createServer().listen(8080);\n");
  t.write("repo/package.json", "{\"name\":\"x\"}\n");
  commitAll(t / "repo", "x");
  writeExecutable(t, "repo/git", "#!/bin/sh\necho \"ran: $*\" >> REPO-GIT-RAN.txt\nexec /usr/bin/git \"$@\"\n");
  writeExecutable(t, "repo/docker", "#!/bin/sh\necho \"ran: $*\" >> REPO-DOCKER-RAN.txt\nexit 1\n");
  // Not /usr/local/bin: a real docker client may be there.
  std::string system = "/usr/sbin:/usr/bin:/sbin:/bin";
  for (const std::string& path : V{"/usr/local/sbin::/usr/bin:/bin", ".:" + system, system + ":", "bin:" + system}) {
    INFO(path);
    EnvVar env("PATH", path);
    runRestage({"suggest", "--changed-from", "HEAD", "-f", "json"}, t / "repo");
    runRestage({"batch", ".", "-f", "json"}, t / "repo");
    runRestage({"verify", "Dockerfile", "--engine", "docker", "-q"}, t / "repo");
    CHECK_FALSE(fs::exists(t / "repo/REPO-GIT-RAN.txt"));
    CHECK_FALSE(fs::exists(t / "repo/REPO-DOCKER-RAN.txt"));
  }
}

TEST_CASE("L4: findExecutable skips empty and relative PATH elements", "[security][paths]") {
  TempTree t;
  writeExecutable(t, "abs/tool", "#!/bin/sh\n");
  writeExecutable(t, "rel/tool", "#!/bin/sh\n");
  {
    EnvVar env("PATH", ":rel:" + (t / "abs").string());
    CHECK(restage::io::findExecutable("tool") == (t / "abs/tool").string());
  }
  {
    EnvVar env("PATH", "rel::.");
    CHECK_FALSE(restage::io::findExecutable("tool"));
  }
  CHECK(restage::io::findExecutable("./x") == "./x");
}

// --- M8: verify-buildah-chroot-isolation -----------------------------------

TEST_CASE("M8: verify warns once, on stderr, when buildah runs the PR's steps as root", "[security][paths][verify]") {
  using restage::verify::EngineKind;
  using restage::verify::isolationWarning;
  CHECK(isolationWarning(EngineKind::Buildah, true));
  CHECK_FALSE(isolationWarning(EngineKind::Buildah, false));
  CHECK_FALSE(isolationWarning(EngineKind::Docker, true));
  CHECK_FALSE(isolationWarning(EngineKind::Podman, true));

  TempTree t;
  writeExecutable(t, "bin/buildah", kFakeEngine);
  t.write("app/Dockerfile", kNodeDockerfile);
  t.write("app/server.js", "require('http').createServer().listen(8080);\n");
  t.write("app/package.json", "{\"name\":\"x\"}\n");
  EnvVar log("ENGINE_LOG", (t / "engine.log").string());
  EnvVar path("PATH", (t / "bin").string() + ":" + std::getenv("PATH"));
  auto r = runRestage({"verify", "Dockerfile", "--engine", "buildah", "--run-for", "1", "--probe", "none", "-q",
                       "--format", "json"},
                      t / "app");
  INFO(r.out << r.err);
  std::size_t warnings = linesWith(r.err, "WARNING").size();
  CHECK(warnings == (::geteuid() == 0 ? 1u : 0u));
  CHECK(r.out.find("WARNING") == std::string::npos);
  if (!r.out.empty()) CHECK_NOTHROW(json::parse(r.out));
}

TEST_CASE("M8: a .restage.yaml from the pull request cannot turn on verify or name contexts",
          "[security][paths][config]") {
  TempTree t;
  t.write("repo/Dockerfile", kNodeDockerfile);
  for (const char* key : {"verify: true\n", "context-map: ../x.json\n", "contexts:\n  Dockerfile: ..\n"}) {
    INFO(key);
    t.write("repo/.restage.yaml", key);
    auto r = runRestage({"batch", ".", "--no-git"}, t / "repo");
    CHECK(r.status == 2);
    CHECK(r.err.find(".restage.yaml") != std::string::npos);
  }
}
