// A linter's habits (issue 22), through the built binary: rule docs from one
// source, per-rule ignore comments, --select/--ignore/--fail-on, the GitHub
// annotation format and its escaping, batch's SARIF/rdjson, suggest on
// folders, codes in every text output, quiet and machine-format stderr, and
// one list of findings for migrate, batch and suggest.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "config/Policy.h"
#include "output/Escape.h"
#include "output/GithubAnnotations.h"
#include "suggest/Findings.h"
#include "suggest/Rule.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using restage::test::readText;
using restage::test::runRestage;
using restage::test::TempTree;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string joinLines(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// The seed's bug: a multi-stage file with a trailing comment (RS002, line 7)
// and a last stage that cannot start (RS003, on line 6).
const char* kBroken =
    "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\n"
    "FROM scratch\nCOPY --from=build /app/dist /app  # the build output\nCMD [\"npm\", \"start\"]\n";

// A Go service that migrates.
const char* kGo = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nCMD [\"/bin/app\"]\n";

std::set<std::string> codesOf(const std::vector<restage::suggest::Finding>& findings) {
  std::set<std::string> codes;
  for (const auto& f : findings) codes.insert(std::string(f.rule->code));
  return codes;
}

// Runs restage with standard error on a terminal (a pseudo-terminal), its
// output to /dev/null; returns what it wrote to standard error.
std::string stderrOnTerminal(const std::vector<std::string>& args, const fs::path& cwd) {
  int master = -1, slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) throw std::runtime_error("openpty failed");
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(slave, 2);
    ::close(master);
    std::vector<char*> argv = {const_cast<char*>(RESTAGE_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(RESTAGE_BINARY, argv.data());
    ::_exit(127);
  }
  ::close(slave);
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(master, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return text;
}

restage::migrate::Result lint(const std::string& text, const restage::config::Config* config = nullptr) {
  return restage::config::migrateSource(text, "Dockerfile", {}, config);
}

}  // namespace

TEST_CASE("rules: docs/rules.md, restage rule and SARIF's rule help say the same", "[rules]") {
  auto page = runRestage({"rule", "--format", "markdown"});
  REQUIRE(page.status == 0);
  // Regenerate with: build/restage rule --format markdown > docs/rules.md
  CHECK(readText(fs::path(RESTAGE_SOURCE_DIR) / "docs/rules.md") == page.out);

  TempTree t;
  t.write("svc/Dockerfile", kBroken);
  auto sarif = runRestage({"batch", "--format", "sarif", "svc"}, t.path());
  REQUIRE(sarif.status == 0);
  json rules = json::parse(sarif.out)["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == restage::suggest::kRules.size());
  for (const auto& r : rules) {
    auto one = runRestage({"rule", r["id"].get<std::string>()});
    REQUIRE(one.status == 0);
    CHECK(r["help"]["text"] == one.out);
    CHECK(has(page.out, r["help"]["markdown"].get<std::string>()));
    CHECK(has(one.out, r["shortDescription"]["text"].get<std::string>()));
  }
  // Names work as codes do, in any case; an unknown one is a usage error with a guess.
  CHECK(runRestage({"rule", "trailing-comment"}).out == runRestage({"rule", "rs002"}).out);
  auto unknown = runRestage({"rule", "RS02"});
  CHECK(unknown.status == 2);
  CHECK(has(unknown.err, "no rule 'RS02'"));
  // Without a code: every rule, in order.
  auto all = runRestage({"rule"});
  std::size_t at = 0;
  for (const auto* rule : restage::suggest::kRules) {
    auto next = all.out.find(std::string(rule->code) + " " + std::string(rule->name) + " (", at);
    CHECK(next != std::string::npos);
    at = next;
  }
}

TEST_CASE("rules: each rule's example is reported under it, and the fixed example is the fix", "[rules]") {
  for (const auto* rule : restage::suggest::kRules) {
    const auto& text = restage::suggest::ruleText(*rule);
    INFO(rule->code);
    std::string example = joinLines(text.example);
    auto r = lint(example);
    if (rule == &restage::suggest::kPreferMultiStageBuild) {
      CHECK(r.status == restage::migrate::Status::Migrated);
    } else {
      CHECK(codesOf(r.findings).count(std::string(rule->code)) == 1);
    }
    if (!text.fixed.empty()) {
      auto run = restage::suggest::applyFixes(example, "Dockerfile", {});
      CHECK(run.text == joinLines(text.fixed));
    }
    CHECK((text.fixed.empty() || rule->offersFix));
  }
}

TEST_CASE("suppress: ignore=CODE above an instruction, above a FROM for its stage", "[suppress]") {
  std::string broken = kBroken;
  // Above the COPY: RS002 goes, RS003 stays.
  std::string copy = broken;
  copy.insert(copy.find("COPY --from"), "# restage: ignore=RS002 reason=the folder is named that on purpose\n");
  auto r = lint(copy);
  CHECK(codesOf(r.findings) == std::set<std::string>{"RS003"});
  // Above the last FROM: the whole stage, both rules, by name or code.
  std::string stage = broken;
  stage.insert(stage.find("FROM scratch"), "# restage: ignore=trailing-comment, RS003\n");
  CHECK(lint(stage).findings.empty());
  // A comment line and a blank line may stand between.
  std::string spaced = broken;
  spaced.insert(spaced.find("FROM scratch"), "# restage: ignore=RS003\n\n# the runtime\n");
  CHECK(codesOf(lint(spaced).findings) == std::set<std::string>{"RS002"});
  // Per rule: ignoring RS003 above the COPY leaves the COPY's RS002, and is unused.
  std::string wrong = broken;
  wrong.insert(wrong.find("COPY --from"), "# restage: ignore=RS003\n");
  auto w = lint(wrong);
  CHECK(codesOf(w.findings) == std::set<std::string>{"RS002", "RS003", "RS004"});
  for (const auto& f : w.findings) {
    if (f.rule->code == std::string_view("RS004")) {
      CHECK(f.line == 7);
      CHECK(has(f.message, "unused '# restage: ignore=RS003': the instruction below it (line 8) has no RS003 finding"));
    }
  }
  // One code used, one not: the unused one is named.
  std::string half = broken;
  half.insert(half.find("COPY --from"), "# restage: ignore=RS002,RS003\n");
  auto h = lint(half);
  CHECK(codesOf(h.findings) == std::set<std::string>{"RS003", "RS004"});
  // Nothing below it: unused.
  CHECK(codesOf(lint(broken + "# restage: ignore=RS002\n").findings).count("RS004") == 1);
}

TEST_CASE("suppress: ignore=RS001 leaves the stage's rewrite out; bad codes are malformed", "[suppress]") {
  std::string go = kGo;
  auto r = lint("# restage: ignore=RS001 reason=kept as the debug image\n" + go);
  CHECK(r.status == restage::migrate::Status::Unchanged);
  CHECK(r.code == "ignored");
  CHECK(has(r.reason, "ignored by '# restage: ignore=RS001' on line 1: kept as the debug image (restage would report: migrated)"));
  CHECK(r.findings.empty());
  // Above another instruction it covers no stage's rewrite: unused, and the rewrite stays.
  std::string inside = go;
  inside.insert(inside.find("RUN"), "# restage: ignore=RS001\n");
  auto i = lint(inside);
  CHECK(i.status == restage::migrate::Status::Migrated);
  CHECK(codesOf(i.findings) == std::set<std::string>{"RS004"});

  for (const auto& [comment, message] : std::vector<std::pair<std::string, std::string>>{
           {"# restage: ignore=RS009", "unknown rule 'RS009'"},
           {"# restage: ignore=RS004", "RS004 unused-ignore is about the ignore comments themselves"},
           {"# restage: ignore=", "expected a rule code after 'ignore='"},
           {"# restage: ignore=RS002,", "expected a rule code after 'ignore=' or ','"},
       }) {
    INFO(comment);
    auto m = lint(std::string(kBroken) + comment + "\n");
    bool found = false;
    for (const auto& f : m.findings) found |= f.rule->code == std::string_view("RS005") && has(f.message, message);
    CHECK(found);
  }
  // A whole-file ignore makes the per-rule ones unused.
  auto both = lint("# restage: ignore\n# restage: ignore=RS002\n" + std::string(kBroken));
  CHECK(both.code == "ignored");
  REQUIRE(both.findings.size() == 1);
  CHECK(has(both.findings[0].message, "the comment on line 1 already ignores the whole file"));
}

TEST_CASE("select: --select, --ignore and --fail-on replace the configuration's keys", "[select]") {
  TempTree t;
  t.write("seed/Dockerfile", kBroken);
  t.write("go/Dockerfile", kGo);
  t.write("go/main.go", "package main\n\nfunc main() {}\n");
  t.write("go/go.mod", "module example.com/app\n\ngo 1.22\n");
  t.write(".restage.yaml", "ignore: [RS003]\n");
  auto base = runRestage({"batch", "--format", "json", "--no-git"}, t.path());
  json doc = json::parse(base.out);
  CHECK(doc["summary"]["findings_by_rule"] == json({{"trailing-comment", 1}}));
  // The command line replaces the file's ignore.
  auto all = runRestage({"batch", "--format", "json", "--no-git", "--ignore", "RS004"}, t.path());
  CHECK(json::parse(all.out)["summary"]["findings_by_rule"] == json({{"runtime-cannot-start", 1}, {"trailing-comment", 1}}));
  // --select RS002: no rewrite is offered (RS001 is not selected), only RS002 is reported.
  auto lintOnly = runRestage({"batch", "--format", "json", "--no-git", "--select", "RS002"}, t.path());
  json l = json::parse(lintOnly.out);
  CHECK(l["summary"]["migrated"] == 0);
  CHECK(l["summary"]["findings_by_rule"] == json({{"trailing-comment", 1}}));
  for (const auto& f : l["files"]) {
    if (f["path"] == "go/Dockerfile") {
      CHECK(f["code"] == "rule-not-selected");
      CHECK(has(f["reason"].get<std::string>(), "RS001 prefer-multi-stage-build is not in --select (restage would report: migrated)"));
    }
  }
  // --fail-on: refused only, so a rewrite and findings pass --check.
  CHECK(runRestage({"batch", "--check", "--no-git"}, t.path()).status == 1);
  CHECK(runRestage({"batch", "--check", "--no-git", "--fail-on", "refused"}, t.path()).status == 0);
  CHECK(runRestage({"batch", "--check", "--no-git", "--fail-on", "trailing-comment"}, t.path()).status == 1);
  CHECK(runRestage({"batch", "--check", "--no-git", "--fail-on", "would-migrate", "--select", "RS002"}, t.path()).status == 0);
  // The same keys in .restage.yaml, and their mistakes.
  t.write(".restage.yaml", "select: [RS001, RS003]\n");
  auto selected = json::parse(runRestage({"batch", "--format", "json", "--no-git"}, t.path()).out);
  CHECK(selected["summary"]["findings_by_rule"] == json({{"runtime-cannot-start", 1}}));
  t.write(".restage.yaml", "ignore: [RS02]\n");
  auto bad = runRestage({"batch", "--no-git"}, t.path());
  CHECK(bad.status == 2);
  CHECK(has(bad.err, ".restage.yaml:1:10: error: unknown rule 'RS02' (did you mean 'RS002'?)"));
  // migrate and suggest take them too.
  t.write(".restage.yaml", "{}\n");
  auto m = runRestage({"migrate", "seed/Dockerfile", "--format", "json", "--ignore", "RS002"}, t.path());
  CHECK(json::parse(m.out)["findings"].size() == 1);
  auto s = runRestage({"suggest", "seed", "--format", "json", "--select", "RS002"}, t.path());
  CHECK(json::parse(s.out)["files"][0]["findings"].size() == 1);
}

TEST_CASE("github: workflow commands, escaped as GitHub reads them", "[github]") {
  using restage::output::workflowData;
  using restage::output::workflowProperty;
  // Data: %, CR, LF; properties also ':' and ','.
  CHECK(workflowData("100% done\r\nnext::line") == "100%25 done%0D%0Anext::line");
  CHECK(workflowProperty("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae");
  CHECK(workflowData("tab\there\x1b[31m") == "tab%09here%1B[31m");
  // A hostile file name and message cannot start a command of their own.
  std::string cmd = restage::output::workflowCommand(
      "error", {{"file", "x,line=1:\n::add-mask::y"}, {"line", "3"}}, "msg\n::set-output name=a::b");
  CHECK(cmd == "::error file=x%2Cline=1%3A%0A%3A%3Aadd-mask%3A%3Ay,line=3::msg%0A::set-output name=a::b\n");
  CHECK(std::count(cmd.begin(), cmd.end(), '\n') == 1);

  TempTree t;
  t.write("svc/Dockerfile", kBroken);
  t.write("go/Dockerfile", kGo);
  t.write("bad/Dockerfile", "FROM alpine\nENV A\n");
  t.write("odd,name:x/Dockerfile", kBroken);
  auto r = runRestage({"batch", "--format", "github", "--no-git"}, t.path());
  CHECK(r.status == 2);  // the syntax error
  CHECK(r.err.empty());
  std::vector<std::string> lines;
  std::string line;
  for (char c : r.out) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  std::regex command(R"(^::(error|warning|notice) ([a-zA-Z]+=[^,:]*)(,[a-zA-Z]+=[^,:]*)*::.*$)");
  for (const auto& l : lines) CHECK(std::regex_match(l, command));
  CHECK(has(r.out, "::error file=bad/Dockerfile,line=2,col=5,title=restage syntax-error::"));
  CHECK(has(r.out, "::warning file=go/Dockerfile,line=1,endLine="));
  CHECK(has(r.out, ",title=RS001 prefer-multi-stage-build::Use a multi-stage build"));
  CHECK(has(r.out, "::error file=svc/Dockerfile,line=7,col=35,title=RS002 trailing-comment::'#' here is not a comment"));
  CHECK(has(r.out, "::error file=svc/Dockerfile,line=6,col=1,title=RS003 runtime-cannot-start::"));
  CHECK(has(r.out, "::error file=odd%2Cname%3Ax/Dockerfile,line=7,"));
  // suggest takes the format too, with the same lines for the same file.
  auto s = runRestage({"suggest", "svc/Dockerfile", "--format", "github"}, t.path());
  for (const auto& l : lines) {
    if (has(l, "file=svc/Dockerfile")) CHECK(has(s.out, l + "\n"));
  }
}

TEST_CASE("batch-formats: sarif and rdjson for a whole tree, as suggest reports each file", "[batch-formats]") {
  TempTree t;
  t.write("svc/Dockerfile", kBroken);
  t.write("go/Dockerfile", kGo);
  t.write("bad/Dockerfile", "FROM alpine\nENV A\n");
  for (const std::string format : {"sarif", "rdjson"}) {
    INFO(format);
    // No folder: the current one, as ruff and hadolint take it.
    auto batch = runRestage({"batch", "--format", format, "--no-git"}, t.path());
    CHECK(batch.status == 2);
    CHECK(batch.err.empty());
    auto suggest = runRestage({"suggest", "bad/Dockerfile", "go/Dockerfile", "svc/Dockerfile", "--format", format}, t.path());
    CHECK(suggest.status == 2);
    json b = json::parse(batch.out), s = json::parse(suggest.out);
    if (format == "sarif") {
      CHECK(b["runs"][0]["results"] == s["runs"][0]["results"]);
      auto notes = b["runs"][0]["invocations"][0];
      CHECK(notes["executionSuccessful"] == false);
      REQUIRE(notes["toolExecutionNotifications"].size() == 1);
      CHECK(notes["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
            "bad/Dockerfile");
    } else {
      CHECK(b["diagnostics"] == s["diagnostics"]);
    }
    // The three files: RS001 on go, RS002 and RS003 on svc, the error on bad.
    std::set<std::string> ids;
    if (format == "sarif") {
      for (const auto& res : b["runs"][0]["results"]) ids.insert(res["ruleId"].get<std::string>());
    } else {
      for (const auto& d : b["diagnostics"]) ids.insert(d["code"]["value"].get<std::string>());
    }
    CHECK(ids.count("RS001") == 1);
    CHECK(ids.count("RS002") == 1);
    CHECK(ids.count("RS003") == 1);
  }
  // -v: the error on stderr too.
  auto verbose = runRestage({"batch", "--format", "sarif", "--no-git", "-v"}, t.path());
  CHECK(has(verbose.err, "bad/Dockerfile: error [syntax-error]"));
}

TEST_CASE("suggest-folders: a folder stands for its Dockerfiles, found as batch finds them", "[suggest-folders]") {
  TempTree t;
  t.write("repo/svc/Dockerfile", kBroken);
  t.write("repo/go/Dockerfile.prod", kGo);
  t.write("repo/notes/Dockerfile.md", "# not a Dockerfile\n");
  auto r = runRestage({"suggest", "repo", "--format", "json", "--no-git"}, t.path());
  REQUIRE(r.status == 0);
  std::vector<std::string> paths;
  json doc = json::parse(r.out);
  for (const auto& f : doc["files"]) paths.push_back(f["path"]);
  CHECK(paths == std::vector<std::string>{"repo/go/Dockerfile.prod", "repo/svc/Dockerfile"});
  // "." is the repository itself, without a leading ./.
  auto here = runRestage({"suggest", ".", "--format", "json", "--no-git"}, t.path() / "repo");
  std::vector<std::string> herePaths;
  json hereDoc = json::parse(here.out);
  for (const auto& f : hereDoc["files"]) herePaths.push_back(f["path"]);
  CHECK(herePaths == std::vector<std::string>{"go/Dockerfile.prod", "svc/Dockerfile"});
}

TEST_CASE("codes: migrate's text names the code, as batch does, and prints the findings", "[codes]") {
  TempTree t;
  t.write("seed/Dockerfile", kBroken);
  t.write("py/Dockerfile", "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"python\", \"/app/main.py\"]\n");
  auto seed = runRestage({"migrate", "seed/Dockerfile"}, t.path());
  CHECK(seed.status == 1);
  CHECK(has(seed.err, "seed/Dockerfile: unchanged [already-multi-stage]: "));
  CHECK(has(seed.err, "seed/Dockerfile:7:35: finding [trailing-comment]: "));
  CHECK(has(seed.err, "seed/Dockerfile:6:1: finding [runtime-cannot-start]: "));
  auto py = runRestage({"migrate", "py/Dockerfile"}, t.path());
  CHECK(py.status == 1);
  std::smatch m;
  REQUIRE(std::regex_search(py.err, m, std::regex(R"(py/Dockerfile: refused \[([a-z-]+)\]: )")));
  auto batch = runRestage({"batch", "py", "--no-git"}, t.path());
  CHECK(has(batch.out, "py/Dockerfile: refused [" + m[1].str() + "]: "));
  // The JSON carries the same findings as batch's report.
  auto mj = json::parse(runRestage({"migrate", "seed/Dockerfile", "--format", "json"}, t.path()).out);
  auto bj = json::parse(runRestage({"batch", "seed", "--format", "json", "--no-git"}, t.path()).out);
  CHECK(mj["findings"] == bj["files"][0]["findings"]);
  // No package.json in the context: the message does not say package.json lacks a script.
  for (const auto& f : mj["findings"]) CHECK_FALSE(has(f["message"].get<std::string>(), "package.json has no"));
  CHECK(has(mj["findings"][1]["message"].get<std::string>(), "the build context has no package.json"));
}

TEST_CASE("quiet: only what fails the run; machine formats keep stderr empty", "[quiet]") {
  TempTree t;
  t.write("seed/Dockerfile", kBroken);
  t.write("go/Dockerfile", kGo);
  t.write("multi/Dockerfile",
          "FROM golang:1.22 AS b\nRUN go version > /v\nFROM alpine:3.20\nCOPY --from=b /v /v\nCMD [\"cat\", \"/v\"]\n");
  // Without --check nothing fails: nothing printed.
  auto quiet = runRestage({"batch", "-q", "--no-git"}, t.path());
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
  // With --check: the rewrite and the findings, not the summary or the fine file.
  auto check = runRestage({"batch", "-q", "--check", "--no-git"}, t.path());
  CHECK(check.status == 1);
  CHECK(has(check.out, "go/Dockerfile: would migrate ("));
  CHECK(has(check.out, "seed/Dockerfile:7:35: finding [trailing-comment]"));
  CHECK_FALSE(has(check.out, "summary"));
  CHECK_FALSE(has(check.out, "multi/Dockerfile"));
  // fail-on decides what is printed: only the findings that fail.
  auto onlyComment = runRestage({"batch", "-q", "--check", "--no-git", "--fail-on", "RS002"}, t.path());
  CHECK(onlyComment.status == 1);
  CHECK(has(onlyComment.out, "finding [trailing-comment]"));
  CHECK_FALSE(has(onlyComment.out, "runtime-cannot-start"));
  CHECK_FALSE(has(onlyComment.out, "would migrate"));
  // An error always.
  t.write("bad/Dockerfile", "FROM alpine\nENV A\n");
  auto error = runRestage({"batch", "-q", "--no-git"}, t.path());
  CHECK(error.status == 2);
  CHECK(has(error.out, "bad/Dockerfile:2:5: error [syntax-error]"));
  // JSON, SARIF, rdjson, github: the document alone on stdout, and nothing on
  // stderr, not even the progress bar a terminal gets (it draws at the first
  // file), unless -v.
  for (const std::string format : {"json", "sarif", "rdjson", "github"}) {
    INFO(format);
    CHECK(stderrOnTerminal({"batch", "--format", format, "--no-git"}, t.path()).empty());
    CHECK(has(stderrOnTerminal({"batch", "--format", format, "--no-git", "-v"}, t.path()), "files"));
  }
  CHECK(has(stderrOnTerminal({"batch", "--no-git"}, t.path()), "files"));
  CHECK(stderrOnTerminal({"batch", "--no-git", "-q"}, t.path()).empty());
}

TEST_CASE("entrypoint: a go run ENTRYPOINT stays the ENTRYPOINT, CMD its default arguments", "[entrypoint]") {
  TempTree t;
  t.copy(fs::path(RESTAGE_CLI_CASES) / "go-run-entrypoint" / "context", "app");
  auto r = runRestage({"migrate", "app/Dockerfile"}, t.path());
  REQUIRE(r.status == 0);
  std::string runtime = r.out.substr(r.out.find("FROM gcr.io"));
  CHECK(has(runtime, "ENTRYPOINT [\"/usr/local/bin/app\"]\nCMD [\"-addr\", \":8080\"]\n"));
  CHECK(has(r.err, "with the original CMD as its default arguments, so arguments given to `docker run` still reach the app"));
  // A CMD that runs go run stays a CMD (docker run IMAGE ARGS replaces it, as before).
  t.write("app/Dockerfile", "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nCMD [\"go\", \"run\", \"./cmd/api\", \"-addr\", \":8080\"]\n");
  auto cmd = runRestage({"migrate", "app/Dockerfile"}, t.path());
  REQUIRE(cmd.status == 0);
  CHECK(has(cmd.out, "CMD [\"/usr/local/bin/app\", \"-addr\", \":8080\"]\n"));
  CHECK_FALSE(has(cmd.out, "ENTRYPOINT"));
  // A shell-form ENTRYPOINT ignored CMD and docker run's arguments: exec form now, and the explanation says what changed.
  t.write("app/Dockerfile", "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nENTRYPOINT go run ./cmd/api -addr :8080\nCMD [\"x\"]\n");
  auto shell = runRestage({"migrate", "app/Dockerfile"}, t.path());
  REQUIRE(shell.status == 0);
  CHECK(has(shell.out, "ENTRYPOINT [\"/usr/local/bin/app\", \"-addr\", \":8080\"]\n"));
  CHECK_FALSE(has(shell.out, "CMD [\"x\"]"));
  CHECK(has(shell.err, "arguments given to `docker run` now reach the app; the shell form ignored them"));
}
