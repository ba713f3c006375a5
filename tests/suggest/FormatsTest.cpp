// The suggest model and every output format on hand-built rewrites: the
// emitted JSON/diff, read back the way its consumer reads it, rebuilds
// migrate's output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

#include "SuggestTestSupport.h"
#include "support/TestSupport.h"
#include "output/GithubReviewFormat.h"
#include "output/RdjsonFormat.h"
#include "output/SarifFormat.h"
#include "output/SuggestJsonFormat.h"
#include "output/UnifiedDiff.h"
#include "suggest/Suggestion.h"
#include "syntax/DockerfileReader.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::migrate::Result;
using restage::migrate::Status;
using restage::suggest::FileReport;
using restage::suggest::makeReport;
using namespace restage::suggest::test;

namespace {

Result migrated(std::string original, std::string output) {
  Result r;
  r.status = Status::Migrated;
  r.code = "migrated";
  r.language = "go";
  r.builderBase = "golang:1.22";
  r.runtimeBase = "gcr.io/distroless/static-debian12";
  r.estimatedSavingBytes = 780'000'000;
  r.path = "Dockerfile";
  r.original = std::move(original);
  r.output = std::move(output);
  r.explanation = {"Only the binary /app/server moves to the runtime stage."};
  return r;
}

struct Case {
  const char* name;
  const char* path;
  std::string original;
  std::string output;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"go service", "services/api/Dockerfile",
       "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server .\nEXPOSE 8080\nCMD [\"/app/server\"]\n",
       "FROM golang:1.22 AS builder\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server .\n\n"
       "FROM gcr.io/distroless/static-debian12\nCOPY --from=builder /app/server /app/server\nEXPOSE 8080\n"
       "CMD [\"/app/server\"]\n"},
      {"no final newline", "Dockerfile",
       "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"index.js\"]",
       "FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci\n\nFROM node:20-slim\nWORKDIR /app\n"
       "COPY --from=builder /app /app\nCMD [\"node\", \"index.js\"]\n"},
      {"crlf", "win/app.Dockerfile",
       "FROM gcc:13\r\nCOPY . /src\r\nRUN make -C /src\r\nCMD [\"/src/app\"]\r\n",
       "FROM gcc:13 AS builder\r\nCOPY . /src\r\nRUN make -C /src\r\n\r\nFROM debian:bookworm-slim\r\n"
       "COPY --from=builder /src/app /src/app\r\nCMD [\"/src/app\"]\r\n"},
      {"deletion and top insertion", "a dir/Dockerfile",
       "FROM golang:1.22\nRUN apt-get update\nRUN apt-get install -y git\nRUN go build -o /out/app\nCMD [\"/out/app\"]\n",
       "# syntax=docker/dockerfile:1\nFROM golang:1.22 AS builder\nRUN go build -o /out/app\n\nFROM scratch\n"
       "COPY --from=builder /out/app /out/app\nCMD [\"/out/app\"]\n"},
      {"heredoc", "Dockerfile",
       "FROM alpine\nRUN <<EOF\necho hi\nEOF\nCMD x\n", "FROM alpine\nRUN <<END\necho hi\nEND\nCMD x\n"},
  };
  return all;
}

std::vector<FileReport> reportsFor(const Case& c) {
  return {makeReport(migrated(c.original, c.output), c.path)};
}

// What a reviewer gets by accepting every linewise suggestion. Linewise
// suggestions cannot add or drop a file's final newline; everything else is
// exact.
void checkLinewise(const Case& c, const std::vector<LineEdit>& edits) {
  std::string applied = applyLinewise(c.original, edits);
  bool finalNewlineChanges = c.original.ends_with('\n') != c.output.ends_with('\n');
  if (finalNewlineChanges) {
    CHECK(applied + "\n" == c.output);
  } else {
    CHECK(applied == c.output);
  }
}

}  // namespace

TEST_CASE("makeReport: suggestions carry rule, severity, applicability and message", "[suggest]") {
  FileReport r = makeReport(migrated(cases()[0].original, cases()[0].output), "services/api/Dockerfile");
  // The line diff has two hunks (AS builder on line 1; the runtime stage after
  // line 4), but the second alone would COPY --from a stage no FROM names: the
  // parts only work together, so the file gets one suggestion.
  REQUIRE(r.suggestions.size() == 1);
  const auto& s = r.suggestions[0];
  CHECK(s.rule->code == "RS001");
  CHECK(s.rule->name == "prefer-multi-stage-build");
  CHECK(s.severity == restage::suggest::Severity::Warning);
  CHECK(s.applicability == restage::suggest::Applicability::Unsafe);
  CHECK(s.parts == 1);
  CHECK_THAT(s.message, Catch::Contains("golang:1.22") && Catch::Contains("gcr.io/distroless/static-debian12") &&
                            Catch::Contains("780 MB"));
  CHECK_THAT(s.message, !Catch::Contains("each part alone"));
  CHECK(s.hunk.startLine == 1);
  CHECK(restage::suggest::applyHunks(r.result.original, {s.hunk}) == r.result.output);
}

