// BuildKit conformance: restage's reader against BuildKit's own parser test
// cases and the reference expectations of the shared corpora.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "output/BuildKitDump.h"
#include "support/TestSupport.h"
#include "syntax/DockerfileReader.h"

namespace fs = std::filesystem;
using restage::syntax::readDockerfile;
using namespace restage::test;

namespace {

restage::ast::Document readFile(const fs::path& p) { return readDockerfile(readText(p), p.string()); }

// Compares restage's buildkit-json record with an expected one on every
// field but `file` and the wording of `error`.
void checkAgainstExpectation(const fs::path& file, const nlohmann::json& expected) {
  auto doc = readFile(file);
  auto got = nlohmann::json::parse(restage::output::buildkitJson(doc, file.string()));
  INFO(file.string());
  CHECK(got["ok"] == expected["ok"]);
  CHECK(got["escape"] == expected["escape"]);
  CHECK(got["warnings"] == expected["warnings"]);
  REQUIRE(got["instructions"].size() == expected["instructions"].size());
  for (std::size_t i = 0; i < got["instructions"].size(); ++i) {
    INFO("instruction " << i);
    CHECK(got["instructions"][i] == expected["instructions"][i]);
  }
  if (!expected.value("ok", true)) CHECK(got.contains("error"));
}

}  // namespace

TEST_CASE("BuildKit testfiles: Dump output matches byte for byte", "[conformance]") {
  fs::path dir = corpusDir() / "buildkit-parser";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    fs::path result = entry.path() / "result";
    if (!fs::exists(result)) continue;
    ++cases;
    DYNAMIC_SECTION(entry.path().filename().string()) {
      auto doc = readFile(entry.path() / "Dockerfile");
      INFO((doc.error ? doc.error->message : std::string("no error")));
      REQUIRE(doc.ok());
      CHECK(restage::output::buildkitDump(doc) == readText(result));
    }
  }
  CHECK(cases == 33);
}

TEST_CASE("BuildKit testfiles-negative: each fails with a clear message", "[conformance]") {
  fs::path dir = corpusDir() / "buildkit-parser" / "testfiles-negative";
  struct Expected {
    const char* name;
    const char* message;
    std::size_t line;
  };
  const Expected cases[] = {
      {"empty_dockerfile", "file with no instructions", 1},
      {"only_comments", "file with no instructions", 4},
      {"env_no_value", "ENV must have two arguments", 3},
      {"shykes-nested-json", "JSON array must contain only strings", 1},
  };
  int seen = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (fs::exists(entry.path() / "Dockerfile")) ++seen;
  }
  CHECK(seen == 4);
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      auto doc = readFile(dir / c.name / "Dockerfile");
      REQUIRE_FALSE(doc.ok());
      CHECK(doc.error->message == c.message);
      CHECK(doc.error->position.line == c.line);
    }
  }
}

TEST_CASE("BuildKit testfile-line: instruction line ranges", "[conformance]") {
  fs::path dir = corpusDir() / "buildkit-parser" / "testfile-line";
  auto doc = readFile(dir / "Dockerfile");
  REQUIRE(doc.ok());
  std::ifstream tsv(dir / "expected-lines.tsv");
  std::string line;
  std::vector<std::pair<std::size_t, std::size_t>> children;
  std::pair<std::size_t, std::size_t> root{};
  while (std::getline(tsv, line)) {
    if (line.empty() || line[0] == '#' || line.starts_with("node")) continue;
    std::istringstream fields(line);
    std::string node;
    std::size_t start = 0, end = 0;
    fields >> node >> start >> end;
    if (node == "root") root = {start, end};
    else children.emplace_back(start, end);
  }
  REQUIRE(children.size() == 3);
  REQUIRE(doc.instructions.size() == children.size());
  for (std::size_t i = 0; i < children.size(); ++i) {
    CHECK(doc.instructions[i].startLine == children[i].first);
    CHECK(doc.instructions[i].endLine == children[i].second);
  }
  CHECK(doc.instructions.front().startLine == root.first);
  CHECK(doc.instructions.back().endLine == root.second);
}

TEST_CASE("syntax corpus agrees with BuildKit's expectations", "[conformance][corpus]") {
  fs::path dir = corpusDir() / "syntax";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    fs::path expected = entry.path() / "expected.json";
    if (!fs::exists(expected)) continue;
    ++cases;
    DYNAMIC_SECTION(entry.path().filename().string()) {
      checkAgainstExpectation(entry.path() / "Dockerfile", nlohmann::json::parse(readText(expected)));
      if (fs::exists(entry.path() / "result")) {
        auto doc = readFile(entry.path() / "Dockerfile");
        if (doc.ok()) CHECK(restage::output::buildkitDump(doc) == readText(entry.path() / "result"));
      }
    }
  }
  CHECK(cases >= 22);
}

TEST_CASE("realworld corpus agrees with the oracle", "[conformance][corpus]") {
  fs::path dir = corpusDir() / "realworld";
  std::ifstream oracle(dir / "oracle.jsonl");
  REQUIRE(oracle);
  std::string line;
  int records = 0;
  while (std::getline(oracle, line)) {
    if (line.empty()) continue;
    auto expected = nlohmann::json::parse(line);
    ++records;
    checkAgainstExpectation(dir / expected["file"].get<std::string>(), expected);
  }
  CHECK(records == 104);
}

TEST_CASE("every corpus file round-trips byte for byte through the tokens", "[roundtrip]") {
  auto files = dockerfilesUnder(corpusDir());
  CHECK(files.size() >= 160);
  for (const auto& f : files) {
    INFO(f.string());
    std::string source = readText(f);
    auto doc = readDockerfile(source, f.string());
    CHECK(doc.reconstruct() == source);
    // Tokens tile the input: contiguous, no gaps, no overlaps.
    std::size_t at = 0;
    for (const auto& t : doc.tokens) {
      REQUIRE(t.range.begin == at);
      at = t.range.end;
    }
    CHECK(at == source.size());
  }
}
