// Every realworld node/go/cpp Dockerfile through migrate and suggest: the
// suggestions rebuild migrate's output byte for byte, each one alone leaves a
// Dockerfile that parses, and every format validates (reviewdog's and the
// SARIF schema, the SARIF Multitool, GitHub's review fields, patch/git apply).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>
#include <regex>

#include "SuggestTestSupport.h"
#include "suggest/Hunk.h"
#include "migrate/RuntimeCheck.h"
#include "output/GithubReviewFormat.h"
#include "output/RdjsonFormat.h"
#include "output/SarifFormat.h"
#include "output/SuggestJsonFormat.h"
#include "output/UnifiedDiff.h"
#include "suggest/LineDiff.h"
#include "suggest/Suggestion.h"
#include "support/TestSupport.h"
#include "syntax/DockerfileReader.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::migrate::Status;
using restage::suggest::FileReport;
using namespace restage::suggest::test;

namespace {

const std::vector<FileReport>& corpusReports() {
  static const std::vector<FileReport> reports = [] {
    std::vector<FileReport> all;
    for (const auto& f : corpusMigrations()) all.push_back(restage::suggest::makeReport(f.result, f.path));
    return all;
  }();
  return reports;
}

std::size_t migratedCount() {
  std::size_t n = 0;
  for (const auto& r : corpusReports()) n += r.result.status == Status::Migrated;
  return n;
}

std::map<std::string, const FileReport*> byPath() {
  std::map<std::string, const FileReport*> m;
  for (const auto& r : corpusReports()) m[r.path] = &r;
  return m;
}

// A file's expected text after linewise suggestions (which cannot change
// whether the file ends in a newline).
std::string linewiseExpected(const FileReport& r) {
  const std::string& in = r.result.original;
  const std::string& out = r.result.output;
  if (in.ends_with('\n') == out.ends_with('\n') || out.empty()) return out;
  return out.ends_with('\n') ? out.substr(0, out.size() - 1) : out + "\n";
}

Run validate(const std::string& schema, const fs::path& doc) {
  return runCommand({"python3", (testSourceDir() / "validate_json.py").string(), schema, doc.string()});
}

}  // namespace

TEST_CASE("corpus: migrate rewrites some of the corpus", "[corpus]") {
  REQUIRE(corpusMigrations().size() > 0);
  // Fails while migrate rewrites nothing: the tests below would then check nothing.
  REQUIRE(migratedCount() > 0);
}

TEST_CASE("corpus: suggestions rebuild migrate's output; each alone parses", "[corpus]") {
  std::size_t checked = 0;
  for (const auto& r : corpusReports()) {
    if (r.result.status != Status::Migrated) {
      CHECK(r.suggestions.empty());
      continue;
    }
    INFO(r.path);
    ++checked;
    REQUIRE_FALSE(r.suggestions.empty());
    std::vector<restage::suggest::Hunk> hunks;
    for (const auto& s : r.suggestions) {
      INFO("suggestion " << s.part << " of " << s.parts << " at line " << s.hunk.startLine);
      hunks.push_back(s.hunk);
      CHECK(s.hunk.lineCount >= 1);
      CHECK_FALSE(restage::suggest::linewiseReplacement(s.hunk).empty());
      std::string alone = restage::suggest::applyHunks(r.result.original, {s.hunk});
      auto doc = restage::syntax::readDockerfile(alone, r.path);
      CHECK(doc.ok());
    }
    CHECK(restage::suggest::applyHunks(r.result.original, hunks) == r.result.output);
  }
  CHECK(checked == migratedCount());
  REQUIRE(checked > 0);
}

