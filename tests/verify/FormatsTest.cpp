// The text, JSON and Markdown reports; the JSON one against its schema.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "VerifyTestSupport.h"
#include "verify/Compare.h"
#include "verify/Formats.h"

using namespace restage::verify;
using namespace restage::verify::test;
namespace fs = std::filesystem;

namespace {

Report sameServer() {
  Report r;
  r.file = "app/Dockerfile";
  r.context = "app";
  r.engine = "buildah";
  r.migrationStatus = "migrated";
  r.original = serverSide(200, "hi");
  r.rewritten = serverSide(200, "hi");
  r.original.facts.sizeBytes = 1000000;
  r.original.facts.userName = "root";
  r.original.facts.packages = 153;
  r.original.facts.packageDatabase = "dpkg";
  r.original.facts.shells = {"sh", "bash"};
  r.original.facts.compilers = {"gcc", "go"};
  r.original.facts.packageManagers = {"apt-get", "dpkg"};
  r.rewritten.facts.sizeBytes = 290000;
  r.rewritten.facts.user = "65532";
  r.rewritten.facts.userName = "nonroot";
  r.rewritten.facts.runsAsRoot = false;
  decideVerdict(r, {});
  return r;
}

Report brokenServer() {
  Report r = sameServer();
  r.rewrite = "app/Dockerfile.fixed";
  r.rewritten.probes[0].status = 500;
  r.rewritten.probes[0].body = "open assets/index.html: no such file or directory\n";
  decideVerdict(r, {});
  return r;
}

Report notBuilt() {
  Report r = sameServer();
  r.rewritten = SideObservation{};
  r.rewritten.buildError = "building at STEP \"COPY --from=builder /out/app /app\": no such file or directory";
  decideVerdict(r, {});
  return r;
}

Report noRewrite() {
  Report r;
  r.file = "Dockerfile";
  r.context.assign(1, '.');  // GCC 12 warns (-Wrestrict, its bug 105329) on = "." here
  r.engine = "buildah";
  r.verdict = Verdict::NoRewrite;
  r.migrationStatus = "refused";
  r.migrationCode = "cpp-compiles-at-start";
  r.reason = "restage made no rewrite (refused): the image compiles at start";
  return r;
}

std::string validate(const std::vector<Report>& reports) {
  fs::path dir = fs::temp_directory_path() / fmt::format("restage-verify-schema-{}", ::getpid());
  fs::create_directories(dir);
  std::string cmd = std::string("python3 ") + RESTAGE_VALIDATE_JSON + " " + RESTAGE_VERIFY_SCHEMA;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    fs::path f = dir / fmt::format("report{}.json", i);
    std::ofstream(f) << formatJson(reports[i]);
    cmd += ' ';
    cmd += f.string();
  }
  fs::path out = dir / "out.txt";
  int status = std::system((cmd + " > " + out.string() + " 2>&1").c_str());
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove_all(dir);
  return status == 0 ? "" : text;
}

}  // namespace

TEST_CASE("text: verdict, differences, figures", "[formats]") {
  std::string t = formatText(sameServer());
  CHECK(t.starts_with("app/Dockerfile: same (the rewrite behaves like the original)\n"));
  CHECK(t.find("built ✓, started ✓, GET :8080/ same ✓, output same ✓, −71%, runs as nonroot, no shell") !=
        std::string::npos);
  CHECK(t.find("size:             1.0 MB → 290.0 kB (-71.0%)") != std::string::npos);
  CHECK(t.find("packages:         153 (dpkg) → no package database") != std::string::npos);
  CHECK(t.find("compilers:        gcc, go → none") != std::string::npos);
  std::string b = formatText(brokenServer());
  CHECK(b.starts_with("app/Dockerfile: different (1 difference)\n  - GET :8080/ → 500, original 200\n"));
  CHECK(b.find("GET :8080/ differs ✗") != std::string::npos);
}

TEST_CASE("markdown: a table a bot can post", "[formats]") {
  std::string m = formatMarkdown(brokenServer());
  CHECK(m.starts_with("**restage verify** `app/Dockerfile`: **different** — 1 difference\n\n"));
  CHECK(m.find("| | original | rewrite |\n| --- | --- | --- |\n") != std::string::npos);
  CHECK(m.find("| GET :8080/ | 200 | 500 |\n") != std::string::npos);
  CHECK(m.find("| size | 1.0 MB | 290.0 kB (-71%) |\n") != std::string::npos);
  CHECK(m.find("| runs as | root | nonroot |\n") != std::string::npos);
  CHECK(m.find("\nDifferences:\n\n- GET :8080/ → 500, original 200\n") != std::string::npos);
  // Every table row has the same number of cells; a pipe in a value is escaped.
  Report r = brokenServer();
  r.rewritten.buildError = "a | b";
  r.rewritten.built = false;
  decideVerdict(r, {});
  std::string nb = formatMarkdown(r);
  CHECK(nb.find("| built | ✓ | ✗ a \\| b |") != std::string::npos);
}

TEST_CASE("summary line for suggest and batch", "[formats]") {
  CHECK(summaryLine(notBuilt()).starts_with("built ✗ (building at STEP"));
  CHECK(summaryLine(noRewrite()) == "not verified: restage made no rewrite (refused): the image compiles at start");
}

TEST_CASE("json follows docs/schemas/verify.schema.json", "[formats]") {
  CHECK(validate({sameServer(), brokenServer(), notBuilt(), noRewrite()}) == "");
  std::string j = formatJson(brokenServer());
  CHECK(j.find("\"verdict\": \"different\"") != std::string::npos);
  CHECK(j.find("\"exit_status\": 1") != std::string::npos);
  CHECK(j.find("\"message\": \"GET :8080/ → 500, original 200\"") != std::string::npos);
}

TEST_CASE("the schema rejects a report that breaks it", "[formats]") {
  // The validation can fail: a wrong verdict name is caught.
  fs::path f = fs::temp_directory_path() / ("restage-verify-bad-" + std::to_string(::getpid()) + ".json");
  std::string j = formatJson(sameServer());
  j.replace(j.find("\"same\""), 6, "\"fine\"");
  std::ofstream(f) << j;
  std::string cmd = std::string("python3 ") + RESTAGE_VALIDATE_JSON + " " + RESTAGE_VERIFY_SCHEMA + " " +
                    f.string() + " > /dev/null 2>&1";
  CHECK(std::system(cmd.c_str()) != 0);
  fs::remove(f);
}