TEST_CASE("makeReport: parts that each stand alone stay apart, later ones short", "[suggest]") {
  // Both hunks stand alone: a new LABEL, and a changed base of the last stage.
  std::string original = "FROM golang:1.22 AS builder\nRUN go build -o /app/server .\nFROM debian:12\n"
                         "COPY --from=builder /app/server /app/server\nWORKDIR /srv\nUSER 1000\nEXPOSE 8080\n"
                         "CMD [\"/app/server\"]\n";
  std::string output = "FROM golang:1.22 AS builder\nLABEL stage=build\nRUN go build -o /app/server .\n"
                       "FROM debian:12\nCOPY --from=builder /app/server /app/server\nWORKDIR /srv\nUSER 1000\n"
                       "EXPOSE 8080\nCMD [\"/app/server\"]\nSTOPSIGNAL SIGTERM\n";
  FileReport r = makeReport(migrated(original, output), "Dockerfile");
  REQUIRE(r.suggestions.size() == 2);
  CHECK_THAT(r.suggestions[0].message, Catch::Contains("each part alone keeps the Dockerfile valid"));
  CHECK_THAT(r.suggestions[1].message, Catch::StartsWith("Part 2 of 2 of restage's multi-stage rewrite"));
  CHECK(r.suggestions[1].message.size() < r.suggestions[0].message.size());
  CHECK_THAT(r.suggestions[1].message, !Catch::Contains("Use a multi-stage build"));
}

TEST_CASE("makeReport: hunks that do not parse alone are joined", "[suggest]") {
  const Case& c = cases()[4];  // renaming a heredoc's delimiter touches two lines
  FileReport r = makeReport(migrated(c.original, c.output), "Dockerfile");
  REQUIRE(r.suggestions.size() == 1);
  CHECK(r.suggestions[0].hunk.startLine == 2);
  CHECK(r.suggestions[0].hunk.lineCount == 3);
  CHECK(restage::syntax::readDockerfile(restage::suggest::applyHunks(c.original, {r.suggestions[0].hunk}), "x").ok());
}

TEST_CASE("makeReport: only migrated results get suggestions", "[suggest]") {
  for (Status s : {Status::Unchanged, Status::Refused, Status::Error}) {
    Result r = migrated("FROM a\n", "FROM b\n");
    r.status = s;
    CHECK(makeReport(r, "Dockerfile").suggestions.empty());
  }
  CHECK(makeReport(migrated("FROM a\n", "FROM a\n"), "Dockerfile").suggestions.empty());
}

TEST_CASE("every hand-built case: each suggestion alone parses, all rebuild the output", "[suggest]") {
  for (const auto& c : cases()) {
    INFO(c.name);
    FileReport r = reportsFor(c)[0];
    std::vector<restage::suggest::Hunk> hunks;
    for (const auto& s : r.suggestions) {
      hunks.push_back(s.hunk);
      CHECK(restage::syntax::readDockerfile(restage::suggest::applyHunks(c.original, {s.hunk}), c.path).ok());
    }
    CHECK(restage::suggest::applyHunks(c.original, hunks) == c.output);
  }
}

TEST_CASE("rdjson: linewise suggestions on the replaced lines", "[formats][rdjson]") {
  for (const auto& c : cases()) {
    INFO(c.name);
    auto reports = reportsFor(c);
    json doc = json::parse(restage::output::rdjson(reports));
    CHECK(doc["source"]["name"] == "restage");
    const auto& diags = doc.at("diagnostics");
    REQUIRE(diags.size() == reports[0].suggestions.size());
    std::vector<LineEdit> edits;
    for (std::size_t k = 0; k < diags.size(); ++k) {
      const auto& d = diags[k];
      const auto& hunk = reports[0].suggestions[k].hunk;
      CHECK(d["location"]["path"] == c.path);
      CHECK(d["severity"] == "WARNING");
      CHECK(d["code"]["value"] == "RS001");
      CHECK(d["location"]["range"]["start"]["line"] == hunk.startLine);
      CHECK(d["location"]["range"]["end"]["line"] == hunk.endLine());
      REQUIRE(d["suggestions"].size() == 1);
      const auto& s = d["suggestions"][0];
      CHECK_FALSE(s["range"]["start"].contains("column"));  // linewise: reviewdog makes a suggestion block
      CHECK_FALSE(s["range"]["end"].contains("column"));
      CHECK(s["range"] == d["location"]["range"]);  // reviewdog requires the same lines
      edits.push_back({s["range"]["start"]["line"], s["range"]["end"]["line"], s["text"]});
    }
    checkLinewise(c, edits);
  }
}