TEST_CASE("corpus: every part applied alone re-parses and passes the stage checks", "[corpus]") {
  std::size_t parts = 0, multiPart = 0;
  for (const auto& r : corpusReports()) {
    if (r.suggestions.size() > 1) ++multiPart;
    for (const auto& s : r.suggestions) {
      INFO(r.path << " part " << s.part << " of " << s.parts);
      ++parts;
      std::string alone = restage::suggest::applyHunks(r.result.original, {s.hunk});
      auto doc = restage::syntax::readDockerfile(alone, r.path);
      REQUIRE(doc.ok());
      CHECK(restage::migrate::checkStageReferences(doc).empty());
      // The long message once per file: later parts are short.
      if (s.part > 1) CHECK(s.message.size() < 200);
    }
  }
  CHECK(parts > 0);
  INFO("files with several parts: " << multiPart);
  CHECK(multiPart > 0);
}

TEST_CASE("corpus: rdjson validates against reviewdog's schema and rebuilds the output", "[corpus][rdjson]") {
  REQUIRE(migratedCount() > 0);
  TempDir dir;
  std::string text = restage::output::rdjson(corpusReports());
  writeText(dir.path() / "out.rdjson", text);
  Run v = validate((schemasDir() / "reviewdog" / "DiagnosticResult.json").string(), dir.path() / "out.rdjson");
  INFO(v.out << v.err);
  CHECK(v.status == 0);

  json doc = json::parse(text);
  std::map<std::string, std::vector<LineEdit>> edits;
  for (const auto& d : doc["diagnostics"]) {
    if (d["code"]["value"] != "RS001") continue;  // a finding (RS002, RS003), with or without a fix
    const auto& s = d["suggestions"].at(0);
    edits[d["location"]["path"]].push_back({s["range"]["start"]["line"], s["range"]["end"]["line"], s["text"]});
  }
  auto reports = byPath();
  std::size_t files = 0;
  for (const auto& r : corpusReports()) {
    if (r.suggestions.empty()) continue;
    INFO(r.path);
    ++files;
    CHECK(applyLinewise(r.result.original, edits[r.path]) == linewiseExpected(r));
  }
  CHECK(files == migratedCount());
}

TEST_CASE("corpus: github-review has GitHub's fields and its blocks rebuild the output", "[corpus][github]") {
  REQUIRE(migratedCount() > 0);
  TempDir dir;
  std::string text = restage::output::githubReview(corpusReports(), std::nullopt);
  writeText(dir.path() / "review.json", text);
  Run v = validate((testSourceDir() / "github-review.schema.json").string(), dir.path() / "review.json");
  INFO(v.out << v.err);
  CHECK(v.status == 0);

  json doc = json::parse(text);
  std::regex block("(`{3,})suggestion\n([\\s\\S]*?)\n?\\1$");
  std::map<std::string, std::vector<LineEdit>> edits;
  for (const auto& c : doc["comments"]) {
    std::string body = c["body"];
    if (!body.starts_with("**RS001 ")) continue;  // a finding's fix
    std::smatch m;
    REQUIRE(std::regex_search(body, m, block));
    std::size_t line = c["line"];
    std::size_t start = c.value("start_line", line);
    CHECK(start <= line);
    if (c.contains("start_line")) CHECK(start < line);  // GitHub: start_line must precede line
    edits[c["path"]].push_back({start, line, m[2]});
  }
  for (const auto& r : corpusReports()) {
    if (r.suggestions.empty()) continue;
    INFO(r.path);
    const auto& e = edits[r.path];
    CHECK(e.size() == r.suggestions.size());
    // Every commented line exists in the pull request's version of the file.
    std::size_t lines = restage::suggest::splitLines(r.result.original).size();
    for (const auto& edit : e) CHECK(edit.endLine <= lines);
    CHECK(applyLinewise(r.result.original, e) == linewiseExpected(r));
  }
}

