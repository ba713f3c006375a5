// restage migrate's golden tests: a Dockerfile with its build context in, the
// expected Dockerfile and explanation (or the expected refusal) out.
//
// Two sources of cases (see tests/migrate/README.md):
//   tests/e2e/apps/NAME/          -> tests/migrate/golden/NAME.expected.Dockerfile
//                                    tests/migrate/golden/NAME.explanation.txt
//   tests/migrate/cases/NAME/context/
//                                 -> tests/migrate/cases/NAME/expected.Dockerfile
//                                    tests/migrate/cases/NAME/expected.explanation.txt
//                                 or tests/migrate/cases/NAME/expected.outcome.txt
// With RESTAGE_UPDATE_GOLDEN=1 the actual results are written to the expected
// files instead of being compared; every other check still runs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "RewriteChecks.h"
#include "catalog/Catalog.h"
#include "migrate/Migration.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace restage;
using restage::test::readText;

namespace {

fs::path sourceDir() { return fs::path(RESTAGE_SOURCE_DIR); }

bool updating() {
  const char* env = std::getenv("RESTAGE_UPDATE_GOLDEN");
  return env && std::string(env) == "1";
}

struct GoldenCase {
  std::string name;
  fs::path dockerfile;
  migrate::Options options;
  bool withContext = true;
  fs::path expectedDockerfile;
  fs::path expectedExplanation;
  std::optional<fs::path> expectedOutcome;  // unset: the case must migrate (the e2e apps)
};

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// options.txt: `key=value` lines (runtime-base, lang); blank lines and # comments allowed.
migrate::Options readOptions(const fs::path& file) {
  migrate::Options options;
  std::istringstream lines(readText(file));
  std::string line;
  while (std::getline(lines, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto eq = line.find('=');
    INFO(file.filename().string() << ": " << line);
    REQUIRE(eq != std::string::npos);
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (key == "runtime-base") options.runtimeBase = value;
    else if (key == "lang") options.language = value;
    else FAIL("unknown option key '" << key << "' (known: runtime-base, lang)");
  }
  return options;
}

std::vector<GoldenCase> e2eApps() {
  std::vector<GoldenCase> cases;
  fs::path golden = sourceDir() / "tests/migrate/golden";
  for (const auto& entry : fs::directory_iterator(sourceDir() / "tests/e2e/apps")) {
    if (!entry.is_directory()) continue;
    GoldenCase c;
    c.name = "e2e/" + entry.path().filename().string();
    c.dockerfile = entry.path() / "Dockerfile";
    c.options.context = entry.path();
    c.expectedDockerfile = golden / (entry.path().filename().string() + ".expected.Dockerfile");
    c.expectedExplanation = golden / (entry.path().filename().string() + ".explanation.txt");
    // An app whose probe says `expect_refused = CODE` shows a refusal; one
    // with `mode = repair` is already multi-stage (its fix: suggest's tests).
    std::string probe = readText(entry.path() / "probe");
    if (probe.find("\nexpect_refused") != std::string::npos || probe.find("\nmode = repair") != std::string::npos) {
      c.expectedOutcome = golden / (entry.path().filename().string() + ".outcome.txt");
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<GoldenCase> caseFolders() {
  static const std::set<std::string> known{"context", "options.txt", "no-context", "no-build", "expected.Dockerfile",
                                           "expected.explanation.txt", "expected.outcome.txt"};
  std::vector<GoldenCase> cases;
  for (const auto& entry : fs::directory_iterator(sourceDir() / "tests/migrate/cases")) {
    if (!entry.is_directory()) continue;
    const fs::path& dir = entry.path();
    for (const auto& f : fs::directory_iterator(dir)) {
      // A misspelt expected file would otherwise be silently ignored.
      INFO("case " << dir.filename().string() << " has an unknown file " << f.path().filename().string());
      CHECK(known.count(f.path().filename().string()) == 1);
    }
    GoldenCase c;
    c.name = dir.filename().string();
    c.dockerfile = dir / "context" / "Dockerfile";
    if (fs::exists(dir / "options.txt")) c.options = readOptions(dir / "options.txt");
    c.withContext = !fs::exists(dir / "no-context");
    if (c.withContext) c.options.context = dir / "context";
    c.expectedDockerfile = dir / "expected.Dockerfile";
    c.expectedExplanation = dir / "expected.explanation.txt";
    c.expectedOutcome = dir / "expected.outcome.txt";
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<GoldenCase> allCases() {
  auto cases = e2eApps();
  auto more = caseFolders();
  cases.insert(cases.end(), more.begin(), more.end());
  std::sort(cases.begin(), cases.end(), [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

std::string lines(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += i + "\n";
  return s;
}

// `STATUS CODE`, the reason, then one `problem: ...` line per failed runtime check.
std::string outcomeText(const migrate::Result& r) {
  std::string s = std::string(migrate::statusName(r.status)) + " " + r.code + "\n" + r.reason + "\n";
  for (const auto& p : r.problems) s += "problem: " + p + "\n";
  return s;
}

void writeText(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  REQUIRE(out);
  out << text;
}

// Compares with the expected file, or writes it in update mode.
void expectFile(const fs::path& file, const std::string& actual) {
  if (updating()) return writeText(file, actual);
  INFO("expected file " << file.lexically_relative(sourceDir()).generic_string()
                        << " (RESTAGE_UPDATE_GOLDEN=1 rewrites it; see tests/migrate/README.md)");
  REQUIRE(fs::exists(file));
  CHECK(readText(file) == actual);
}

// A file the outcome does not produce must not linger (update mode removes it).
void expectAbsent(const fs::path& file) {
  if (updating()) {
    fs::remove(file);
    return;
  }
  INFO(file.lexically_relative(sourceDir()).generic_string() << " belongs to a different outcome");
  CHECK_FALSE(fs::exists(file));
}

migrate::Result run(const GoldenCase& c) {
  // End-of-life lines as on the catalog's as-of date, whatever today is.
  migrate::Options options = c.options;
  options.today = catalog::Catalog::get().asOf();
  if (c.withContext) return migrate::migrateFile(c.dockerfile, options);
  // Without a context: migrateFile would take the Dockerfile's folder as one.
  return migrate::migrateSource(readText(c.dockerfile), "Dockerfile", options);
}

}  // namespace

TEST_CASE("golden migrations: e2e apps and tests/migrate/cases", "[migrate][golden]") {
  auto cases = allCases();
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      REQUIRE(fs::exists(c.dockerfile));
      auto r = run(c);
      INFO(migrate::statusName(r.status) << " " << r.code << ": " << r.reason);
      if (r.status == migrate::Status::Migrated) {
        CHECK(r.problems.empty());
        CHECK(!r.explanation.empty());
        if (!c.expectedOutcome) CHECK(r.estimatedSavingBytes > 0);
        expectFile(c.expectedDockerfile, r.output);
        // The explanation, then the runtime contract: both are read by people.
        auto shown = r.explanation;
        for (const auto& line : migrate::contractLines(r.contract)) shown.push_back("contract " + line);
        expectFile(c.expectedExplanation, lines(shown));
        if (c.expectedOutcome) expectAbsent(*c.expectedOutcome);
        restage::test::checkRewrite(r);
      } else {
        // The e2e apps build and run their migrations, so they must migrate
        // unless their probe says they are refused.
        REQUIRE(c.expectedOutcome);
        CHECK(!r.reason.empty());
        CHECK(r.output == r.original);
        CHECK(r.edits.empty());
        expectFile(*c.expectedOutcome, outcomeText(r));
        expectAbsent(c.expectedDockerfile);
        expectAbsent(c.expectedExplanation);
      }
    }
  }
  CHECK(e2eApps().size() >= 12);
  CHECK(cases.size() >= 30);
}
