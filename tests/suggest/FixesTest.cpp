// Unsafe fixes for findings (transforms/RepairRuntimeStage.h): the comment
// moved to its own line (RS002), and the seed's runtime stage put on the
// builder's small node image with what the start needs (RS003). Each fix is
// checked byte for byte, as the outputs carry it, and by what restage says
// about the fixed file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "edit/Edit.h"
#include "migrate/Migration.h"
#include "migrate/RuntimeCheck.h"
#include "output/GithubReviewFormat.h"
#include "output/RdjsonFormat.h"
#include "output/SarifFormat.h"
#include "output/SuggestJsonFormat.h"
#include "suggest/Findings.h"
#include "suggest/Suggestion.h"
#include "SuggestTestSupport.h"
#include "suggest/LineDiff.h"
#include "support/TestSupport.h"
#include "syntax/DockerfileReader.h"

using nlohmann::json;
using namespace restage::suggest;
using restage::suggest::test::TempDir;
using restage::suggest::test::writeText;

namespace {

const char* kBuilder =
    "FROM node:20 AS builder\n"
    "WORKDIR /app\n"
    "COPY . .\n"
    "RUN npm ci\n"
    "RUN npm run build\n";

// The seed's runtime stage.
const char* kSeedRuntime =
    "FROM scratch\n"
    "COPY --from=builder /app/build .  # Copy only the build artifacts\n"
    "CMD [\"npm\", \"start\"]\n";

const char* kPackageJson = R"({"name": "app", "version": "1.0.0",
  "scripts": {"build": "node scripts/build.js", "start": "node build/server.js",
              "serve": "node build/server.js", "other": "node server.js", "sh": "node a.js && node b.js"},
  "dependencies": {"ms": "^2.1.3"}}
)";

// A build context with package.json and its lock.
struct App {
  TempDir dir;
  explicit App(const std::string& packageJson = kPackageJson) {
    writeText(dir.path() / "package.json", packageJson);
    writeText(dir.path() / "package-lock.json", "{}\n");
  }
  restage::migrate::Options options() const {
    restage::migrate::Options o;
    o.context = dir.path();
    return o;
  }
  restage::migrate::Result migrate(const std::string& text) const {
    return restage::migrate::migrateSource(text, "Dockerfile", options());
  }
};

const Finding* byRule(const std::vector<Finding>& found, const Rule& rule) {
  for (const auto& f : found) {
    if (f.rule == &rule) return &f;
  }
  return nullptr;
}

// The fixed file passes what the brief asks of it: it parses, the stage
// checks pass, and restage finds nothing in it any more.
void checkFixed(const App& app, const std::string& text) {
  auto doc = restage::syntax::readDockerfile(text, "Dockerfile");
  REQUIRE(doc.ok());
  CHECK(restage::migrate::checkRuntimeStage(doc).empty());
  CHECK(restage::migrate::checkStageReferences(doc).empty());
  CHECK(app.migrate(text).findings.empty());
  for (const auto& line : restage::suggest::splitLines(text)) CHECK(line.text.size() <= 101);
}

const char* kSeedRepaired =
    "FROM node:20-slim\n"
    "WORKDIR /app\n"
    "# What `npm start` needs besides the build output\n"
    "COPY --from=builder /app/package.json /app/package-lock.json ./\n"
    "COPY --from=builder /app/node_modules ./node_modules\n"
    "# Copy only the build artifacts\n"
    "COPY --from=builder /app/build ./build\n"
    "CMD [\"npm\", \"start\"]\n";

}  // namespace

