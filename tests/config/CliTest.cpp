// .restage.yaml and '# restage: ignore' end to end, through the restage
// binary: a small monorepo in a git work tree, run with batch (text, JSON,
// --check), migrate and suggest, with --config and --no-config.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "config/ConfigTestSupport.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::config::test::TempTree;
using restage::test::runRestage;

namespace {

const fs::path kCases = RESTAGE_CONFIG_CASES;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The monorepo:
//   .restage.yaml            exclude legacy/
//   svc/api/                 Go service: would migrate
//   svc/node/                Node service, svc/node/.restage.yaml: languages [go]
//   legacy/                  Go service, excluded
//   ignored/                 Go service with '# restage: ignore reason=...'
//   seed/                    multi-stage, FROM scratch + CMD ["npm","start"] (RS003)
//   clean/                   multi-stage and fine, with an unused ignore
struct Monorepo {
  TempTree t;
  Monorepo() {
    if (std::system(("git init -q " + t.path().string()).c_str()) != 0) throw std::runtime_error("git init failed");
    t.write(".restage.yaml", "# the monorepo's settings\nexclude:\n  - legacy/\n");
    t.copy(kCases / "go-alpine/context", "svc/api");
    t.copy(kCases / "node-npm-build-start/context", "svc/node");
    t.write("svc/node/.restage.yaml", "languages: [go]\n");
    t.copy(kCases / "go-alpine/context", "legacy");
    t.copy(kCases / "go-alpine/context", "ignored");
    std::string ignored = restage::test::readText(t / "ignored/Dockerfile");
    t.write("ignored/Dockerfile", "# restage: ignore reason=the relay is replaced next quarter\n" + ignored);
    t.copy(kCases / "unchanged-seed-scratch-npm/context", "seed");
    t.copy(kCases / "unchanged-multi-stage/context", "clean");
    std::string clean = restage::test::readText(t / "clean/Dockerfile");
    t.write("clean/Dockerfile", clean + "# restage: ignore\n");
  }
  const fs::path& root() const { return t.path(); }
};

}  // namespace

TEST_CASE("config cli: batch text, JSON and --check on the monorepo", "[config-cli]") {
  Monorepo m;
  auto json = runRestage({"batch", ".", "--format", "json", "--quiet"}, m.root());
  INFO(json.err);
  REQUIRE(json.status == 0);
  auto report = json::parse(json.out);
  CHECK(restage::test::outcomesByPath(report) == std::map<std::string, std::string>{
                                   {"clean/Dockerfile", "unchanged already-multi-stage"},
                                   {"ignored/Dockerfile", "unchanged ignored"},
                                   {"legacy/Dockerfile", "skipped excluded"},
                                   {"seed/Dockerfile", "unchanged already-multi-stage"},
                                   {"svc/api/Dockerfile", "migrated migrated"},
                                   {"svc/node/Dockerfile", "unchanged language-not-selected"},
                               });
  for (const auto& f : report["files"]) {
    std::string path = f["path"];
    if (path == "legacy/Dockerfile") CHECK(f["reason"] == "excluded by 'legacy/' in .restage.yaml");
    if (path == "ignored/Dockerfile") {
      CHECK(f["reason"] ==
            "ignored by '# restage: ignore' on line 1: the relay is replaced next quarter (restage would report: "
            "migrated)");
      CHECK_FALSE(f.contains("findings"));
    }
    if (path == "svc/node/Dockerfile") {
      CHECK(f["reason"] == "the file's language is node, and 'languages' in svc/node/.restage.yaml lists only go");
    }
    if (path == "clean/Dockerfile") {
      REQUIRE(f["findings"].size() == 1);
      CHECK(f["findings"][0]["rule"] == "unused-ignore");
      CHECK(f["findings"][0]["code"] == "RS004");
      CHECK(f["findings"][0]["line"] == 9);
      CHECK(f["findings"][0]["column"] == 1);
    }
    if (path == "seed/Dockerfile") CHECK(f["findings"][0]["rule"] == "runtime-cannot-start");
  }
  CHECK(report["summary"]["skipped"] == 1);
  CHECK(report["summary"]["scanned"] == 5);  // the excluded file is never read

  auto text = runRestage({"batch", "."}, m.root());
  CHECK(text.status == 0);
  CHECK(has(text.out, "svc/api/Dockerfile: would migrate"));
  CHECK(has(text.out, "clean/Dockerfile:9:1: finding [unused-ignore]: unused '# restage: ignore'"));
  CHECK_FALSE(has(text.out, "legacy"));   // excluded files are quiet unless -v
  CHECK_FALSE(has(text.out, "ignored/"));  // so are unchanged ones
  auto verbose = runRestage({"batch", ".", "-v"}, m.root());
  CHECK(has(verbose.out, "legacy/Dockerfile: skipped [excluded]: excluded by 'legacy/' in .restage.yaml\n"));
  CHECK(has(verbose.out, "ignored/Dockerfile: unchanged [ignored]: ignored by '# restage: ignore' on line 1: "
                         "the relay is replaced next quarter"));

  // --check fails: svc/api would migrate, seed and clean have findings.
  CHECK(runRestage({"batch", ".", "--check", "--quiet"}, m.root()).status == 1);
  // Only the excluded and ignored files, and the language-filtered one: quiet.
  CHECK(runRestage({"batch", "legacy", "ignored", "svc/node", "--check", "--quiet"}, m.root()).status == 0);
  // Without the configuration the excluded file would migrate, the Node one too.
  auto noConfig = runRestage({"batch", "legacy", "svc/node", "--check", "--quiet", "--no-config"}, m.root());
  CHECK(noConfig.status == 1);
  CHECK(has(noConfig.out, "legacy/Dockerfile: would migrate"));
  CHECK(has(noConfig.out, "svc/node/Dockerfile: would migrate"));
}

