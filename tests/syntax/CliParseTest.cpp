// `restage parse` end to end: output formats, exit statuses and error
// messages, run on temporary files.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/TestSupport.h"

namespace fs = std::filesystem;
using restage::test::runRestage;

namespace {

// A file under the temporary directory, removed when the test ends.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content) {
    path_ = fs::temp_directory_path() /
            ("restage-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++) + "-" + name);
    std::ofstream out(path_, std::ios::binary);
    out << content;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  fs::path path_;
};

}  // namespace

TEST_CASE("cli: parse --format buildkit prints BuildKit's dump", "[unit][cli]") {
  TempFile f("Dockerfile", "FROM a AS b\nCOPY --from=x s d\nRUN echo \"hi\"\nENV k=v\n");
  auto r = runRestage({"parse", "--format", "buildkit", f.path()});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "(from \"a\" \"AS\" \"b\")\n"
        "(copy [\"--from=x\"] \"s\" \"d\")\n"
        "(run \"echo \\\"hi\\\"\")\n"
        "(env \"k\" \"v\" \"=\")\n");

  // buildkit is the default format.
  auto def = runRestage({"parse", f.path()});
  CHECK(def.status == 0);
  CHECK(def.out == r.out);
}

TEST_CASE("cli: a syntax error is FILE:LINE:COL: error: ... and exit 2", "[unit][cli]") {
  TempFile f("Dockerfile", "FROM a\nENV PATH\n");
  auto r = runRestage({"parse", f.path()});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == f.path() + ":2:5: error: ENV must have two arguments\n");

  TempFile empty("empty.Dockerfile", "");
  auto e = runRestage({"parse", empty.path()});
  CHECK(e.status == 2);
  CHECK(e.err.find(empty.path() + ":1:1: error: file with no instructions") != std::string::npos);
}

TEST_CASE("cli: --format source is byte-identical", "[unit][cli]") {
  std::string src = "\xEF\xBB\xBF# escape=`\r\nFROM a\r\nRUN echo `\r\n  hi\t \r\n\r\nCMD [\"x\"]";
  TempFile f("Dockerfile", src);
  auto r = runRestage({"parse", "--format", "source", f.path()});
  CHECK(r.status == 0);
  CHECK(r.out == src);
  CHECK(r.err.empty());

  // Even with a syntax error the source comes back whole.
  TempFile bad("bad", "FROM a\nCMD [1]\n");
  auto b = runRestage({"parse", "--format=source", bad.path()});
  CHECK(b.status == 2);
  CHECK(b.out == "FROM a\nCMD [1]\n");
}

TEST_CASE("cli: --format json is the typed AST", "[unit][cli]") {
  TempFile f("Dockerfile", "# syntax=x\nFROM alpine AS base\nRUN --network=none echo $HOME\n");
  auto r = runRestage({"parse", "--format", "json", f.path()});
  REQUIRE(r.status == 0);
  nlohmann::json j;
  REQUIRE_NOTHROW(j = nlohmann::json::parse(r.out));
  CHECK(j["ok"] == true);
  CHECK(j["escape"] == "\\");
  CHECK(j["bom"] == false);
  REQUIRE(j["directives"].size() == 1);
  CHECK(j["directives"][0]["name"] == "syntax");
  REQUIRE(j["instructions"].size() == 2);
  const auto& from = j["instructions"][0];
  CHECK(from["kind"] == "FROM");
  CHECK(from["keyword"] == "FROM");
  CHECK(from["start_line"] == 2);
  CHECK(from["range"]["start"]["line"] == 2);
  CHECK(from["range"]["start"]["column"] == 1);
  CHECK(from["range"]["start"]["offset"] == 11);
  CHECK(from["range"]["end"]["offset"] == 11 + std::string("FROM alpine AS base").size());
  CHECK(from["args"]["image"]["value"] == "alpine");
  CHECK(from["args"]["stage_name"]["value"] == "base");
  const auto& run = j["instructions"][1];
  CHECK(run["kind"] == "RUN");
  CHECK(run["args"]["network"] == "none");
  CHECK(run["args"]["command"]["form"] == "shell");
  CHECK(run["args"]["command"]["script"]["value"] == "echo $HOME");
  REQUIRE(run["variables"].size() == 1);
  CHECK(run["variables"][0]["name"] == "HOME");
  REQUIRE(j["stages"].size() == 1);
  CHECK(j["stages"][0]["name"] == "base");

  TempFile bad("bad", "FROM a\nENV x\n");
  auto b = runRestage({"parse", "--format", "json", bad.path()});
  CHECK(b.status == 2);
  nlohmann::json bj;
  REQUIRE_NOTHROW(bj = nlohmann::json::parse(b.out));
  CHECK(bj["ok"] == false);
  CHECK(bj["error"]["message"] == "ENV must have two arguments");
  CHECK(bj["error"]["line"] == 2);
  CHECK(bj["error"]["column"] == 5);
}

TEST_CASE("cli: --format buildkit-json is one line per file", "[unit][cli]") {
  TempFile f("Dockerfile", "FROM a\nRUN <<EOF\nx\nEOF\n");
  auto r = runRestage({"parse", "--format", "buildkit-json", f.path()});
  REQUIRE(r.status == 0);
  REQUIRE_FALSE(r.out.empty());
  CHECK(r.out.find('\n') == r.out.size() - 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["ok"] == true);
  CHECK(j["file"] == f.path());
  REQUIRE(j["instructions"].size() == 2);
  CHECK(j["instructions"][1]["dump"] == "run \"<<EOF\"");
  CHECK(j["instructions"][1]["start_line"] == 2);
  CHECK(j["instructions"][1]["end_line"] == 4);
  CHECK(j["instructions"][1]["heredocs"][0]["content"] == "x\n");

  TempFile g("Other", "FROM b\n");
  auto two = runRestage({"parse", "--format", "buildkit-json", f.path(), g.path()});
  CHECK(two.status == 0);
  CHECK(std::count(two.out.begin(), two.out.end(), '\n') == 2);
}

TEST_CASE("cli: unknown --format is a usage error", "[unit][cli]") {
  TempFile f("Dockerfile", "FROM a\n");
  auto r = runRestage({"parse", "--format", "yaml", f.path()});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("unknown --format 'yaml'") != std::string::npos);
}

TEST_CASE("cli: a missing file exits 2 naming it", "[unit][cli]") {
  std::string missing = (fs::temp_directory_path() / "restage-cli-does-not-exist-Dockerfile").string();
  auto r = runRestage({"parse", missing});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(missing) != std::string::npos);

  // The other files are still parsed.
  TempFile f("Dockerfile", "FROM a\n");
  auto both = runRestage({"parse", missing, f.path()});
  CHECK(both.status == 2);
  CHECK(both.out.find("(from \"a\")") != std::string::npos);
}

TEST_CASE("cli: no file is a usage error", "[unit][cli]") {
  auto r = runRestage({"parse"});
  CHECK(r.status == 2);
  CHECK(r.err.find("no FILE") != std::string::npos);
}