TEST_CASE("fixes: the seed's example, each fix alone and all of them", "[fixes]") {
  App app;
  std::string seed = std::string(kBuilder) + kSeedRuntime;
  auto found = app.migrate(seed).findings;
  REQUIRE(found.size() == 2);

  const Finding* comment = byRule(found, kTrailingComment);
  REQUIRE(comment);
  REQUIRE(comment->fix);
  CHECK(comment->fix->applicability == Applicability::Unsafe);
  CHECK(restage::edit::applyEdits(seed, comment->fix->edits) ==
        std::string(kBuilder) +
            "FROM scratch\n"
            "# Copy only the build artifacts\n"
            "COPY --from=builder /app/build .\n"
            "CMD [\"npm\", \"start\"]\n");
  CHECK(comment->fix->hunk.startLine == 7);
  CHECK(comment->fix->hunk.lineCount == 1);
  CHECK(comment->fix->hunk.replacement == "# Copy only the build artifacts\nCOPY --from=builder /app/build .\n");

  const Finding* start = byRule(found, kRuntimeCannotStart);
  REQUIRE(start);
  REQUIRE(start->fix);
  CHECK_THAT(start->message, !Catch::Contains("No fix"));
  CHECK_THAT(start->fix->description, Catch::Contains("node:20-slim"));
  // The repair leaves NODE_ENV as the stage had it (unset): apps pick configs by it.
  CHECK_THAT(start->fix->description, !Catch::Contains("NODE_ENV"));
  CHECK_THAT(start->fix->description,
             Catch::Contains("package.json, package-lock.json, node_modules and /app/build"));
  std::string repaired = std::string(kBuilder) + kSeedRepaired;
  CHECK(restage::edit::applyEdits(seed, start->fix->edits) == repaired);
  checkFixed(app, repaired);
  // The line form covers the stage's lines 6-8 and gives the same text.
  CHECK(start->fix->hunk.startLine == 6);
  CHECK(start->fix->hunk.endLine() == 8);
  CHECK(applyHunks(seed, {start->fix->hunk}) == repaired);

  // Sorted, and no two edits meet (one edit where they would), so no
  // consumer sees two edits at one offset.
  for (const Finding* f : {comment, start}) {
    for (std::size_t k = 1; k < f->fix->edits.size(); ++k) {
      CHECK(f->fix->edits[k - 1].end() < f->fix->edits[k].offset);
    }
  }
  CHECK(start->fix->edits.size() == 2);

  // All fixes, ruff's way: the two overlap on line 7, and the runtime stage's
  // fix, first in the file, moves that comment too; a second round finds nothing.
  FixRun run = applyFixes(seed, "Dockerfile", app.options());
  CHECK(run.text == repaired);
  REQUIRE(run.applied.size() == 1);
  CHECK(run.applied[0].rule == &kRuntimeCannotStart);
  CHECK(run.remaining.empty());
  // Nothing left to do: running it again changes nothing.
  FixRun again = applyFixes(run.text, "Dockerfile", app.options());
  CHECK(again.text == run.text);
  CHECK(again.applied.empty());
}

TEST_CASE("fixes: start variants get the same runtime stage", "[fixes]") {
  App app;
  struct Case {
    const char* cmd;
    const char* comment;  // the line above the package.json copy
  };
  for (Case c : {Case{"CMD [\"npm\", \"run\", \"serve\"]", "# What `npm run serve` needs besides the build output"},
                 Case{"CMD [\"node\", \"build/server.js\"]", "# What `node build/server.js` needs besides the build output"},
                 Case{"CMD npm start", "# What `npm start` needs besides the build output"},
                 Case{"CMD [\"yarn\", \"start\"]", "# What `yarn start` needs besides the build output"}}) {
    INFO(c.cmd);
    std::string text = std::string(kBuilder) + "FROM gcr.io/distroless/static-debian12\n" +
                       "COPY --from=builder /app/build /srv\n" + c.cmd + "\n";
    auto found = app.migrate(text).findings;
    REQUIRE(found.size() == 1);
    REQUIRE(found[0].fix);
    std::string fixed = restage::edit::applyEdits(text, found[0].fix->edits);
    CHECK(fixed == std::string(kBuilder) + "FROM node:20-slim\nWORKDIR /app\n" + c.comment +
                       "\nCOPY --from=builder /app/package.json /app/package-lock.json ./\n"
                       "COPY --from=builder /app/node_modules ./node_modules\n"
                       "COPY --from=builder /app/build ./build\n" + c.cmd + "\n");
    checkFixed(app, fixed);
  }
}

