// `restage batch` end to end, with the real migrate: exit statuses, --check,
// --write atomicity, the report, shards across runs, deterministic output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <map>
#include <set>

#include "migrate/Migration.h"
#include "support/TestSupport.h"
#include "BatchTestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::batch::test::FileSizeLimit;
using restage::batch::test::ScratchDir;
using restage::test::readText;
using restage::test::runRestage;

namespace {

// A single-stage Go service: the kind of file restage migrate exists for.
const std::string kGoDockerfile =
    "FROM golang:1.22\n"
    "\n"
    "WORKDIR /app\n"
    "COPY go.mod ./\n"
    "COPY *.go ./\n"
    "RUN go build -o /usr/local/bin/hello .\n"
    "\n"
    "EXPOSE 8080\n"
    "CMD [\"hello\"]\n";

const std::string kMultiStage =
    "FROM golang:1.22 AS build\n"
    "WORKDIR /src\n"
    "COPY . .\n"
    "RUN go build -o /out/app .\n"
    "FROM gcr.io/distroless/static-debian12\n"
    "COPY --from=build /out/app /app\n"
    "CMD [\"/app\"]\n";

const std::string kSyntaxError = "FROM busybox\n\nENV PATH\n";

fs::path writeGoService(const ScratchDir& d, const std::string& dir, const std::string& dockerfile = kGoDockerfile) {
  d.write(dir + "/go.mod", "module example.com/hello\n\ngo 1.22\n");
  d.write(dir + "/main.go", "package main\n\nfunc main() {}\n");
  return d.write(dir + "/Dockerfile", dockerfile);
}

// The batch tests check batch, not migrate: they need a file migrate
// rewrites, and say so plainly when there is none.
restage::migrate::Result requireMigrates(const fs::path& file) {
  auto result = restage::migrate::migrateFile(file, {});
  INFO("precondition: restage migrate rewrites " << file << " (status " << restage::migrate::statusName(result.status)
                                                  << ", " << result.code << ": " << result.reason << ")");
  REQUIRE(result.status == restage::migrate::Status::Migrated);
  return result;
}

std::vector<std::string> reportPaths(const fs::path& report) {
  std::vector<std::string> paths;
  json doc = json::parse(readText(report));
  for (const auto& f : doc["files"]) paths.push_back(f["path"]);
  return paths;
}

}  // namespace

TEST_CASE("batch: bad usage exits 2 with a message", "[cli]") {
  ScratchDir d;
  std::string dir = d.path().string();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"batch", dir, "--shard", "0/2"},
           {"batch", dir, "--shard", "3/2"},
           {"batch", dir, "--shard", "x"},
           {"batch", dir, "--backup"},
           {"batch", dir, "--format", "xml"},
           {"batch", dir, "--jobs", "0"},
           {"batch", dir, "--no-such-option"},
           {"batch", (d / "missing").string()},
           {"batch", dir, "--quiet", "-v"},
           {"batch", dir, "--format", "sarif", "--diff"},
           {"batch", dir, "--select", "RS009"},
           {"batch", dir, "--fail-on", "findings"},
       }) {
    auto r = runRestage(args);
    INFO(args.size() << " args, last " << args.back() << ": " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("restage: error: batch") != std::string::npos);
  }
}

TEST_CASE("batch --check: 0 when nothing would change, 1 when something would, 2 on errors", "[cli]") {
  ScratchDir d;
  d.write("done/Dockerfile", kMultiStage);
  auto none = runRestage({"batch", "-q", "--check", "--format", "json", d.path().string()});
  CHECK(none.status == 0);
  CHECK(json::parse(none.out)["summary"]["already_multi_stage"] == 1);

  auto go = writeGoService(d, "svc/hello");
  requireMigrates(go);
  auto before = readText(go);
  auto some = runRestage({"batch", "-q", "--check", d.path().string()});
  CHECK(some.status == 1);
  CHECK(some.out.find(go.string() + ": would migrate") != std::string::npos);
  CHECK(readText(go) == before);  // --check never writes
  // A plain dry run with something to migrate is a success.
  CHECK(runRestage({"batch", "-q", d.path().string()}).status == 0);

  d.write("broken/Dockerfile", kSyntaxError);
  auto error = runRestage({"batch", "-q", "--check", d.path().string()});
  CHECK(error.status == 2);
  CHECK(error.out.find((d / "broken/Dockerfile").string() + ":3:") != std::string::npos);
  CHECK(runRestage({"batch", "-q", d.path().string()}).status == 2);
}

TEST_CASE("batch --write rewrites, and then --check is satisfied", "[cli]") {
  ScratchDir d;
  auto go = writeGoService(d, "svc/hello");
  auto expected = requireMigrates(go);
  d.write("done/Dockerfile", kMultiStage);

  auto r = runRestage({"batch", "-q", "--write", "--backup", d.path().string()});
  CHECK(r.status == 0);
  CHECK(readText(go) == expected.output);
  CHECK(readText(go.string() + ".restage-bak") == kGoDockerfile);
  CHECK(readText(d / "done/Dockerfile") == kMultiStage);
  auto again = runRestage({"batch", "-q", "--check", d.path().string()});
  INFO(again.out);
  CHECK(again.status == 0);
}

