// The inline ignore comment (src/config/InlineIgnore.*) and the policy steps
// (src/config/Policy.*): languages, min-saving, runtime-base, ignore.
#include <catch2/catch.hpp>

#include <string>

#include "config/Config.h"
#include "config/ConfigTestSupport.h"
#include "config/InlineIgnore.h"
#include "config/Policy.h"
#include "suggest/Findings.h"
#include "syntax/DockerfileReader.h"

using namespace restage;
using restage::config::test::TempTree;

namespace {

// A Go build that migrates without a context (saving about 269 MB).
const std::string kGo = "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o s .\nCMD [\"./s\"]\n";
// Already multi-stage and fine: restage reports nothing.
const std::string kMultiStage =
    "FROM golang:1.22 AS build\nRUN go build -o /out/hello .\nFROM gcr.io/distroless/static-debian12:nonroot\n"
    "COPY --from=build /out/hello /hello\nENTRYPOINT [\"/hello\"]\n";
// The seed's bug: multi-stage, and the runtime stage cannot start (RS003).
const std::string kSeed =
    "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\nFROM scratch\nCOPY --from=build /app /app\n"
    "CMD [\"npm\", \"start\"]\n";

migrate::Result run(const std::string& source, const config::Config* c = nullptr, migrate::Options o = {}) {
  return config::migrateSource(source, "Dockerfile", o, c);
}

config::IgnoreScan scan(const std::string& source) {
  return config::scanIgnoreComments(syntax::readDockerfile(source, "Dockerfile"));
}

std::vector<std::string> ruleNames(const migrate::Result& r) {
  std::vector<std::string> names;
  for (const auto& f : r.findings) names.emplace_back(f.rule->name);
  return names;
}

}  // namespace

TEST_CASE("ignore: a used ignore leaves the file unchanged with its reason", "[ignore]") {
  migrate::Result plain = run(kGo);
  REQUIRE(plain.status == migrate::Status::Migrated);

  std::string src = "# restage: ignore reason=the image is patched in place\n" + kGo;
  migrate::Result r = run(src);
  CHECK(r.status == migrate::Status::Unchanged);
  CHECK(r.code == "ignored");
  CHECK(r.reason ==
        "ignored by '# restage: ignore' on line 1: the image is patched in place (restage would report: migrated)");
  CHECK(r.output == src);
  CHECK(r.edits.empty());
  CHECK(r.explanation.empty());
  CHECK(r.estimatedSavingBytes == 0);
  CHECK(ruleNames(r).empty());

  // Quoted, anywhere in the file, any letter case of the words.
  migrate::Result quoted = run(kGo + "#   Restage : IGNORE Reason=\"kept: for the debugger\"  \n");
  CHECK(quoted.code == "ignored");
  CHECK(quoted.reason.find("on line 6: kept: for the debugger (") != std::string::npos);
  migrate::Result bare = run("FROM golang:1.22\n# restage: ignore\n" + kGo.substr(kGo.find('\n') + 1));
  CHECK(bare.reason == "ignored by '# restage: ignore' on line 2 (restage would report: migrated)");

  // A refusal and a finding are silenced too.
  migrate::Result refused = run("# restage: ignore\nFROM python:3.12\nCMD [\"python\"]\n");
  CHECK(refused.code == "ignored");
  CHECK(refused.reason.ends_with("(restage would report: unsupported-language)"));
  REQUIRE(run(kSeed).problems.size() > 0);
  migrate::Result seed = run("# restage: ignore reason=fixed in the next release\n" + kSeed);
  CHECK(seed.code == "ignored");
  CHECK(seed.problems.empty());
  CHECK(ruleNames(seed).empty());
}

TEST_CASE("ignore: an ignore with nothing to silence is reported unused", "[ignore]") {
  migrate::Result r = run(kMultiStage + "  # restage: ignore\n");
  CHECK(r.code == "already-multi-stage");
  auto found = r.findings;
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == &suggest::kUnusedIgnore);
  CHECK(found[0].line == 6);
  CHECK(found[0].column == 3);
  CHECK(found[0].message ==
        "unused '# restage: ignore': restage leaves this file unchanged anyway (already-multi-stage) and reports "
        "nothing in it; remove the comment");

  // A second ignore in an ignored file is unused; the first one is used.
  migrate::Result twice = run("# restage: ignore\n" + kGo + "# restage: ignore reason=again\n");
  CHECK(twice.code == "ignored");
  auto second = twice.findings;
  REQUIRE(second.size() == 1);
  CHECK(second[0].rule == &suggest::kUnusedIgnore);
  CHECK(second[0].line == 7);
  CHECK(second[0].message == "unused '# restage: ignore': the comment on line 1 already ignores the whole file");
}