TEST_CASE("corpus: SARIF validates against the 2.1.0 schema and its fixes rebuild the output", "[corpus][sarif]") {
  REQUIRE(migratedCount() > 0);
  TempDir dir;
  std::string text = restage::output::sarif(corpusReports(), "0.1.0");
  writeText(dir.path() / "out.sarif", text);
  Run v = validate((schemasDir() / "sarif" / "sarif-schema-2.1.0.json").string(), dir.path() / "out.sarif");
  INFO(v.out << v.err);
  CHECK(v.status == 0);

  json doc = json::parse(text);
  std::map<std::string, json> replacements;
  for (const auto& res : doc["runs"][0]["results"]) {
    CHECK(res.contains("partialFingerprints"));
    if (res["ruleId"] != "RS001") continue;  // a finding (RS002, RS003), with or without a fix
    const auto& change = res["fixes"][0]["artifactChanges"][0];
    std::string uri = change["artifactLocation"]["uri"];
    if (!replacements.count(uri)) replacements[uri] = json::array();
    for (const auto& r : change["replacements"]) replacements[uri].push_back(r);
  }
  for (const auto& r : corpusReports()) {
    if (r.suggestions.empty()) continue;
    INFO(r.path);
    CHECK(applySarifReplacements(r.result.original, replacements[restage::output::artifactUri(r.path)]) ==
          r.result.output);
  }
}

namespace {

struct MultitoolReport {
  std::size_t errors = 0;
  std::string details;
};

// Runs `sarif-multitool validate` on a log and counts the errors in its own
// SARIF report (its exit status is 0 even when it finds errors).
MultitoolReport multitoolValidate(const std::string& sarifText) {
  // Installed by the suggest.multitool-install ctest fixture (or named by
  // $RESTAGE_SARIF_MULTITOOL): without it this fails, never skips.
  const char* env = std::getenv("RESTAGE_SARIF_MULTITOOL");
  std::string tool = env ? env : RESTAGE_SARIF_MULTITOOL;
  INFO("SARIF Multitool: " << tool << " (ctest -R suggest.multitool-install installs it)");
  REQUIRE(fs::exists(tool));
  TempDir dir;
  writeText(dir.path() / "out.sarif", sarifText);
  Run run = runCommand({tool, "validate", "--output", (dir.path() / "validation.sarif").string(),
                        (dir.path() / "out.sarif").string()});
  INFO(run.out << run.err);
  REQUIRE(run.status == 0);
  REQUIRE(fs::exists(dir.path() / "validation.sarif"));
  json log = json::parse(restage::test::readText(dir.path() / "validation.sarif"));
  MultitoolReport report;
  for (const auto& runLog : log.at("runs")) {
    for (const auto& res : runLog.value("results", json::array())) {
      // In the Multitool's log a result without a level is a warning.
      if (res.value("level", "warning") == "error") {
        ++report.errors;
        report.details += res.value("ruleId", "?") + ": " + res["message"].dump() + "\n";
      }
    }
    for (const auto& inv : runLog.value("invocations", json::array())) {
      if (!inv.value("executionSuccessful", true)) {
        ++report.errors;
        report.details += "the validation did not complete\n";
      }
      for (const auto& note : inv.value("toolExecutionNotifications", json::array())) {
        if (note.value("level", "warning") == "error") {
          ++report.errors;
          report.details += "tool: " + note["message"].dump() + "\n";
        }
      }
    }
  }
  return report;
}

}  // namespace

TEST_CASE("corpus: the SARIF Multitool finds no errors", "[corpus][multitool]") {
  REQUIRE(migratedCount() > 0);
  MultitoolReport report = multitoolValidate(restage::output::sarif(corpusReports(), "0.1.0"));
  INFO(report.details);
  CHECK(report.errors == 0);
}

// The seed's example in a context with package.json: both findings carry a fix.
std::vector<FileReport> seedReports(const TempDir& dir) {
  writeText(dir.path() / "package.json", R"({"scripts": {"start": "node build/server.js"}})");
  writeText(dir.path() / "Dockerfile",
            "FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nFROM scratch\n"
            "COPY --from=builder /app/build .  # Copy only the build artifacts\nCMD [\"npm\", \"start\"]\n");
  std::vector<FileReport> reports;
  reports.push_back(restage::suggest::makeReport(restage::migrate::migrateFile(dir.path() / "Dockerfile", {}), "svc/Dockerfile"));
  REQUIRE(reports[0].findings.size() == 2);
  for (const auto& f : reports[0].findings) REQUIRE(f.fix);
  return reports;
}