TEST_CASE("config cli: --write leaves excluded and ignored files byte for byte; named files are excluded too",
          "[config-cli]") {
  Monorepo m;
  std::string legacy = restage::test::readText(m.t / "legacy/Dockerfile");
  std::string ignored = restage::test::readText(m.t / "ignored/Dockerfile");
  std::string api = restage::test::readText(m.t / "svc/api/Dockerfile");
  auto named = runRestage({"batch", "legacy/Dockerfile", "--format", "json", "--quiet"}, m.root());
  REQUIRE(named.status == 0);
  CHECK(json::parse(named.out)["files"][0]["code"] == "excluded");
  auto write = runRestage({"batch", ".", "--write", "--quiet"}, m.root());
  INFO(write.out << write.err);
  CHECK(write.status == 0);
  CHECK(restage::test::readText(m.t / "legacy/Dockerfile") == legacy);
  CHECK(restage::test::readText(m.t / "ignored/Dockerfile") == ignored);
  CHECK(restage::test::readText(m.t / "svc/api/Dockerfile") != api);
}

TEST_CASE("config cli: fail-on decides what fails --check, per file's configuration", "[config-cli]") {
  Monorepo m;
  // Nearest wins: svc/node's own file has the default fail-on.
  m.t.write(".restage.yaml", "exclude: [legacy/]\nfail-on: [runtime-cannot-start]\n");
  CHECK(runRestage({"batch", "svc/api", "clean", "--check", "--quiet"}, m.root()).status == 0);
  CHECK(runRestage({"batch", "seed", "--check", "--quiet"}, m.root()).status == 1);
  m.t.write(".restage.yaml", "fail-on: []\n");
  CHECK(runRestage({"batch", ".", "--check", "--quiet"}, m.root()).status == 0);
  m.t.write(".restage.yaml", "fail-on: [unused-ignore]\n");
  CHECK(runRestage({"batch", "svc/api", "seed", "--check", "--quiet"}, m.root()).status == 0);
  CHECK(runRestage({"batch", "clean", "--check", "--quiet"}, m.root()).status == 1);
  m.t.write(".restage.yaml", "fail-on: [refused]\n");
  m.t.write("py/Dockerfile", "FROM python:3.12\nCMD [\"python\", \"app.py\"]\n");
  CHECK(runRestage({"batch", "py", "--check", "--quiet"}, m.root()).status == 1);
  CHECK(runRestage({"batch", "py", "--check", "--quiet", "--no-config"}, m.root()).status == 0);
}

TEST_CASE("config cli: --config FILE for every file, and bad files stop the run with exit 2", "[config-cli]") {
  Monorepo m;
  m.t.write("ci/strict.yaml", "exclude: ['**']\n");
  // Globs are relative to ci/, so '**' covers nothing outside it...
  auto outside = runRestage({"batch", "svc/api", "--check", "--quiet", "--config", "ci/strict.yaml"}, m.root());
  CHECK(outside.status == 1);
  m.t.write("ci/strict.yaml", "exclude: ['../svc/']\n");
  auto bad = runRestage({"batch", ".", "--quiet", "--config", "ci/strict.yaml"}, m.root());
  CHECK(bad.status == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err ==
        "ci/strict.yaml:1:11: error: '../svc/' has a '..' segment; globs are relative to the configuration file's "
        "folder\n");
  // ...and every file takes it, not its nearest .restage.yaml.
  m.t.write("ci/strict.yaml", "languages: [cpp]\n");
  auto fixed = runRestage({"batch", "svc", "legacy", "--format", "json", "--quiet", "--config", "ci/strict.yaml"},
                          m.root());
  REQUIRE(fixed.status == 0);
  for (const auto& f : json::parse(fixed.out)["files"]) CHECK(f["code"] == "language-not-selected");
  CHECK(runRestage({"batch", ".", "--config", "ci/strict.yaml", "--no-config"}, m.root()).status == 2);
  CHECK(runRestage({"batch", ".", "--config", "ci/missing.yaml"}, m.root()).status == 2);

  // A bad nested file: the whole batch stops before any output, exit 2.
  m.t.write("svc/api/.restage.yaml", "min-saving: lots\n");
  auto nested = runRestage({"batch", ".", "--format", "json", "--quiet"}, m.root());
  CHECK(nested.status == 2);
  CHECK(nested.out.empty());
  CHECK(nested.err ==
        "svc/api/.restage.yaml:1:13: error: min-saving: 'lots' is not a size (for example 50MB, 200 MiB, 1.5GB, "
        "1000000)\n");
  CHECK(runRestage({"suggest", "--format", "json", "svc/api/Dockerfile"}, m.root()).status == 2);
  CHECK(runRestage({"migrate", "svc/api/Dockerfile"}, m.root()).status == 2);
  CHECK(runRestage({"migrate", "svc/api/Dockerfile", "--no-config"}, m.root()).status == 0);
}