TEST_CASE("ignore: malformed comments are findings with line and column; the file is not ignored", "[ignore]") {
  struct Case {
    const char* line;
    std::size_t column;
    const char* message;
  };
  const Case cases[] = {
      {"# restage: ignroe", 12,
       "unknown restage comment 'ignroe': the only one is '# restage: ignore' (optionally =CODE,... and reason=...)"},
      {"# restage:", 11,
       "'# restage:' with nothing after it; the ignore comment is '# restage: ignore' (the whole file) or "
       "'# restage: ignore=CODE' (the instruction below)"},
      {"# restage: ignore because=legacy", 19, "unknown key 'because' in '# restage: ignore' (the only one is reason=...)"},
      {"# restage: ignore legacy image", 19, "expected reason=... after 'ignore', not 'legacy image'"},
      {"# restage: ignore reason=", 26, "reason= is empty"},
      {"# restage: ignore reason=\"  \"", 26, "reason= is empty"},
      {"# restage: ignore reason=\"legacy", 26, "the reason's quote is never closed"},
      {"# restage: ignore reason='legacy' today", 35, "text after the quoted reason"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    migrate::Result r = run(kGo + c.line + "\n");
    CHECK(r.status == migrate::Status::Migrated);
    auto found = r.findings;
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == &suggest::kMalformedIgnore);
    CHECK(found[0].line == 6);
    CHECK(found[0].column == c.column);
    CHECK(found[0].message == c.message);
  }
  // Comments that merely mention restage are not restage's.
  for (const char* other : {"# restage the build later", "# restage ignore", "# see restage docs: ignore it",
                            "# restaged: ignore"}) {
    INFO(other);
    CHECK(scan(kGo + other + "\n").problems.empty());
    CHECK(scan(kGo + other + "\n").ignores.empty());
  }
}

TEST_CASE("ignore: only comment lines count, and the parser directives stay BuildKit's", "[ignore]") {
  // Inside a heredoc or a continuation, it is not a comment line of the file.
  CHECK(scan("FROM alpine\nRUN <<EOF\n# restage: ignore\nEOF\nCMD [\"sh\"]\n").ignores.empty());
  CHECK(scan("FROM alpine\nRUN echo a \\\n# restage: ignore\n  && echo b\nCMD [\"sh\"]\n").ignores.empty());

  // Below the directives: they stay directives, the ignore counts.
  std::string below = "# syntax=docker/dockerfile:1\n# escape=\\\n# restage: ignore\nFROM alpine\n";
  ast::Document doc = syntax::readDockerfile(below, "Dockerfile");
  REQUIRE(doc.directives.size() == 2);
  CHECK(doc.directives[0].name == "syntax");
  CHECK(doc.directives[1].name == "escape");
  auto ok = config::scanIgnoreComments(doc);
  CHECK(ok.ignores.size() == 1);
  CHECK(ok.problems.empty());

  // Above one: as for BuildKit, the comment ends the directives, so the
  // `# syntax=` line is a plain comment; that is reported.
  std::string above = "# restage: ignore\n# syntax=docker/dockerfile:1\nFROM alpine\n";
  ast::Document moved = syntax::readDockerfile(above, "Dockerfile");
  CHECK(moved.directives.empty());
  auto bad = config::scanIgnoreComments(moved);
  CHECK(bad.ignores.size() == 1);
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].line == 1);
  CHECK(bad.problems[0].message ==
        "this comment ends the parser directives, so BuildKit reads '# syntax=docker/dockerfile:1' on line 2 as a "
        "plain comment; put '# restage: ignore' below the directives");

  CHECK(config::mayHaveIgnoreComment("x\n#  RESTAGE\t: ignore\n"));
  CHECK_FALSE(config::mayHaveIgnoreComment(kGo));
}