TEST_CASE("fixes: findings with fixes validate in rdjson, SARIF and github-review", "[fixes]") {
  TempDir dir;
  auto reports = seedReports(dir);
  writeText(dir.path() / "out.rdjson", restage::output::rdjson(reports));
  writeText(dir.path() / "out.sarif", restage::output::sarif(reports, "0.1.0"));
  writeText(dir.path() / "review.json", restage::output::githubReview(reports, std::nullopt));
  for (auto [schema, file] : {std::pair{schemasDir() / "reviewdog" / "DiagnosticResult.json", "out.rdjson"},
                              std::pair{schemasDir() / "sarif" / "sarif-schema-2.1.0.json", "out.sarif"},
                              std::pair{testSourceDir() / "github-review.schema.json", "review.json"}}) {
    Run v = validate(schema.string(), dir.path() / file);
    INFO(file << ": " << v.out << v.err);
    CHECK(v.status == 0);
  }
}

TEST_CASE("fixes: the SARIF Multitool finds no errors in findings with fixes", "[multitool]") {
  TempDir dir;
  MultitoolReport report = multitoolValidate(restage::output::sarif(seedReports(dir), "0.1.0"));
  INFO(report.details);
  CHECK(report.errors == 0);
}

TEST_CASE("the SARIF Multitool check catches errors", "[multitool]") {
  // A relative helpUri (SARIF1005) and a region ending before it starts
  // (SARIF1007): the check above would see these.
  std::string bad = R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "version": "1",
    "rules": [{"id": "A1", "helpUri": "relative/x"}]}}, "results": [{"ruleId": "A1", "message": {"text": "m."},
    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "Dockerfile"},
    "region": {"startLine": 3, "endLine": 2}}}]}]}]})";
  CHECK(multitoolValidate(bad).errors >= 2);
}

TEST_CASE("corpus: the unified diff applies with patch -p1 and git apply", "[corpus][diff]") {
  REQUIRE(migratedCount() > 0);
  std::string diff = restage::output::unifiedDiff(corpusReports());
  for (const char* tool : {"patch", "git"}) {
    INFO(tool);
    TempDir dir;
    for (const auto& r : corpusReports()) writeText(dir.path() / r.path, r.result.original);
    writeText(dir.path() / "changes.diff", diff);
    Run run = std::string(tool) == "patch" ? runCommand({"patch", "-p1", "--batch", "-i", "changes.diff"}, dir.path())
                                           : runCommand({"git", "apply", "changes.diff"}, dir.path());
    INFO(run.out << run.err);
    REQUIRE(run.status == 0);
    for (const auto& r : corpusReports()) {
      INFO(r.path);
      CHECK(restage::test::readText(dir.path() / r.path) == r.result.output);
    }
  }
}

TEST_CASE("corpus: json lists every file and its suggestions rebuild the output", "[corpus][json]") {
  REQUIRE(migratedCount() > 0);
  json doc = json::parse(restage::output::suggestJson(corpusReports(), "0.1.0"));
  REQUIRE(doc["files"].size() == corpusReports().size());
  CHECK(doc["summary"]["migrated"] == migratedCount());
  for (std::size_t k = 0; k < corpusReports().size(); ++k) {
    const auto& r = corpusReports()[k];
    const auto& f = doc["files"][k];
    INFO(r.path);
    CHECK(f["path"] == r.path);
    CHECK(f["status"] == std::string(restage::migrate::statusName(r.result.status)));
    std::string rebuilt;
    std::size_t at = 0;
    for (const auto& s : f["suggestions"]) {
      std::size_t offset = s["offset"], length = s["length"];
      rebuilt += r.result.original.substr(at, offset - at) + s["replacement"].get<std::string>();
      at = offset + length;
    }
    CHECK(rebuilt + r.result.original.substr(at) == r.result.output);
  }
}