TEST_CASE("config cli: migrate takes the configuration found upward and the ignore", "[config-cli]") {
  Monorepo m;
  auto ignored = runRestage({"migrate", "ignored/Dockerfile"}, m.root());
  CHECK(ignored.status == 1);
  CHECK(has(ignored.err, "ignored/Dockerfile: unchanged [ignored]: ignored by '# restage: ignore' on line 1: the "
                         "relay is replaced next quarter (restage would report: migrated)\n"));
  CHECK(runRestage({"migrate", "--check", "ignored/Dockerfile"}, m.root()).status == 0);

  auto node = runRestage({"migrate", "svc/node/Dockerfile", "--format", "json"}, m.root());
  CHECK(node.status == 1);
  CHECK(json::parse(node.out)["code"] == "language-not-selected");
  CHECK(runRestage({"migrate", "svc/node/Dockerfile", "--lang", "node"}, m.root()).status == 0);  // --lang wins

  auto excluded = runRestage({"migrate", "legacy/Dockerfile", "--format", "json"}, m.root());
  CHECK(excluded.status == 1);
  CHECK(json::parse(excluded.out)["code"] == "excluded");
  auto excludedText = runRestage({"migrate", "legacy/Dockerfile"}, m.root());
  CHECK(excludedText.status == 1);
  CHECK(excludedText.out == restage::test::readText(m.t / "legacy/Dockerfile"));  // printed as it is
  CHECK(has(excludedText.err, "legacy/Dockerfile: unchanged [excluded]: excluded by 'legacy/' in .restage.yaml\n"));
  CHECK(runRestage({"migrate", "legacy/Dockerfile", "--no-config"}, m.root()).status == 0);

  auto unused = runRestage({"migrate", "clean/Dockerfile", "--format", "json"}, m.root());
  auto notes = json::parse(unused.out)["ignore_comments"];
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["use"] == "unused");
  CHECK(notes[0]["line"] == 9);
  auto unusedText = runRestage({"migrate", "clean/Dockerfile"}, m.root());
  // The same finding line as batch prints, and the same finding in the JSON.
  CHECK(has(unusedText.err, "clean/Dockerfile:9:1: finding [unused-ignore]: unused '# restage: ignore'"));
  auto unusedFindings = json::parse(unused.out)["findings"];
  REQUIRE(unusedFindings.size() == 1);
  CHECK(unusedFindings[0]["code"] == "RS004");
  CHECK(unusedFindings[0]["line"] == 9);

  // Standard input: the configuration is looked for from the current folder.
  m.t.write("svc/api/.restage.yaml", "min-saving: 1GB\n");
  auto viaFile = runRestage({"migrate", "Dockerfile", "--format", "json"}, m.root() / "svc/api");
  CHECK(json::parse(viaFile.out)["code"] == "below-min-saving");
  CHECK(json::parse(viaFile.out)["reason"] ==
        "the estimated saving, 98 MB (97900000 bytes), is below 'min-saving: 1GB' (1000000000 bytes) in "
        ".restage.yaml");
}

TEST_CASE("config cli: suggest skips what the configuration and the ignore leave alone", "[config-cli]") {
  Monorepo m;
  auto r = runRestage({"suggest", "--format", "json", "svc/api/Dockerfile", "legacy/Dockerfile",
                       "ignored/Dockerfile", "clean/Dockerfile"},
                      m.root());
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto doc = json::parse(r.out);
  std::map<std::string, json> byPath;
  for (const auto& f : doc["files"]) byPath[f["path"]] = f;
  CHECK(byPath["svc/api/Dockerfile"]["suggestions"].size() > 0);
  CHECK(byPath["legacy/Dockerfile"]["code"] == "excluded");
  CHECK(byPath["legacy/Dockerfile"]["suggestions"].empty());
  CHECK(byPath["ignored/Dockerfile"]["code"] == "ignored");
  CHECK(byPath["ignored/Dockerfile"]["suggestions"].empty());
  REQUIRE(byPath["clean/Dockerfile"]["findings"].size() == 1);
  CHECK(byPath["clean/Dockerfile"]["findings"][0]["rule"] == "RS004");

  auto sarif = json::parse(runRestage({"suggest", "--format", "sarif", "clean/Dockerfile"}, m.root()).out);
  REQUIRE(sarif["runs"][0]["results"].size() == 1);
  CHECK(sarif["runs"][0]["results"][0]["ruleId"] == "RS004");
  auto all = runRestage({"suggest", "--format", "json", "legacy/Dockerfile", "--no-config"}, m.root());
  CHECK(json::parse(all.out)["files"][0]["suggestions"].size() > 0);
}