TEST_CASE("policy: languages, min-saving and runtime-base from the configuration", "[ignore]") {
  config::Config onlyNode = config::parseConfig("languages: [node, cpp]\n", "x/.restage.yaml");
  migrate::Result go = run(kGo, &onlyNode);
  CHECK(go.status == migrate::Status::Unchanged);
  CHECK(go.code == "language-not-selected");
  CHECK(go.reason == "the file's language is go, and 'languages' in x/.restage.yaml lists only cpp, node");
  CHECK(go.output == go.original);
  migrate::Options lang;
  lang.language = "go";  // --lang beats the configuration
  CHECK(run(kGo, &onlyNode, lang).code == "migrated");
  migrate::Result python = run("FROM python:3.12\nCMD [\"python\"]\n", &onlyNode);
  CHECK(python.code == "language-not-selected");
  CHECK(python.reason == "the file's language is python, and 'languages' in x/.restage.yaml lists only cpp, node");
  // One restage cannot tell at all (that builds something: an image that
  // builds nothing is nothing-to-split whatever its language).
  migrate::Result unknown = run("FROM debian:12\nCOPY build.sh /build.sh\nRUN /build.sh\nCMD [\"./app\"]\n", &onlyNode);
  CHECK(unknown.code == "language-not-selected");
  CHECK(unknown.reason.starts_with("the file's language is not one restage rewrites, and"));

  config::Config big = config::parseConfig("min-saving: 300MB\n", "x/.restage.yaml");
  migrate::Result small = run(kGo, &big);
  CHECK(small.code == "below-min-saving");
  CHECK(small.reason ==
        "the estimated saving, 269 MB (269000000 bytes), is below 'min-saving: 300MB' (300000000 bytes) in "
        "x/.restage.yaml");
  config::Config enough = config::parseConfig("min-saving: 200 MiB\n", "x/.restage.yaml");
  CHECK(run(kGo, &enough).code == "migrated");

  config::Config base = config::parseConfig("runtime-base:\n  go: debian:bookworm-slim\n  node: node:20-slim\n",
                                            "x/.restage.yaml");
  migrate::Result slim = run(kGo, &base);
  CHECK(slim.code == "migrated");
  CHECK(slim.runtimeBase == "debian:bookworm-slim");
  migrate::Options given;
  given.runtimeBase = "debian:trixie-slim";  // --runtime-base beats the configuration
  CHECK(run(kGo, &base, given).runtimeBase == "debian:trixie-slim");
  // The planners' checks on a base still apply.
  config::Config distroless =
      config::parseConfig("runtime-base:\n  go: gcr.io/distroless/base-debian13:nonroot\n", "x/.restage.yaml");
  migrate::Result jq = run(
      "FROM golang:1.22\nRUN apt-get install -y jq\nWORKDIR /app\nCOPY . .\nRUN go build -o s .\nCMD [\"./s\"]\n",
      &distroless);
  CHECK(jq.status == migrate::Status::Refused);
  CHECK(jq.code == "runtime-effect-uncarriable");

  // An ignore in a file the configuration already leaves unchanged is unused.
  migrate::Result both = run("# restage: ignore\n" + kGo, &onlyNode);
  CHECK(both.code == "language-not-selected");
  REQUIRE(ruleNames(both) == std::vector<std::string>{"unused-ignore"});
}

TEST_CASE("policy: exclude and runtime-base paths are relative to the file's folder", "[ignore]") {
  TempTree t;
  t.write("repo/.restage.yaml",
          "exclude: [legacy/]\nruntime-base:\n  go: debian:bookworm-slim\n  paths:\n"
          "    'svc/billing/**': gcr.io/distroless/base-debian12\n");
  t.write("repo/legacy/Dockerfile", kGo);
  t.write("repo/svc/billing/Dockerfile", kGo);
  t.write("repo/svc/api/Dockerfile", kGo);
  config::Config c = config::loadConfig(t / "repo/.restage.yaml");

  migrate::Result legacy = config::migrateFile(t / "repo/legacy/Dockerfile", {}, &c);
  CHECK(legacy.status == migrate::Status::Unchanged);
  CHECK(legacy.code == "excluded");
  CHECK(legacy.reason == "excluded by 'legacy/' in " + (t / "repo/.restage.yaml").string());
  CHECK(legacy.original.empty());  // never read

  CHECK(config::migrateFile(t / "repo/svc/billing/Dockerfile", {}, &c).runtimeBase ==
        "gcr.io/distroless/base-debian12");
  CHECK(config::migrateFile(t / "repo/svc/api/Dockerfile", {}, &c).runtimeBase == "debian:bookworm-slim");
  CHECK(config::migrateFile(t / "repo/legacy/Dockerfile", {}, nullptr).code == "migrated");

  // What verify migrates with: the same runtime base.
  CHECK(config::optionsFor(t / "repo/svc/billing/Dockerfile", {}, &c).runtimeBase == "gcr.io/distroless/base-debian12");
  migrate::Options byLanguage = config::optionsFor(t / "repo/svc/api/Dockerfile", {}, &c);
  CHECK_FALSE(byLanguage.runtimeBase);
  CHECK(byLanguage.runtimeBaseByLanguage.at("go") == "debian:bookworm-slim");
  migrate::Options given;
  given.runtimeBase = "alpine:3.19";
  CHECK(config::optionsFor(t / "repo/svc/billing/Dockerfile", given, &c).runtimeBase == "alpine:3.19");
}