TEST_CASE("batch --write: a failed write leaves the original byte-identical and exits 2", "[cli]") {
  ScratchDir d;
  // Comments make the original bigger than anything the run prints, so the
  // limit below stops only the rewrite, which is longer still.
  std::string padded = "# service hello\n" + std::string(4000, '#') + "\n" + kGoDockerfile;
  auto go = writeGoService(d, "svc/hello", padded);
  auto expected = requireMigrates(go);
  REQUIRE(expected.output.size() > padded.size() + 64);
  auto report = d / "report.json";
  {
    FileSizeLimit limit(padded.size() + 32);  // inherited by the restage process
    auto r = runRestage({"batch", "-q", "--write", "--report", report.string(), d.path().string()});
    INFO(r.out << r.err);
    CHECK(r.status == 2);
    CHECK(r.out.find("write-failed") != std::string::npos);
  }
  CHECK(readText(go) == padded);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(d / "svc/hello")) ++entries;
  CHECK(entries == 3);  // Dockerfile, go.mod, main.go: no temporary file left
  json doc = json::parse(readText(report));
  REQUIRE(doc["files"].size() == 1);
  CHECK(doc["files"][0]["status"] == "error");
  CHECK(doc["files"][0]["code"] == "write-failed");
  CHECK(doc["files"][0]["written"] == false);
  CHECK(doc["summary"]["errors"] == 1);
}

TEST_CASE("batch --report: one entry per file with its fields", "[cli]") {
  ScratchDir d;
  auto go = writeGoService(d, "svc/hello");
  auto expected = requireMigrates(go);
  d.write("svc/broken/Dockerfile", kSyntaxError);
  d.write("svc/done/Dockerfile", kMultiStage);
  auto report = d / "out/report.json";
  fs::create_directories(report.parent_path());
  auto r = runRestage({"batch", "-q", "--report", report.string(), (d / "svc").string()});
  CHECK(r.status == 2);
  json doc = json::parse(readText(report));
  CHECK(doc["mode"] == "dry-run");
  REQUIRE(doc["files"].size() == 3);
  std::map<std::string, json> byPath;
  for (const auto& f : doc["files"]) byPath[f["path"]] = f;

  const json& broken = byPath.at((d / "svc/broken/Dockerfile").string());
  CHECK(broken["status"] == "error");
  CHECK(broken["code"] == "syntax-error");
  CHECK(broken["error"]["line"] == 3);
  CHECK(broken["error"]["column"].get<int>() >= 1);
  CHECK_FALSE(broken["error"]["message"].get<std::string>().empty());

  const json& hello = byPath.at(go.string());
  CHECK(hello["status"] == "migrated");
  CHECK(hello["language"] == expected.language);
  CHECK(hello["builder_base"] == expected.builderBase);
  CHECK(hello["runtime_base"] == expected.runtimeBase);
  CHECK(hello["estimated_saving_bytes"] == expected.estimatedSavingBytes);
  CHECK(hello["written"] == false);

  CHECK(byPath.at((d / "svc/done/Dockerfile").string())["code"] == "already-multi-stage");
  CHECK(doc["summary"]["scanned"] == 3);
  // --format json prints the same document.
  auto asJson = runRestage({"batch", "-q", "--format", "json", (d / "svc").string()});
  CHECK(json::parse(asJson.out)["files"] == doc["files"]);
}

TEST_CASE("batch: the same output for any --jobs, and shards that add up to the whole", "[cli]") {
  fs::path corpus = restage::test::corpusDir();
  std::vector<std::string> roots = {(corpus / "realworld").string(), (corpus / "syntax").string()};
  auto run = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"batch", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), roots.begin(), roots.end());
    return runRestage(args);
  };
  auto one = run({"--jobs", "1"});
  auto two = run({"--jobs", "2"});
  auto many = run({"--jobs", "7"});
  CHECK(one.status == two.status);
  CHECK(one.out == two.out);
  CHECK(one.out == many.out);
  CHECK(run({"--jobs", "1", "--format", "json"}).out == run({"--jobs", "3", "--format", "json"}).out);

  ScratchDir d;
  auto whole = d / "whole.json";
  run({"--report", whole.string()});
  auto all = reportPaths(whole);
  REQUIRE(all.size() > 100);
  std::multiset<std::string> union_;
  for (int k = 1; k <= 3; ++k) {
    auto part = d / ("shard" + std::to_string(k) + ".json");
    run({"--shard", std::to_string(k) + "/3", "--report", part.string()});
    auto paths = reportPaths(part);
    CHECK(!paths.empty());
    CHECK(std::is_sorted(paths.begin(), paths.end()));
    union_.insert(paths.begin(), paths.end());
  }
  CHECK(std::vector<std::string>(union_.begin(), union_.end()) == all);  // each once, none missing
}

