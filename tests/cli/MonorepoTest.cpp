// A monorepo as a platform team has it (tests/cli/monorepo/): services built
// by a compose file from the top (context `.`) and from their folder
// (`./svc`), a nested .restage.yaml that wins below it, an excluded test
// fixture, a file with `# restage: ignore`, and an existing multi-stage file
// with the seed's bug. batch must give each file its expected outcome in the
// text report, the JSON report and the --check exit status.
//
// The -v text is compared whole with monorepo.expected.txt;
// RESTAGE_UPDATE_GOLDEN=1 rewrites it (then read the diff before committing).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "support/TestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::test::readText;
using restage::test::runRestage;

namespace {

const fs::path kFixture = fs::path(RESTAGE_CLI_TESTS) / "monorepo";
const fs::path kExpectedText = fs::path(RESTAGE_CLI_TESTS) / "monorepo.expected.txt";

// The fixture copied into a fresh git work tree (the config and compose
// searches stop at its top), removed afterwards.
class Repo {
 public:
  Repo() {
    tree_.copy(kFixture, ".");
    if (std::system(("git init -q '" + root().string() + "'").c_str()) != 0) throw std::runtime_error("git init failed");
  }
  const fs::path& root() const { return tree_.path(); }

 private:
  restage::test::TempTree tree_;
};

const json& row(const json& report, const std::string& path) {
  for (const auto& f : report.at("files")) {
    if (f.at("path") == path) return f;
  }
  FAIL("no row for " << path);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("monorepo: every file's outcome in the JSON report", "[monorepo]") {
  Repo repo;
  auto r = runRestage({"batch", "-q", "--report", "report.json", "."}, repo.root());
  INFO(r.err);
  REQUIRE(r.status == 0);
  json report = json::parse(readText(repo.root() / "report.json"));

  CHECK(restage::test::outcomesByPath(report) == std::map<std::string, std::string>{
                                {"frontend/Dockerfile", "unchanged already-multi-stage"},
                                {"legacy/report/Dockerfile", "unchanged below-min-saving"},
                                {"legacy/ui/Dockerfile", "unchanged language-not-selected"},
                                {"services/api/Dockerfile", "migrated migrated"},
                                {"svc/Dockerfile", "migrated migrated"},
                                {"svc/testdata/Dockerfile", "skipped excluded"},
                                {"tools/Dockerfile", "unchanged ignored"},
                            });

  // Contexts: compose's `.` for the API, compose's `./svc` for the web
  // service, each file's own folder elsewhere.
  const json& api = row(report, "services/api/Dockerfile");
  CHECK(api.at("context") == ".");
  CHECK(api.at("context_source") == "compose");
  CHECK(api.at("compose_service") == "api");
  const json& web = row(report, "svc/Dockerfile");
  CHECK(web.at("context") == "svc");
  CHECK(web.at("context_source") == "compose");
  CHECK(web.at("compose_service") == "web");
  CHECK(row(report, "legacy/report/Dockerfile").at("context_source") == "folder");

  // The API's rewrite reads go.mod and lib/ from the top: it migrates, and
  // claims to carry nothing it does not copy.
  for (const auto& line : api.at("explanation")) CHECK_THAT(line.get<std::string>(), !Catch::Contains("app folder"));

  // The nested .restage.yaml wins below legacy/, whole.
  CHECK_THAT(row(report, "legacy/report/Dockerfile").at("reason").get<std::string>(),
             Catch::Contains("is below 'min-saving: 1GB' (1000000000 bytes) in legacy/.restage.yaml"));
  CHECK(row(report, "legacy/ui/Dockerfile").at("reason") ==
        "the file's language is node, and 'languages' in legacy/.restage.yaml lists only go");
  CHECK(row(report, "svc/testdata/Dockerfile").at("reason") == "excluded by '**/testdata/' in .restage.yaml");
  CHECK_THAT(row(report, "tools/Dockerfile").at("reason").get<std::string>(),
             Catch::StartsWith("ignored by '# restage: ignore' on line 1: the CI toolbox needs its compilers"));

  // The seed's bug: both findings, each with an unsafe fix.
  const json& frontend = row(report, "frontend/Dockerfile");
  REQUIRE(frontend.at("findings").size() == 2);
  std::map<std::string, bool> fixed;
  for (const auto& f : frontend.at("findings")) fixed[f.at("rule")] = f.contains("fix") && f.at("fix").at("safe") == false;
  CHECK(fixed == std::map<std::string, bool>{{"trailing-comment", true}, {"runtime-cannot-start", true}});

  CHECK(report.at("summary").at("migrated") == 2);
  CHECK(report.at("summary").at("findings") == 2);
}

TEST_CASE("monorepo: the -v text report", "[monorepo]") {
  Repo repo;
  auto r = runRestage({"batch", "-v", "."}, repo.root());
  INFO(r.err);
  REQUIRE(r.status == 0);
  if (std::getenv("RESTAGE_UPDATE_GOLDEN")) {
    std::ofstream(kExpectedText, std::ios::binary) << r.out;
    WARN("rewrote " << kExpectedText.string());
  }
  CHECK(readText(kExpectedText) == r.out);
}

TEST_CASE("monorepo: --check fails on what would change and on findings, per file's config", "[monorepo]") {
  Repo repo;
  auto check = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"batch", "-q", "--check"});
    auto r = runRestage(args, repo.root());
    INFO(r.out << r.err);
    return r.status;
  };
  CHECK(check({"."}) == 1);
  // Two would migrate, one has findings: each fails alone.
  CHECK(check({"services/api"}) == 1);
  CHECK(check({"svc"}) == 1);
  CHECK(check({"frontend"}) == 1);
  // Ignored, excluded, below min-saving, another language: nothing fails.
  CHECK(check({"tools", "legacy", "svc/testdata"}) == 0);
  // Without the configuration files, legacy/report would migrate; the
  // inline ignore still holds.
  CHECK(check({"--no-config", "legacy/report"}) == 1);
  CHECK(check({"--no-config", "tools"}) == 0);
}

TEST_CASE("monorepo: migrate takes the same compose context as batch", "[monorepo]") {
  Repo repo;
  auto one = runRestage({"migrate", "services/api/Dockerfile"}, repo.root());
  INFO(one.err);
  REQUIRE(one.status == 0);
  CHECK_THAT(one.err, Catch::Contains("compose.yaml builds this file (service api); restage takes its build context `.`."));
  // The file batch would write is the one migrate prints.
  auto written = runRestage({"batch", "-q", "--write", "services/api"}, repo.root());
  REQUIRE(written.status == 0);
  CHECK(readText(repo.root() / "services/api/Dockerfile") == one.out);

  // An explicit --context wins over compose's.
  auto own = runRestage({"migrate", "--context", "services/api", "services/api/Dockerfile"}, repo.root());
  CHECK_THAT(own.err, !Catch::Contains("build context `.`"));
}
