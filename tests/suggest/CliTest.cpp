// restage suggest on the command line: formats, exit statuses, errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "SuggestTestSupport.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace restage::suggest::test;

namespace {

const CorpusFile& firstMigrated() {
  for (const auto& f : corpusMigrations()) {
    if (f.result.status == restage::migrate::Status::Migrated) return f;
  }
  FAIL("no corpus file migrates");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("cli: usage errors exit 2", "[cli]") {
  Run r = runCommand({restageBinary(), "suggest", "-f", "json"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("no FILE"));
  r = runCommand({restageBinary(), "suggest", "Dockerfile"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("format"));
  r = runCommand({restageBinary(), "suggest", "-f", "yaml", "Dockerfile"});
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("yaml"));
  r = runCommand({restageBinary(), "suggest", "-f", "json", "--commit-id", "abc", "Dockerfile"});
  CHECK(r.status == 2);
  r = runCommand({restageBinary(), "suggest", "--help"});
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("--changed-from"));
}

TEST_CASE("cli: every format for a migrated file, paths as given", "[cli]") {
  const CorpusFile& f = firstMigrated();
  TempDir dir;
  writeText(dir.path() / "svc" / "Dockerfile", f.result.original);
  for (const char* format : {"rdjson", "sarif", "github-review", "json"}) {
    INFO(format);
    Run r = runCommand({restageBinary(), "suggest", "--format", format, "./svc/Dockerfile"}, dir.path());
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("\"svc/Dockerfile\""));
    CHECK_NOTHROW(json::parse(r.out));
  }
  Run r = runCommand({restageBinary(), "suggest", "--format", "diff", "svc/Dockerfile"}, dir.path());
  REQUIRE(r.status == 0);
  CHECK(r.out.starts_with("--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n@@ "));
  writeText(dir.path() / "changes.diff", r.out);
  Run applied = runCommand({"patch", "-p1", "--batch", "-i", "changes.diff"}, dir.path());
  INFO(applied.out << applied.err);
  REQUIRE(applied.status == 0);
  CHECK(restage::test::readText(dir.path() / "svc" / "Dockerfile") == f.result.output);

  json review = json::parse(
      runCommand({restageBinary(), "suggest", "-f", "github-review", "--commit-id", "0123abc", "svc/Dockerfile"},
                 dir.path()).out);
  CHECK(review["commit_id"] == "0123abc");
}

TEST_CASE("cli: nothing to suggest still exits 0", "[cli]") {
  TempDir dir;
  writeText(dir.path() / "Dockerfile", "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\n"
                                       "COPY --from=build /app /app\nCMD [\"/app\"]\n");
  for (const char* format : {"rdjson", "sarif", "github-review", "json", "diff"}) {
    INFO(format);
    Run r = runCommand({restageBinary(), "suggest", "-f", format, "Dockerfile"}, dir.path());
    INFO(r.err);
    CHECK(r.status == 0);
  }
  Run r = runCommand({restageBinary(), "suggest", "-f", "rdjson", "Dockerfile"}, dir.path());
  CHECK(json::parse(r.out)["diagnostics"].empty());
  CHECK(runCommand({restageBinary(), "suggest", "-f", "diff", "Dockerfile"}, dir.path()).out.empty());
}

TEST_CASE("cli: unreadable and broken files exit 2 but the rest is reported", "[cli]") {
  const CorpusFile& f = firstMigrated();
  TempDir dir;
  writeText(dir.path() / "good/Dockerfile", f.result.original);
  writeText(dir.path() / "broken/Dockerfile", "FROM alpine\nRUN <<EOF\necho never closed\n");
  Run r = runCommand({restageBinary(), "suggest", "-f", "json", "good/Dockerfile", "broken/Dockerfile", "missing/Dockerfile"},
                     dir.path());
  CHECK(r.status == 2);
  CHECK(r.err.empty());  // the JSON says it; -v says it on stderr too
  Run verbose = runCommand({restageBinary(), "suggest", "-f", "json", "-v", "good/Dockerfile", "broken/Dockerfile",
                            "missing/Dockerfile"},
                           dir.path());
  CHECK_THAT(verbose.err, Catch::Contains("broken/Dockerfile:") && Catch::Contains("missing/Dockerfile"));
  Run diff = runCommand({restageBinary(), "suggest", "-f", "diff", "good/Dockerfile", "broken/Dockerfile"}, dir.path());
  CHECK_THAT(diff.err, Catch::Contains("broken/Dockerfile:"));
  json doc = json::parse(r.out);
  REQUIRE(doc["files"].size() == 3);
  CHECK(doc["files"][0]["status"] == "migrated");
  CHECK(doc["files"][1]["status"] == "error");
  CHECK(doc["files"][1].contains("error"));
  CHECK(doc["files"][2]["status"] == "error");
}
