// restage's command-line conventions, run through the built binary: exact
// option names (no prefix guessing), "did you mean", exit statuses in every
// --help, '-' for standard input, migrate --check, diff headers that
// `git apply` takes, and JSON errors without the library's tags.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/TestSupport.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

using TempDir = restage::test::TempTree;

void writeText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Runs argv in `cwd` with standard input from `stdinFile` (or /dev/null).
Run run(const std::vector<std::string>& argv, const fs::path& cwd, const fs::path& stdinFile = "/dev/null") {
  TempDir capture;
  fs::path outFile = capture.path() / "out", errFile = capture.path() / "err";
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(127);
    int in = ::open(stdinFile.c_str(), O_RDONLY);
    int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  Run r;
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  r.out = restage::test::readText(outFile);
  r.err = restage::test::readText(errFile);
  return r;
}

Run runRestage(std::vector<std::string> args, const fs::path& cwd, const fs::path& stdinFile = "/dev/null") {
  args.insert(args.begin(), RESTAGE_BINARY);
  return run(args, cwd, stdinFile);
}

// A Go service that migrates (a golden case), copied into `dir`.
fs::path goService(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy(fs::path(RESTAGE_CLI_CASES) / "go-alpine" / "context", dir,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  return dir / "Dockerfile";
}

const char* kMultiStage =
    "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\n"
    "COPY --from=build /app /app\nCMD [\"/app\"]\n";

}  // namespace

TEST_CASE("options: prefixes of option names are usage errors, the file untouched", "[options]") {
  TempDir dir;
  fs::path file = goService(dir.path() / "svc");
  std::string before = restage::test::readText(file);

  Run r = runRestage({"migrate", "--w", file.string()}, dir.path());
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("unrecognised option '--w'") || Catch::Contains("unrecognized option '--w'"));
  CHECK(restage::test::readText(file) == before);

  r = runRestage({"migrate", "--o", "x", file.string()}, dir.path());
  CHECK(r.status == 2);
  CHECK_FALSE(fs::exists(dir.path() / "x"));

  r = runRestage({"batch", "--context", ".", "svc"}, dir.path());
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("--context"));

  // The exact names still work.
  r = runRestage({"migrate", "--check", file.string()}, dir.path());
  CHECK(r.status == 1);
}

TEST_CASE("options: did you mean, for options and subcommands", "[options]") {
  TempDir dir;
  Run r = runRestage({"migrate", "--wrte", "Dockerfile"}, dir.path());
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("did you mean '--write'?"));

  r = runRestage({"migarte", "Dockerfile"}, dir.path());
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown command 'migarte' (did you mean 'migrate'?)"));
  r = runRestage({"sugest"}, dir.path());
  CHECK_THAT(r.err, Catch::Contains("did you mean 'suggest'?"));
  // Nothing close: no guess.
  r = runRestage({"frobnicate"}, dir.path());
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown command 'frobnicate'"));
  CHECK_THAT(r.err, !Catch::Contains("did you mean"));
}

TEST_CASE("options: every subcommand's --help lists its exit statuses", "[options]") {
  TempDir dir;
  for (const char* command : {"batch", "migrate", "parse", "suggest", "verify"}) {
    INFO(command);
    Run r = runRestage({command, "--help"}, dir.path());
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Exit status: 0"));
    CHECK_THAT(r.out, Catch::Contains(" 2 "));
  }
}

TEST_CASE("migrate: '-' reads standard input, context the current folder", "[migrate]") {
  TempDir dir;
  fs::path file = goService(dir.path() / "svc");
  Run fromFile = runRestage({"migrate", "svc/Dockerfile"}, dir.path());
  REQUIRE(fromFile.status == 0);

  // In the service's folder, stdin gives what the file gives.
  Run fromStdin = runRestage({"migrate", "-"}, dir.path() / "svc", file);
  INFO(fromStdin.err);
  CHECK(fromStdin.status == 0);
  CHECK(fromStdin.out == fromFile.out);
  CHECK_THAT(fromStdin.err, Catch::StartsWith("<stdin>: migrated"));

  // Elsewhere, --context names the folder; without it the context is the
  // current folder: an empty one has no Go sources to prove the program
  // static, so the runtime is not the distroless static image.
  fs::create_directories(dir.path() / "empty");
  Run withContext = runRestage({"migrate", "--context", "../svc", "-"}, dir.path() / "empty", file);
  CHECK(withContext.status == 0);
  CHECK(withContext.out == fromFile.out);
  Run emptyContext = runRestage({"migrate", "-"}, dir.path() / "empty", file);
  CHECK(emptyContext.status == 0);
  CHECK(emptyContext.out != fromFile.out);
  CHECK_THAT(fromFile.out, Catch::Contains("distroless/static"));
  CHECK_THAT(emptyContext.out, !Catch::Contains("distroless/static"));

  Run write = runRestage({"migrate", "--write", "-"}, dir.path(), file);
  CHECK(write.status == 2);
  CHECK_THAT(write.err, Catch::Contains("standard input"));

  writeText(dir.path() / "bad", "FROM\n");
  Run bad = runRestage({"migrate", "-"}, dir.path(), dir.path() / "bad");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::StartsWith("<stdin>:1:"));
}