TEST_CASE("fixes: a COPY without a trailing comment, a stage that sets NODE_ENV, an alpine builder", "[fixes]") {
  App app;
  std::string text = std::string(kBuilder) + "FROM scratch AS runtime\nENV NODE_ENV=staging\n"
                     "COPY --from=builder /app/build/ ./\nEXPOSE 3000\nCMD [\"npm\", \"start\"]\n";
  auto found = app.migrate(text).findings;
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  CHECK_THAT(found[0].fix->description, !Catch::Contains("NODE_ENV"));
  CHECK_THAT(found[0].fix->description, Catch::StartsWith("Run the last stage on node:20-slim, the small variant of "
                                                          "the builder's node:20, in its WORKDIR /app, with package.json"));
  std::string fixed = restage::edit::applyEdits(text, found[0].fix->edits);
  CHECK(fixed == std::string(kBuilder) +
                     "FROM node:20-slim AS runtime\nWORKDIR /app\n"
                     "# What `npm start` needs besides the build output\n"
                     "COPY --from=builder /app/package.json /app/package-lock.json ./\n"
                     "COPY --from=builder /app/node_modules ./node_modules\n"
                     "ENV NODE_ENV=staging\nCOPY --from=builder /app/build/ ./build\nEXPOSE 3000\n"
                     "CMD [\"npm\", \"start\"]\n");
  checkFixed(app, fixed);

  std::string alpine = "FROM node:20-alpine AS build\nWORKDIR /srv/app\nCOPY package.json package-lock.json ./\n"
                       "RUN npm ci\nCOPY . .\nRUN npm run build\nFROM scratch\n"
                       "COPY --from=build /srv/app/build /build\nCMD [\"node\", \"build/server.js\"]\n";
  found = app.migrate(alpine).findings;
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  fixed = restage::edit::applyEdits(alpine, found[0].fix->edits);
  CHECK_THAT(fixed, Catch::Contains("FROM node:20-alpine\nWORKDIR /srv/app\n"));
  CHECK_THAT(found[0].fix->description, Catch::StartsWith("Run the last stage on the builder's own image node:20-alpine"));
  CHECK_THAT(fixed, Catch::Contains("COPY --from=build /srv/app/build ./build\n"));
  checkFixed(app, fixed);
}

