// Findings beyond migration: a '#' after an instruction's arguments
// (RS002 trailing-comment) and a final stage that cannot start its command
// (RS003 runtime-cannot-start), and how rdjson, SARIF and JSON carry them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "migrate/Migration.h"
#include "output/RdjsonFormat.h"
#include "output/SarifFormat.h"
#include "output/SuggestJsonFormat.h"
#include "suggest/Findings.h"
#include "suggest/Suggestion.h"

using nlohmann::json;
using namespace restage::suggest;

namespace {

std::vector<Finding> findingsOf(const std::string& text) {
  return restage::migrate::migrateSource(text, "Dockerfile", {}).findings;
}

// The seed's own bug: an existing multi-stage file, both findings.
const char* kSeed =
    "FROM node:20 AS builder\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "RUN npm ci && npm run build  # build it\n"
    "FROM scratch\n"
    "COPY --from=builder /app/build .  # Copy only the build artifacts\n"
    "CMD [\"npm\", \"start\"]\n";

}  // namespace

TEST_CASE("findings: a trailing '#' after the arguments of COPY, EXPOSE, WORKDIR, ENV", "[findings]") {
  auto f = findingsOf(kSeed);
  REQUIRE(f.size() == 2);
  CHECK(f[0].rule == &kTrailingComment);
  CHECK(f[0].line == 6);
  CHECK(f[0].column == 35);
  CHECK_THAT(f[0].message, Catch::Contains("COPY"));
  CHECK(f[1].rule == &kRuntimeCannotStart);
  CHECK(f[1].line == 5);
  CHECK_THAT(f[1].message, Catch::Contains("scratch"));

  for (const char* line : {"EXPOSE 8080 # http", "WORKDIR /app\t# the app", "USER node # not root",
                           "VOLUME /data # keep", "COPY a \\\n  b # c"}) {
    INFO(line);
    auto found = findingsOf(std::string("FROM alpine:3.20 AS base\n") + line + "\nFROM base\nCMD [\"true\"]\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == &kTrailingComment);
  }
}

TEST_CASE("findings: no trailing-comment where '#' is harmless", "[findings]") {
  for (const char* line : {"RUN make # build", "CMD node app.js # start", "ENTRYPOINT node app.js # x",
                           "LABEL note=\"a # b\"", "LABEL note='a # b'", "ENV URL=http://x/#frag",
                           "COPY a#b /c", "COPY a \\\n  # a comment line\n  /b",
                           "HEALTHCHECK CMD curl -f http://localhost/ # probe", "# COPY a b # c"}) {
    INFO(line);
    auto found = findingsOf(std::string("FROM alpine:3.20 AS base\n") + line + "\nFROM base\nCMD [\"true\"]\n");
    CHECK(found.empty());
  }
  // A file restage migrates or cannot parse has no runtime-cannot-start finding.
  CHECK(findingsOf("FROM\n").empty());
}

TEST_CASE("findings: rdjson, SARIF and JSON carry them with their rule codes", "[findings]") {
  std::vector<FileReport> reports;
  reports.push_back(makeReport(restage::migrate::migrateSource(kSeed, "Dockerfile", {}), "svc/Dockerfile"));
  REQUIRE(reports[0].findings.size() == 2);

  json rd = json::parse(restage::output::rdjson(reports));
  REQUIRE(rd["diagnostics"].size() == 2);
  CHECK(rd["diagnostics"][0]["code"]["value"] == "RS002");
  CHECK(rd["diagnostics"][0]["location"]["range"]["start"]["line"] == 6);
  CHECK(rd["diagnostics"][1]["code"]["value"] == "RS003");
  CHECK(rd["diagnostics"][1]["severity"] == "ERROR");

  json sarif = json::parse(restage::output::sarif(reports, "0.1.0"));
  const auto& run = sarif["runs"][0];
  std::vector<std::string> ids;
  for (const auto& r : run["tool"]["driver"]["rules"]) ids.push_back(r["id"]);
  CHECK(ids == std::vector<std::string>{"RS001", "RS002", "RS003", "RS004", "RS005"});
  REQUIRE(run["results"].size() == 2);
  CHECK(run["results"][0]["ruleId"] == "RS002");
  CHECK(run["results"][0]["ruleIndex"] == 1);
  CHECK(run["results"][0]["level"] == "error");
  CHECK(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 35);
  CHECK(run["results"][1]["ruleId"] == "RS003");
  CHECK(run["results"][1]["ruleIndex"] == 2);
  for (const auto& r : run["results"]) CHECK(r["partialFingerprints"].size() == 1);

  // The fingerprint follows the content, not the line number.
  std::vector<FileReport> moved;
  moved.push_back(makeReport(restage::migrate::migrateSource(std::string("# a new first line\n") + kSeed,
                                                             "Dockerfile", {}), "svc/Dockerfile"));
  json sarifMoved = json::parse(restage::output::sarif(moved, "0.1.0"));
  CHECK(sarifMoved["runs"][0]["results"][0]["partialFingerprints"] == run["results"][0]["partialFingerprints"]);
  CHECK(sarifMoved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);

  json j = json::parse(restage::output::suggestJson(reports, "0.1.0"));
  REQUIRE(j["files"][0]["findings"].size() == 2);
  CHECK(j["files"][0]["findings"][0]["name"] == "trailing-comment");
  CHECK(j["files"][0]["findings"][1]["rule"] == "RS003");
}