TEST_CASE("github-review: suggestion blocks on the exact lines", "[formats][github]") {
  std::regex block("```+suggestion\n([\\s\\S]*?)\n?```+$");
  for (const auto& c : cases()) {
    INFO(c.name);
    auto reports = reportsFor(c);
    json doc = json::parse(restage::output::githubReview(reports, std::string("0123456789abcdef0123456789abcdef01234567")));
    CHECK(doc["event"] == "COMMENT");
    CHECK(doc["commit_id"] == "0123456789abcdef0123456789abcdef01234567");
    CHECK_THAT(doc["body"].get<std::string>(), Catch::Contains(c.path));
    const auto& comments = doc.at("comments");
    REQUIRE(comments.size() == reports[0].suggestions.size());
    std::vector<LineEdit> edits;
    for (std::size_t k = 0; k < comments.size(); ++k) {
      const auto& cm = comments[k];
      const auto& hunk = reports[0].suggestions[k].hunk;
      CHECK(cm["path"] == c.path);
      CHECK(cm["side"] == "RIGHT");
      CHECK(cm["line"] == hunk.endLine());
      if (hunk.lineCount > 1) {
        CHECK(cm["start_line"] == hunk.startLine);
        CHECK(cm["start_side"] == "RIGHT");
        CHECK(cm["start_line"].get<std::size_t>() < cm["line"].get<std::size_t>());
      } else {
        CHECK_FALSE(cm.contains("start_line"));
      }
      std::string body = cm["body"];
      std::smatch m;
      REQUIRE(std::regex_search(body, m, block));
      std::string text = m[1];
      CHECK(text == std::string(restage::suggest::linewiseReplacement(hunk)));
      edits.push_back({hunk.startLine, hunk.endLine(), text});
    }
    checkLinewise(c, edits);
  }
}

TEST_CASE("github-review: fences outgrow backticks in the text", "[formats][github]") {
  CHECK(restage::output::suggestionBlock("RUN echo ```x```") == "````suggestion\nRUN echo ```x```\n````");
  CHECK(restage::output::suggestionBlock("FROM a") == "```suggestion\nFROM a\n```");
}