TEST_CASE("migrate: --check exits 1 for a rewrite, 0 for none, writes nothing", "[migrate]") {
  TempDir dir;
  fs::path file = goService(dir.path() / "svc");
  std::string before = restage::test::readText(file);
  Run r = runRestage({"migrate", "--check", "svc/Dockerfile"}, dir.path());
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(restage::test::readText(file) == before);

  // With --diff, the diff is printed and the status is still check's.
  r = runRestage({"migrate", "--check", "--diff", "svc/Dockerfile"}, dir.path());
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::StartsWith("--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n"));
  CHECK(restage::test::readText(file) == before);

  writeText(dir.path() / "done" / "Dockerfile", kMultiStage);
  r = runRestage({"migrate", "--check", "done/Dockerfile"}, dir.path());
  CHECK(r.status == 0);
  CHECK(r.out.empty());

  r = runRestage({"migrate", "--check", "--write", "svc/Dockerfile"}, dir.path());
  CHECK(r.status == 2);
  r = runRestage({"migrate", "--check", "-o", "out", "svc/Dockerfile"}, dir.path());
  CHECK(r.status == 2);
  CHECK_FALSE(fs::exists(dir.path() / "out"));
  CHECK(restage::test::readText(file) == before);

  r = runRestage({"migrate", "--check", "missing/Dockerfile"}, dir.path());
  CHECK(r.status == 2);
}

TEST_CASE("diff: headers git apply takes, for relative, ../ and absolute paths", "[diff]") {
  TempDir dir;
  fs::path file = goService(dir.path() / "repo" / "svc");
  std::string before = restage::test::readText(file);
  fs::create_directories(dir.path() / "elsewhere");
  Run migrated = runRestage({"migrate", file.string()}, dir.path());
  REQUIRE(migrated.status == 0);

  struct Case {
    std::string path;  // as given on the command line
    fs::path cwd;      // where restage runs
  };
  std::vector<Case> cases = {
      {"svc/Dockerfile", dir.path() / "repo"},
      {"./svc/../svc/Dockerfile", dir.path() / "repo"},
      {"../repo/svc/Dockerfile", dir.path() / "elsewhere"},
      {file.string(), dir.path() / "elsewhere"},
      {file.string(), dir.path() / "repo"},
  };
  for (const auto& c : cases) {
    INFO(c.path << " from " << c.cwd);
    Run diff = runRestage({"migrate", "--diff", c.path}, c.cwd);
    REQUIRE(diff.status == 0);
    std::istringstream lines(diff.out);
    std::string minus, plus;
    std::getline(lines, minus);
    std::getline(lines, plus);
    CHECK(minus.starts_with("--- a/"));
    CHECK(plus.starts_with("+++ b/"));
    CHECK(minus.find("..") == std::string::npos);
    CHECK(minus.find("a//") == std::string::npos);
    CHECK(minus.substr(6) == plus.substr(6));
    // The headers say where the diff applies: the current folder when the
    // file is inside it, else the root folder.
    std::string named = minus.substr(6);
    bool inside = !named.starts_with(dir.path().relative_path().generic_string());
    fs::path applyFrom = inside ? c.cwd : fs::path("/");
    CHECK(fs::exists(applyFrom / named));
    writeText(dir.path() / "change.diff", diff.out);
    Run applied = run({"git", "apply", (dir.path() / "change.diff").string()}, applyFrom);
    INFO(applied.err);
    REQUIRE(applied.status == 0);
    CHECK(restage::test::readText(file) == migrated.out);
    writeText(file, before);
  }
}

TEST_CASE("json-errors: a broken JSON file is named with its line, no library tag", "[json-errors]") {
  TempDir dir;
  goService(dir.path() / "svc");
  writeText(dir.path() / "contexts.json", "{\n  \"contexts\": {\n    \"svc/Dockerfile\": oops\n  }\n}\n");
  Run r = runRestage({"batch", "--context-map", "contexts.json", "svc"}, dir.path());
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("contexts.json:3:23: not valid JSON"));
  CHECK_THAT(r.err, !Catch::Contains("json.exception"));
  CHECK_THAT(r.err, !Catch::Contains("[json"));
}

TEST_CASE("findings: batch --check fails on a trailing comment or a stage that cannot start", "[findings]") {
  TempDir dir;
  // The seed's own bug class: already multi-stage, so nothing to migrate.
  writeText(dir.path() / "seed" / "Dockerfile",
            "FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci\nFROM scratch\n"
            "COPY --from=builder /app/build .  # Copy only the build artifacts\nCMD [\"npm\", \"start\"]\n");
  writeText(dir.path() / "done" / "Dockerfile", kMultiStage);

  Run clean = runRestage({"batch", "--no-git", "-q", "--check", "done"}, dir.path());
  CHECK(clean.status == 0);

  Run r = runRestage({"batch", "--no-git", "-q", "--check", "seed", "done"}, dir.path());
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("seed/Dockerfile:6:35: finding [trailing-comment]"));
  CHECK_THAT(r.out, Catch::Contains("seed/Dockerfile:5:1: finding [runtime-cannot-start]"));
  // Without --check a dry run still succeeds.
  CHECK(runRestage({"batch", "--no-git", "-q", "seed"}, dir.path()).status == 0);

  Run j = runRestage({"batch", "--no-git", "-q", "--check", "-f", "json", "seed"}, dir.path());
  CHECK(j.status == 1);
  auto doc = nlohmann::json::parse(j.out);
  REQUIRE(doc["files"].size() == 1);
  const auto& findings = doc["files"][0]["findings"];
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["rule"] == "trailing-comment");
  CHECK(findings[0]["code"] == "RS002");
  CHECK(findings[1]["code"] == "RS003");
  CHECK(doc["summary"]["findings"] == 2);

  Run sarif = runRestage({"suggest", "-f", "sarif", "seed/Dockerfile"}, dir.path());
  CHECK(sarif.status == 0);
  CHECK(nlohmann::json::parse(sarif.out)["runs"][0]["results"].size() == 2);
}