TEST_CASE("fixes: no runtime fix where the repair is not clear, and the message says why", "[fixes]") {
  App app;
  struct Case {
    std::string text;
    const char* why;
  };
  std::vector<Case> cases{
      {"FROM golang:1.22 AS builder\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/build/server .\n"
       "FROM scratch\nCOPY --from=builder /app/build .\nCMD [\"npm\", \"start\"]\n",
       "is not a node image"},
      {std::string(kBuilder) + "FROM scratch\nCOPY --from=builder /app/build .\nCMD [\"npm\", \"run\", \"other\"]\n",
       "copies nothing that holds /app/server.js"},
      {std::string(kBuilder) + "FROM scratch\nCOPY --from=builder /app/build .\nCMD [\"npm\", \"run\", \"sh\"]\n",
       "script needs a shell"},
      {std::string(kBuilder) + "FROM scratch\nCOPY --from=builder /app/build .\nCMD [\"npm\", \"run\", \"nope\"]\n",
       "package.json has no `nope` script"},
      {std::string(kBuilder) + "FROM scratch\nCOPY --from=builder /app/build .\nCMD [\"/app/server\"]\n", ""},
      {std::string(kBuilder) + "FROM alpine:3.20\nRUN apk add nodejs\nCOPY --from=builder /app/build .\n"
       "CMD [\"npm\", \"start\"]\n",
       "runs a command on alpine:3.20"},
      {std::string(kBuilder) + "FROM scratch\nCMD [\"npm\", \"start\"]\n", "copies nothing from an earlier stage"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto found = app.migrate(c.text).findings;
    const Finding* start = byRule(found, kRuntimeCannotStart);
    if (!*c.why) {
      // scratch runs /app/server without a PATH lookup: nothing to repair.
      CHECK(start == nullptr);
      continue;
    }
    REQUIRE(start);
    CHECK_FALSE(start->fix);
    CHECK_THAT(start->message, Catch::Contains("No fix is offered: "));
    CHECK_THAT(start->message, Catch::Contains(c.why));
  }
  // Without a build context, `npm start`'s script cannot be read.
  auto found = restage::migrate::migrateSource(std::string(kBuilder) + kSeedRuntime, "Dockerfile", {}).findings;
  const Finding* start = byRule(found, kRuntimeCannotStart);
  REQUIRE(start);
  CHECK_FALSE(start->fix);
  CHECK_THAT(start->message, Catch::Contains("without the build context restage cannot read package.json's `start` script"));
  // The trailing comment's fix needs no context.
  REQUIRE(byRule(found, kTrailingComment));
  CHECK(byRule(found, kTrailingComment)->fix);
}

TEST_CASE("fixes: trailing comments elsewhere", "[fixes]") {
  App app;
  std::string text = "FROM alpine:3.20 AS base\n  EXPOSE 8080   # http\nFROM base\nCMD [\"true\"]\n";
  auto found = app.migrate(text).findings;
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  CHECK(restage::edit::applyEdits(text, found[0].fix->edits) ==
        "FROM alpine:3.20 AS base\n  # http\n  EXPOSE 8080\nFROM base\nCMD [\"true\"]\n");
  // CRLF lines keep their ending.
  std::string crlf = "FROM alpine:3.20 AS base\r\nEXPOSE 8080 # http\r\nFROM base\r\nCMD [\"true\"]\r\n";
  found = app.migrate(crlf).findings;
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  CHECK(restage::edit::applyEdits(crlf, found[0].fix->edits) ==
        "FROM alpine:3.20 AS base\r\n# http\r\nEXPOSE 8080\r\nFROM base\r\nCMD [\"true\"]\r\n");
  // A comment that is all the arguments: no fix.
  found = app.migrate("FROM alpine:3.20 AS base\nWORKDIR # x\nFROM base\nCMD [\"true\"]\n").findings;
  REQUIRE(found.size() == 1);
  CHECK_FALSE(found[0].fix);
  CHECK_THAT(found[0].message, Catch::Contains("No fix is offered: without the comment the instruction has no arguments"));
}

TEST_CASE("fixes: SARIF, rdjson, github-review and JSON carry them, and they apply", "[fixes]") {
  App app;
  std::string seed = std::string(kBuilder) + kSeedRuntime;
  std::vector<FileReport> reports;
  reports.push_back(makeReport(app.migrate(seed), "svc/Dockerfile"));
  REQUIRE(reports[0].findings.size() == 2);
  std::string repaired = std::string(kBuilder) + kSeedRepaired;

  json sarif = json::parse(restage::output::sarif(reports, "0.1.0"));
  const auto& results = sarif["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  const auto& rs003 = results[1];
  CHECK(rs003["ruleId"] == "RS003");
  REQUIRE(rs003["fixes"].size() == 1);
  CHECK(rs003["properties"]["applicability"] == "unsafe");
  CHECK_THAT(rs003["fixes"][0]["description"]["text"].get<std::string>(),
             Catch::StartsWith("Unsafe fix: review before applying."));
  CHECK(test::applySarifReplacements(seed, rs003["fixes"][0]["artifactChanges"][0]["replacements"]) == repaired);
  CHECK(results[0]["fixes"].size() == 1);

  json rd = json::parse(restage::output::rdjson(reports));
  const auto& diag = rd["diagnostics"][1];
  CHECK(diag["code"]["value"] == "RS003");
  CHECK_THAT(diag["message"].get<std::string>(), Catch::Contains("Unsafe fix: review before applying."));
  REQUIRE(diag["suggestions"].size() == 1);
  const auto& s = diag["suggestions"][0];
  CHECK(test::applyLinewise(seed, {{s["range"]["start"]["line"], s["range"]["end"]["line"], s["text"]}}) == repaired);

  json review = json::parse(restage::output::githubReview(reports, std::nullopt));
  REQUIRE(review["comments"].size() == 2);
  CHECK(review["comments"][1]["start_line"] == 6);
  CHECK(review["comments"][1]["line"] == 8);
  CHECK_THAT(review["comments"][1]["body"].get<std::string>(), Catch::Contains("unsafe fix: review before applying"));
  CHECK_THAT(review["comments"][1]["body"].get<std::string>(), Catch::Contains("```suggestion\nFROM node:20-slim\n"));
  CHECK_THAT(review["body"].get<std::string>(), Catch::Contains("2 problems in the Dockerfiles as they are come with an unsafe fix"));
  CHECK_THAT(review["body"].get<std::string>(), Catch::StartsWith("restage suggests no multi-stage build"));

  // With --changed-from, a fix outside the pull request's added lines goes
  // into the body as a diff (GitHub would reject the whole review).
  reports[0].commentable = std::vector<LineSpan>{{7, 7}};
  json partial = json::parse(restage::output::githubReview(reports, std::nullopt));
  REQUIRE(partial["comments"].size() == 1);
  CHECK(partial["comments"][0]["line"] == 7);
  std::string body = partial["body"];
  CHECK_THAT(body, Catch::Contains("<code>svc/Dockerfile</code> line 6: RS003 runtime-cannot-start, unsafe fix outside"));
  CHECK_THAT(body, Catch::Contains("\n-FROM scratch\n"));
  CHECK_THAT(body, Catch::Contains("\n+FROM node:20-slim\n"));
  CHECK_THAT(body, !Catch::Contains("RS002 trailing-comment, unsafe fix outside"));
  reports[0].commentable.reset();

  json j = json::parse(restage::output::suggestJson(reports, "0.1.0"));
  const auto& fix = j["files"][0]["findings"][1]["fix"];
  CHECK(fix["safe"] == false);
  std::vector<restage::edit::Edit> edits;
  for (const auto& e : fix["edits"]) edits.push_back({e["offset"], e["length"], e["replacement"]});
  CHECK(restage::edit::applyEdits(seed, edits) == repaired);
}

TEST_CASE("fixes: migrate --unsafe-fixes prints, diffs and writes the repaired file, only with the flag", "[fixes][cli]") {
  App app;
  std::string seed = std::string(kBuilder) + kSeedRuntime;
  writeText(app.dir.path() / "Dockerfile", seed);
  std::string file = (app.dir.path() / "Dockerfile").string();
  auto plain = test::runCommand({test::restageBinary(), "migrate", file});
  CHECK(plain.status == 1);
  CHECK(plain.out == seed);

  auto fixed = test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", file});
  CHECK(fixed.status == 0);
  CHECK(fixed.out == std::string(kBuilder) + kSeedRepaired);
  CHECK_THAT(fixed.err, Catch::Contains("1 unsafe fix applied"));
  CHECK(test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", "--check", file}).status == 1);

  auto asJson = test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", "--format", "json", file});
  json j = json::parse(asJson.out);
  CHECK(j["unsafe_fixes"]["applied"].size() == 1);
  CHECK(j["unsafe_fixes"]["remaining"].empty());

  CHECK(restage::test::readText(app.dir.path() / "Dockerfile") == seed);  // nothing written so far
  auto written = test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", "--write", file});
  CHECK(written.status == 0);
  CHECK(restage::test::readText(app.dir.path() / "Dockerfile") == std::string(kBuilder) + kSeedRepaired);

  // A trailing comment alone (no runtime problem): one fix, then a diff.
  std::string comment = "FROM alpine:3.20 AS base\nEXPOSE 8080 # http\nFROM base\nCMD [\"true\"]\n";
  writeText(app.dir.path() / "Dockerfile", comment);
  auto diff = test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", "--diff", file});
  CHECK(diff.status == 0);
  CHECK_THAT(diff.out, Catch::Contains("-EXPOSE 8080 # http\n+# http\n+EXPOSE 8080\n"));

  // A single-stage file: the fix, then the migration of the fixed text.
  writeText(app.dir.path() / "Dockerfile",
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000  # http\nCMD [\"npm\", \"start\"]\n");
  auto migrated = test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", file});
  CHECK(migrated.status == 0);
  CHECK_THAT(migrated.out, Catch::Contains("FROM node:20 AS builder\n"));
  CHECK_THAT(migrated.out, Catch::Contains("# http\nEXPOSE 3000\n"));
  CHECK_THAT(migrated.err, Catch::Contains("fixed RS002 trailing-comment (line 5)"));

  // `# restage: ignore` and .restage.yaml's exclude leave the file as it is.
  std::string ignored = "# restage: ignore reason=legacy\n" + seed;
  writeText(app.dir.path() / "Dockerfile", ignored);
  auto kept = test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", file});
  CHECK(kept.status == 1);
  CHECK(kept.out == ignored);
  writeText(app.dir.path() / "Dockerfile", seed);
  writeText(app.dir.path() / ".restage.yaml", "exclude:\n  - Dockerfile\n");
  auto excluded = test::runCommand({test::restageBinary(), "migrate", "--unsafe-fixes", file});
  CHECK(excluded.status == 1);
  CHECK(excluded.out == seed);
}

TEST_CASE("fixes: a trailing comment on every instruction of the real-world corpus", "[fixes]") {
  // Each corpus file with " # note" after the last line of every COPY, ADD,
  // EXPOSE, WORKDIR, USER and VOLUME: every comment is a finding with
  // a fix; each fix alone leaves a file that parses with one finding fewer,
  // and all fixes together leave none.
  std::size_t files = 0, fixes = 0;
  for (const auto& c : test::corpusMigrations()) {
    if (c.result.status == restage::migrate::Status::Error) continue;
    auto doc = restage::syntax::readDockerfile(c.result.original, c.path);
    if (!doc.ok()) continue;
    restage::edit::EditSet notes;
    for (const auto& ins : doc.instructions) {
      using K = restage::ast::InstructionKind;
      // Instructions that take free words (LABEL, ENV, FROM would be syntax errors).
      bool words = ins.kind == K::Copy || ins.kind == K::Add || ins.kind == K::Expose || ins.kind == K::Workdir ||
                   ins.kind == K::User || ins.kind == K::Volume;
      if (!words || !ins.heredocs.empty() || ins.nodes.empty()) continue;
      std::size_t end = ins.range.end;
      if (end > 0 && c.result.original[end - 1] == '\r') --end;
      notes.insert(end, " # note");
    }
    if (notes.empty()) continue;
    std::string text = notes.apply(c.result.original);
    INFO(c.path);
    REQUIRE(restage::syntax::readDockerfile(text, c.path).ok());
    auto before = restage::migrate::migrateSource(text, c.path, {}).findings;
    std::size_t comments = 0;
    for (const auto& f : before) {
      if (f.rule != &kTrailingComment) continue;
      ++comments;
      REQUIRE(f.fix);
      ++fixes;
      std::string fixed = restage::edit::applyEdits(text, f.fix->edits);
      auto reparsed = restage::syntax::readDockerfile(fixed, c.path);
      INFO(fixed);
      REQUIRE(reparsed.ok());
      std::size_t after = 0;
      for (const auto& g : restage::migrate::migrateSource(fixed, c.path, {}).findings) after += g.rule == &kTrailingComment;
      CHECK(after + 1 == notes.edits().size());
    }
    CHECK(comments == notes.edits().size());
    FixRun run = applyFixes(text, c.path, {});
    for (const auto& f : run.remaining) CHECK(f.rule != &kTrailingComment);
    ++files;
  }
  CHECK(files > 40);
  INFO(files << " files, " << fixes << " fixes");
  CHECK(fixes > 100);
}