TEST_CASE("sarif: informationUri only when the build names a homepage", "[formats][sarif]") {
  auto reports = reportsFor(cases().front());
  json none = json::parse(restage::output::sarif(reports, "9.9.9"));
  CHECK_FALSE(none["runs"][0]["tool"]["driver"].contains("informationUri"));
  json named = json::parse(restage::output::sarif(reports, "9.9.9", "https://example.org/restage"));
  CHECK(named["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/restage");
}

TEST_CASE("sarif: results with fixes that rebuild the output exactly", "[formats][sarif]") {
  for (const auto& c : cases()) {
    INFO(c.name);
    auto reports = reportsFor(c);
    json doc = json::parse(restage::output::sarif(reports, "9.9.9"));
    CHECK(doc["version"] == "2.1.0");
    const auto& run = doc["runs"].at(0);
    CHECK(run["tool"]["driver"]["name"] == "restage");
    CHECK(run["tool"]["driver"]["version"] == "9.9.9");
    CHECK(run["tool"]["driver"]["rules"][0]["id"] == "RS001");
    CHECK(run["tool"]["driver"]["rules"][0]["name"] == "prefer-multi-stage-build");
    const auto& results = run.at("results");
    REQUIRE(results.size() == reports[0].suggestions.size());
    json replacements = json::array();
    for (std::size_t k = 0; k < results.size(); ++k) {
      const auto& res = results[k];
      CHECK(res["ruleId"] == "RS001");
      CHECK(res["ruleIndex"] == 0);
      CHECK(res["level"] == "warning");
      CHECK(res["properties"]["applicability"] == "unsafe");
      const auto& loc = res["locations"][0]["physicalLocation"];
      CHECK(loc["artifactLocation"]["uri"] == restage::output::artifactUri(c.path));
      CHECK(loc["region"]["startLine"] == reports[0].suggestions[k].hunk.startLine);
      const auto& change = res["fixes"].at(0)["artifactChanges"].at(0);
      CHECK(change["artifactLocation"] == loc["artifactLocation"]);
      for (const auto& r : change["replacements"]) replacements.push_back(r);
      // One fix alone is a valid Dockerfile too.
      CHECK(restage::syntax::readDockerfile(applySarifReplacements(c.original, change["replacements"]), "x").ok());
    }
    CHECK(applySarifReplacements(c.original, replacements) == c.output);
  }
}

TEST_CASE("sarif: artifact URIs are valid relative references", "[formats][sarif]") {
  using restage::output::artifactUri;
  CHECK(artifactUri("services/api/Dockerfile") == "services/api/Dockerfile");
  CHECK(artifactUri("a dir/Dockerfile") == "a%20dir/Dockerfile");
  CHECK(artifactUri("c:odd/Dockerfile") == "c%3Aodd/Dockerfile");
  CHECK(artifactUri("/abs/Dockerfile") == "file:///abs/Dockerfile");
}

TEST_CASE("diff: patch -p1 and git apply rebuild the output", "[formats][diff]") {
  for (const auto& c : cases()) {
    INFO(c.name);
    auto reports = reportsFor(c);
    std::string diff = restage::output::unifiedDiff(reports);
    REQUIRE_FALSE(diff.empty());
    for (const char* tool : {"patch", "git"}) {
      INFO(tool);
      TempDir dir;
      writeText(dir.path() / c.path, c.original);
      writeText(dir.path() / "changes.diff", diff);
      Run run = std::string(tool) == "patch"
                    ? runCommand({"patch", "-p1", "--batch", "-i", "changes.diff"}, dir.path())
                    : runCommand({"git", "apply", "changes.diff"}, dir.path());
      INFO(run.out << run.err);
      REQUIRE(run.status == 0);
      CHECK(restage::test::readText(dir.path() / c.path) == c.output);
    }
  }
}

TEST_CASE("diff: hunk headers and context", "[formats][diff]") {
  std::string d = restage::output::unifiedDiff("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nJ\n", "D");
  CHECK(d ==
        "--- a/D\n+++ b/D\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n");
  CHECK(restage::output::unifiedDiff("x", "y", "D") ==
        "--- a/D\n+++ b/D\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n");
  CHECK(restage::output::unifiedDiff("", "y\n", "D") == "--- a/D\n+++ b/D\n@@ -0,0 +1,1 @@\n+y\n");
  CHECK(restage::output::unifiedDiff("same\n", "same\n", "D").empty());
  // Names as git writes them: a tab after a name with a space, C quotes for odd characters.
  CHECK(restage::output::unifiedDiff("x\n", "y\n", "a b/D").starts_with("--- a/a b/D\t\n+++ b/a b/D\t\n"));
  CHECK(restage::output::unifiedDiff("x\n", "y\n", "q\"t/D").starts_with("--- \"a/q\\\"t/D\"\n+++ \"b/q\\\"t/D\"\n"));
}

TEST_CASE("json: every file with its verdict; suggestions rebuild the output", "[formats][json]") {
  std::vector<FileReport> reports;
  for (const auto& c : cases()) reports.push_back(makeReport(migrated(c.original, c.output), c.path));
  Result refused = migrated("FROM python:3\nCMD x\n", "FROM python:3\nCMD x\n");
  refused.status = Status::Refused;
  refused.code = "unsupported-language";
  refused.reason = "Python is not supported.";
  reports.push_back(makeReport(refused, "py/Dockerfile"));

  json doc = json::parse(restage::output::suggestJson(reports, "9.9.9"));
  CHECK(doc["restage_version"] == "9.9.9");
  CHECK(doc["schema_version"] == 1);
  CHECK(doc["tool"] == "restage");
  CHECK(doc["command"] == "suggest");
  CHECK(doc["rules"][0]["code"] == "RS001");
  CHECK(doc["rules"][0]["applicability"] == "unsafe");
  REQUIRE(doc["files"].size() == cases().size() + 1);
  CHECK(doc["summary"]["files"] == cases().size() + 1);
  CHECK(doc["summary"]["migrated"] == cases().size());
  const auto& py = doc["files"].back();
  CHECK(py["status"] == "refused");
  CHECK(py["code"] == "unsupported-language");
  CHECK(py["suggestions"].empty());
  for (std::size_t k = 0; k < cases().size(); ++k) {
    const auto& f = doc["files"][k];
    CHECK(f["path"] == cases()[k].path);
    CHECK(f["status"] == "migrated");
    std::string rebuilt, original = cases()[k].original;
    std::size_t at = 0;
    for (const auto& s : f["suggestions"]) {
      std::size_t offset = s["offset"], length = s["length"];
      CHECK(original.substr(offset, length) == s["replaced"].get<std::string>());
      CHECK(s["end_line"].get<std::size_t>() - s["start_line"].get<std::size_t>() + 1 ==
            s["line_count"].get<std::size_t>());
      rebuilt += original.substr(at, offset - at) + s["replacement"].get<std::string>();
      at = offset + length;
    }
    CHECK(rebuilt + original.substr(at) == cases()[k].output);
  }
}