namespace {

// Runs restage in `dir` through the shell; stdout and stderr go to files
// beside it. Returns the exit status.
int runIn(const fs::path& dir, const std::string& args, const fs::path& out, const fs::path& err) {
  std::string command = "cd '" + dir.string() + "' && '" RESTAGE_BINARY "' " + args + " >'" + out.string() +
                        "' 2>'" + err.string() + "'";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("batch --diff: one diff for every rewrite, in file order, that git apply takes", "[cli]") {
  ScratchDir d;
  auto a = writeGoService(d, "repo/svc/a");
  auto b = writeGoService(d, "repo/svc/b");
  d.write("repo/svc/bad/Dockerfile", kSyntaxError);
  d.write("repo/svc/multi/Dockerfile", kMultiStage);
  auto expectedA = requireMigrates(a);
  auto expectedB = requireMigrates(b);
  fs::path repo = d / "repo";
  restage::batch::test::git(repo, "init -q");
  restage::batch::test::git(repo, "add -A");
  restage::batch::test::git(repo, "-c user.name=t -c user.email=t@example.invalid commit -q -m fixture");

  // The bad file makes the status 2; the diff is still there, and only on stdout.
  CHECK(runIn(repo, "batch svc --diff", d / "out.diff", d / "err.txt") == 2);
  std::string diff = readText(d / "out.diff");
  std::string err = readText(d / "err.txt");
  auto atA = diff.find("--- a/svc/a/Dockerfile\n+++ b/svc/a/Dockerfile\n");
  auto atB = diff.find("--- a/svc/b/Dockerfile\n+++ b/svc/b/Dockerfile\n");
  REQUIRE(atA == 0);
  REQUIRE(atB != std::string::npos);
  CHECK(diff.find("--- ", atA + 1) == atB);  // two files, nothing else
  CHECK(diff.find("bad") == std::string::npos);
  CHECK(diff.find("multi") == std::string::npos);
  // The report, refusals and errors included, is on stderr.
  CHECK(err.find("svc/a/Dockerfile: would migrate") != std::string::npos);
  CHECK(err.find("svc/bad/Dockerfile:3:") != std::string::npos);
  CHECK(err.find(": error [syntax-error]") != std::string::npos);
  CHECK(err.find("restage batch summary") != std::string::npos);

  restage::batch::test::sh("git -C '" + repo.string() + "' apply --check '" + (d / "out.diff").string() + "'");
  restage::batch::test::sh("git -C '" + repo.string() + "' apply '" + (d / "out.diff").string() + "'");
  CHECK(readText(a) == expectedA.output);
  CHECK(readText(b) == expectedB.output);

  // A diff and JSON cannot share standard output.
  CHECK(runIn(repo, "batch svc --diff --format json", d / "out2", d / "err2") == 2);
  CHECK(readText(d / "err2").find("--diff") != std::string::npos);
}

TEST_CASE("batch -v: each rewrite's explanation and contract, and every file's problems", "[cli]") {
  ScratchDir d;
  auto go = writeGoService(d, "svc/go",
                           "FROM golang:1.22\nWORKDIR /app\nCOPY go.mod ./\nCOPY *.go ./\n"
                           "RUN go build -o /usr/local/bin/hello .\n"
                           "HEALTHCHECK CMD curl -f http://localhost:8080/\nCMD [\"hello\"]\n");
  auto expected = requireMigrates(go);
  // The seed's bug: a runtime stage that cannot start its command.
  auto seed = d.write("svc/seed/Dockerfile",
                      "FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
                      "FROM scratch\nCOPY --from=builder /app/build .\nCMD [\"npm\", \"start\"]\n");
  auto seedResult = restage::migrate::migrateFile(seed, {});
  REQUIRE_FALSE(seedResult.problems.empty());

  auto quiet = runRestage({"batch", (d / "svc").string()});
  auto verbose = runRestage({"batch", (d / "svc").string(), "-v"});
  INFO(verbose.out);
  REQUIRE_FALSE(expected.explanation.empty());
  bool healthcheck = false;
  for (const auto& line : expected.explanation) {
    CHECK(verbose.out.find("  - " + line + "\n") != std::string::npos);
    CHECK(quiet.out.find(line) == std::string::npos);
    healthcheck |= line.find("HEALTHCHECK") != std::string::npos;
  }
  CHECK(healthcheck);  // what migrate warns about, batch -v says too
  CHECK(verbose.out.find("  Runtime contract:\n") != std::string::npos);
  for (const auto& line : restage::migrate::contractLines(expected.contract)) {
    CHECK(verbose.out.find("    " + line + "\n") != std::string::npos);
  }
  for (const auto& p : seedResult.problems) {
    CHECK(verbose.out.find("  ! " + p + "\n") != std::string::npos);
    CHECK(quiet.out.find("  ! " + p) == std::string::npos);
  }

  // The JSON report always has them, -v or not.
  auto report = runRestage({"batch", (d / "svc").string(), "--quiet", "--format", "json"});
  json doc = json::parse(report.out);
  for (const auto& f : doc["files"]) {
    if (f["path"].get<std::string>().ends_with("go/Dockerfile")) {
      CHECK(f["explanation"] == expected.explanation);
      CHECK(f["contract"] == json::parse(restage::migrate::contractJson(expected.contract).dump()));
    } else {
      CHECK(f["problems"] == seedResult.problems);
    }
  }
}
