// The per-file JSON report, the summary's counts and the exit status.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "batch/Discovery.h"
#include "batch/JsonReport.h"
#include "batch/Summary.h"
#include "batch/TextReport.h"
#include "output/JsonHeader.h"

using namespace restage::batch;
using nlohmann::json;
using restage::migrate::Result;
using restage::migrate::Status;

namespace {

std::vector<FileOutcome> sampleOutcomes() {
  Result migrated;
  migrated.status = Status::Migrated;
  migrated.language = "node";
  migrated.builderBase = "node:20";
  migrated.runtimeBase = "gcr.io/distroless/nodejs20-debian12";
  migrated.estimatedSavingBytes = 912'000'000;
  Result bad;
  bad.status = Status::Error;
  bad.code = "syntax-error";
  bad.reason = "unknown instruction: FORM";
  bad.error = restage::ast::Diagnostic{"unknown instruction: FORM", {10, 14}, {3, 1}, 3};
  Result refused;
  refused.status = Status::Refused;
  refused.code = "unsupported-language";
  refused.reason = "restage could not tell the language";
  refused.language = "other";
  refused.builderBase = "python:3.12";
  Result multi;
  multi.status = Status::Unchanged;
  multi.code = "already-multi-stage";
  std::vector<FileOutcome> out = {
      FileOutcome::from(migrated, "svc/api/Dockerfile"),
      FileOutcome::from(bad, "svc/bad/Dockerfile"),
      FileOutcome::from(refused, "svc/py/Dockerfile"),
      FileOutcome::from(multi, "svc/multi/Dockerfile"),
      FileOutcome::from(SkippedPath{"svc/out/Dockerfile", "svc/out/Dockerfile", "symlink-outside-root",
                                    "symlink to /etc/x, outside svc", false}),
  };
  out[0].written = true;
  out[0].backup = "svc/api/Dockerfile.restage-bak";
  return out;
}

}  // namespace

TEST_CASE("The JSON report has every field for every file", "[report]") {
  auto outcomes = sampleOutcomes();
  Summary summary;
  std::ostringstream out;
  JsonReport report(out, "write", "2/4");
  for (const auto& o : outcomes) {
    summary.add(o);
    report.add(o);
  }
  report.finish(summary);
  json doc = json::parse(out.str());

  CHECK(doc["restage_version"] == restage::output::restageVersion());
  CHECK(doc["schema_version"] == restage::output::kBatchSchemaVersion);
  CHECK(doc["tool"] == "restage");
  CHECK(doc["command"] == "batch");
  CHECK(doc["mode"] == "write");
  CHECK(doc["shard"] == "2/4");
  REQUIRE(doc["files"].size() == 5);
  for (const auto& f : doc["files"]) {
    for (const char* key : {"path", "status", "code", "reason", "language", "builder_base", "runtime_base",
                            "estimated_saving_bytes", "written", "explanation", "problems"}) {
      INFO(f.dump() << " lacks " << key);
      CHECK(f.contains(key));
    }
  }
  const json& m = doc["files"][0];
  CHECK(m["path"] == "svc/api/Dockerfile");
  CHECK(m["status"] == "migrated");
  CHECK(m["language"] == "node");
  CHECK(m["builder_base"] == "node:20");
  CHECK(m["runtime_base"] == "gcr.io/distroless/nodejs20-debian12");
  CHECK(m["estimated_saving_bytes"] == 912'000'000);
  CHECK(m["written"] == true);
  CHECK(m["backup"] == "svc/api/Dockerfile.restage-bak");
  CHECK_FALSE(m.contains("error"));

  const json& e = doc["files"][1];
  CHECK(e["status"] == "error");
  CHECK(e["code"] == "syntax-error");
  CHECK(e["error"]["message"] == "unknown instruction: FORM");
  CHECK(e["error"]["line"] == 3);
  CHECK(e["error"]["column"] == 1);
  CHECK(e["estimated_saving_bytes"] == 0);

  CHECK(doc["files"][2]["status"] == "refused");
  CHECK(doc["files"][2]["code"] == "unsupported-language");
  CHECK(doc["files"][2]["reason"] == "restage could not tell the language");
  CHECK(doc["files"][2]["builder_base"] == "python:3.12");
  CHECK(doc["files"][3]["status"] == "unchanged");
  CHECK(doc["files"][3]["code"] == "already-multi-stage");
  CHECK(doc["files"][4]["status"] == "skipped");
  CHECK(doc["files"][4]["code"] == "symlink-outside-root");

  const json& s = doc["summary"];
  CHECK(s["scanned"] == 4);
  CHECK(s["migrated"] == 1);
  CHECK(s["written"] == 1);
  CHECK(s["already_multi_stage"] == 1);
  CHECK(s["unchanged"] == 0);
  CHECK(s["refused"] == 1);
  CHECK(s["refused_by_reason"] == json{{"unsupported-language", 1}});
  CHECK(s["errors"] == 1);
  CHECK(s["errors_by_reason"] == json{{"syntax-error", 1}});
  CHECK(s["skipped"] == 1);
  CHECK(s["estimated_saving_bytes"] == 912'000'000);
}

TEST_CASE("The report is valid JSON for an empty batch and for bytes that are not UTF-8", "[report]") {
  std::ostringstream empty;
  JsonReport(empty, "dry-run", "1/1").finish(Summary{});
  CHECK(json::parse(empty.str())["files"].empty());

  std::ostringstream out;
  JsonReport report(out, "dry-run", "1/1");
  FileOutcome o;
  o.path = "svc/caf\xe9/Dockerfile";
  o.reason = "bad byte \xff";
  report.add(o);
  report.finish(Summary{});
  CHECK(json::parse(out.str())["files"].size() == 1);
}

TEST_CASE("Exit status: errors 2, --check with changes 1, else 0; refusals are not errors", "[report]") {
  auto outcomes = sampleOutcomes();
  Summary onlyRefused;
  onlyRefused.add(outcomes[2]);
  onlyRefused.add(outcomes[3]);
  onlyRefused.add(outcomes[4]);
  CHECK(onlyRefused.exitStatus(false) == 0);
  CHECK(onlyRefused.exitStatus(true) == 0);

  Summary withChange = onlyRefused;
  withChange.add(outcomes[0]);
  CHECK(withChange.exitStatus(false) == 0);
  CHECK(withChange.exitStatus(true) == 1);

  Summary withError = withChange;
  withError.add(outcomes[1]);
  CHECK(withError.exitStatus(false) == 2);
  CHECK(withError.exitStatus(true) == 2);
}

TEST_CASE("Sizes read as registries show them", "[report]") {
  CHECK(TextReport::formatBytes(0) == "0 B");
  CHECK(TextReport::formatBytes(999) == "999 B");
  CHECK(TextReport::formatBytes(1500) == "1.5 kB");
  CHECK(TextReport::formatBytes(912'000'000) == "912 MB");
  CHECK(TextReport::formatBytes(12'300'000'000LL) == "12 GB");
  CHECK(TextReport::formatBytes(-2'000'000) == "-2.0 MB");
}
