// The effect model (src/analysis/Effects.cpp) and the runtime-effects pass
// (transforms/RuntimeEffects.cpp): what each instruction leaves in the image,
// how it is classified, and what a rewrite then carries, drops or refuses.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "analysis/BuildContext.h"
#include "analysis/Effects.h"
#include "catalog/Catalog.h"
#include "migrate/Migration.h"
#include "RewriteChecks.h"
#include "syntax/DockerfileReader.h"

namespace fs = std::filesystem;
using namespace restage;
using analysis::EffectKind;
using analysis::Need;

namespace {

struct Analysed {
  ast::Document doc;
  analysis::StageFacts facts;
  analysis::StageEffects effects;
};

Analysed analyse(const std::string& source, std::vector<std::string> runtimePrograms = {}) {
  Analysed a{syntax::readDockerfile(source, "Dockerfile"), {}, {}};
  REQUIRE(a.doc.ok());
  a.facts = analysis::analyzeStage(a.doc, a.doc.stages.front());
  analysis::EffectInput in{a.doc, a.facts, a.facts.finalWorkdir, std::move(runtimePrograms)};
  a.effects = analysis::stageEffects(in, catalog::Catalog::get().effectRules());
  return a;
}

const analysis::Effect* find(const Analysed& a, EffectKind kind, const std::string& subject) {
  for (const auto& e : a.effects.effects) {
    if (e.kind == kind && e.subject == subject) return &e;
  }
  return nullptr;
}

bool contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& l : lines) {
    if (l.find(part) != std::string::npos) return true;
  }
  return false;
}

migrate::Result migrateString(const std::string& source) { return migrate::migrateSource(source, "Dockerfile", {}); }

}  // namespace

TEST_CASE("effects: packages are build-only or runtime by the rules, removals and the start command", "[migrate][effects]") {
  auto a = analyse(
      "FROM debian:bookworm\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends g++ libssl-dev jq curl=7.88 ffmpeg\n"
      "RUN apt-get purge -y ffmpeg\n"
      "CMD [\"./app\"]\n",
      {"./app", "curl"});
  REQUIRE(find(a, EffectKind::Package, "g++"));
  CHECK(find(a, EffectKind::Package, "g++")->need == Need::BuildOnly);
  CHECK(find(a, EffectKind::Package, "libssl-dev")->need == Need::BuildOnly);
  CHECK(find(a, EffectKind::Package, "jq")->need == Need::Runtime);
  CHECK(find(a, EffectKind::Package, "jq")->line == 2);
  // curl is a download tool, but a program the start command runs.
  CHECK(find(a, EffectKind::Package, "curl")->need == Need::Runtime);
  CHECK(find(a, EffectKind::Package, "ffmpeg")->need == Need::BuildOnly);
  CHECK(find(a, EffectKind::Package, "ffmpeg")->reason == "removed again at line 3");
  CHECK(a.effects.packageManager() == "apt");
}

TEST_CASE("effects: an apk --virtual group removed later is build-only", "[migrate][effects]") {
  auto a = analyse(
      "FROM alpine:3.20\n"
      "RUN apk add --no-cache --virtual .deps gcc musl-dev sqlite-dev && apk add --no-cache graphviz\n"
      "RUN apk del .deps\n"
      "CMD [\"/app\"]\n");
  CHECK(find(a, EffectKind::Package, "sqlite-dev")->need == Need::BuildOnly);
  CHECK(find(a, EffectKind::Package, "graphviz")->need == Need::Runtime);
  CHECK(find(a, EffectKind::Package, "graphviz")->manager == "apk");
}

TEST_CASE("effects: paths written by COPY and RUN, inside and outside the app folder", "[migrate][effects]") {
  auto a = analyse(
      "FROM golang:1.22\n"
      "WORKDIR /app\n"
      "COPY --chown=1000:1000 config.yaml /etc/app/config.yaml\n"
      "RUN mkdir -p /var/log/app /tmp/scratch && touch /var/lib/app/db \\\n"
      " && curl -fsSL -o /opt/tool.tar.gz https://example.com/tool.tar.gz \\\n"
      " && tar -xzf /opt/tool.tar.gz -C /opt/tool && rm /opt/tool.tar.gz \\\n"
      " && echo ok > /etc/app/ready && ln -s /usr/share/zoneinfo/UTC /etc/localtime\n"
      "COPY . .\n"
      "CMD [\"./app\"]\n");
  const auto* config = find(a, EffectKind::Path, "/etc/app/config.yaml");
  REQUIRE(config);
  CHECK(config->need == Need::Runtime);
  CHECK(config->owner == std::optional<std::string>("1000:1000"));
  CHECK(find(a, EffectKind::Path, "/var/log/app")->directory);
  CHECK(find(a, EffectKind::Path, "/var/log/app")->need == Need::Runtime);
  CHECK(find(a, EffectKind::Path, "/tmp/scratch")->need == Need::BuildOnly);
  CHECK(find(a, EffectKind::Path, "/var/lib/app/db")->need == Need::Runtime);
  CHECK(find(a, EffectKind::Path, "/opt/tool.tar.gz")->need == Need::BuildOnly);  // removed again
  CHECK(find(a, EffectKind::Path, "/opt/tool")->need == Need::Runtime);
  CHECK(find(a, EffectKind::Path, "/etc/app/ready")->how == "a redirection");
  CHECK(find(a, EffectKind::Path, "/etc/localtime")->need == Need::Runtime);
  CHECK(find(a, EffectKind::Path, "/app")->inAppFolder);
}

TEST_CASE("effects: a program of the build and a download piped to a shell are unknown", "[migrate][effects]") {
  auto a = analyse(
      "FROM node:20\n"
      "WORKDIR /app\n"
      "RUN curl -fsSL https://example.com/install.sh | sh\n"
      "RUN node scripts/seed.js && npm ci && npm run build\n"
      "CMD [\"node\", \"server.js\"]\n");
  auto unknown = a.effects.of(Need::Unknown);
  REQUIRE(unknown.size() == 2);
  CHECK(unknown[0]->reason.find("line 3 pipes a download into sh") != std::string::npos);
  CHECK(unknown[1]->reason.find("line 4 runs `node scripts/seed.js`") != std::string::npos);
}

TEST_CASE("effects: a user is runtime when the stage runs as it, else build-only", "[migrate][effects]") {
  auto a = analyse(
      "FROM golang:1.22\n"
      "RUN groupadd -g 1501 app && useradd -u 1501 -g app app && useradd builder\n"
      "USER app\n"
      "CMD [\"/app\"]\n");
  CHECK(find(a, EffectKind::User, "app")->need == Need::Runtime);
  CHECK(find(a, EffectKind::User, "app")->uid == std::optional<std::string>("1501"));
  CHECK(find(a, EffectKind::Group, "app")->need == Need::Runtime);
  CHECK(find(a, EffectKind::User, "builder")->need == Need::BuildOnly);
}

TEST_CASE("carry: a distro tool moves a Go app off distroless and is installed again", "[migrate][effects]") {
  auto r = migrateString(
      "FROM golang:1.22\nRUN apt-get update && apt-get install -y jq\nWORKDIR /app\nCOPY main.go go.mod ./\n"
      "RUN go build -o server .\nCMD [\"./server\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.runtimeBase == "debian:bookworm-slim");
  CHECK(r.output.find("apt-get install -y jq") != std::string::npos);
  CHECK(contains(r.contract.carried, "package jq (line 2"));
  restage::test::checkRewrite(r);
}

TEST_CASE("carry: apt packages come with their Recommends only when the build installed them so",
          "[migrate][effects]") {
  auto with = migrateString(
      "FROM golang:1.22\nRUN apt-get update && apt-get install -y imagemagick\nWORKDIR /app\nCOPY . .\n"
      "RUN go build -o server .\nCMD [\"./server\"]\n");
  REQUIRE(with.status == migrate::Status::Migrated);
  CHECK(with.output.find("apt-get install -y imagemagick") != std::string::npos);
  CHECK(contains(with.explanation, "installs imagemagick with recommended packages, as the build did"));
  for (const char* flag : {"--no-install-recommends", "-o APT::Install-Recommends=false"}) {
    auto without = migrateString(std::string("FROM golang:1.22\nRUN apt-get update && apt-get install -y ") + flag +
                                 " imagemagick\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD [\"./server\"]\n");
    REQUIRE(without.status == migrate::Status::Migrated);
    CHECK(without.output.find("apt-get install -y --no-install-recommends imagemagick") != std::string::npos);
    CHECK_FALSE(contains(without.explanation, "recommended packages"));
  }
}

TEST_CASE("carry: files outside the app folder are copied with their owner; users created again", "[migrate][effects]") {
  auto r = migrateString(
      "FROM golang:1.22\nRUN useradd -u 1501 appuser && mkdir -p /var/log/app && chown appuser /var/log/app\n"
      "WORKDIR /app\nCOPY main.go go.mod ./\nCOPY app.yaml /etc/app/app.yaml\nRUN go build -o server .\n"
      "USER appuser\nCMD [\"./server\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.output.find("RUN useradd -u 1501 appuser") != std::string::npos);
  CHECK(r.output.find("COPY --from=builder --chown=appuser /var/log/app /var/log/app") != std::string::npos);
  CHECK(r.output.find("COPY --from=builder /etc/app/app.yaml /etc/app/app.yaml") != std::string::npos);
  CHECK(r.output.find("USER appuser") != std::string::npos);
  restage::test::checkRewrite(r);
}

TEST_CASE("carry: an unknown effect is refused with its line, or accepted as a risk", "[migrate][effects]") {
  std::string src = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && node seed.js\nCMD [\"node\", \"index.js\"]\n";
  auto refused = migrateString(src);
  CHECK(refused.status == migrate::Status::Refused);
  CHECK(refused.code == "runtime-effect-unknown");
  CHECK(refused.reason.find("line 4 runs `node seed.js`") != std::string::npos);
  CHECK(refused.output == refused.original);
  migrate::Options accept;
  accept.acceptUnknown = true;
  auto risky = migrate::migrateSource(src, "Dockerfile", accept);
  REQUIRE(risky.status == migrate::Status::Migrated);
  CHECK(contains(risky.contract.risks, "line 4 runs `node seed.js`"));
}

TEST_CASE("carry: a COPY into / itself is refused, never carried as /", "[migrate][effects]") {
  auto r = migrateString("FROM golang:1.22\nWORKDIR /app\nCOPY . .\nCOPY rootfs/ /\nRUN CGO_ENABLED=0 go build -o app .\n"
                         "CMD [\"./app\"]\n");
  CHECK(r.status == migrate::Status::Refused);
  CHECK(r.code == "runtime-effect-uncarriable");
  CHECK(r.reason == "line 4 copies into / itself: restage cannot tell which files that adds, and will not copy the "
                    "builder's whole filesystem; copy them to their own folders");
  CHECK(r.output == r.original);
}

TEST_CASE("carry: --runtime-base without a package manager cannot carry packages", "[migrate][effects]") {
  migrate::Options o;
  o.runtimeBase = "gcr.io/distroless/base-debian13:nonroot";
  auto r = migrate::migrateSource(
      "FROM golang:1.22\nRUN apt-get install -y jq\nWORKDIR /app\nCOPY . .\nRUN go build -o s .\nCMD [\"./s\"]\n",
      "Dockerfile", o);
  CHECK(r.status == migrate::Status::Refused);
  CHECK(r.code == "runtime-effect-uncarriable");
}

TEST_CASE("carry: USER nobody exists on distroless static and is kept", "[migrate][effects]") {
  auto r = migrateString(
      "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o s .\nUSER nobody\nCMD [\"./s\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.runtimeBase == "gcr.io/distroless/static-debian13:nonroot");
  CHECK(r.output.find("USER nobody") != std::string::npos);
  for (const auto& line : r.explanation) CHECK(line.find("not defined") == std::string::npos);
}

TEST_CASE("user: a port below 1024 keeps the runtime on root, said explicitly where the base is non-root",
          "[migrate][effects]") {
  // distroless :nonroot runs as nonroot without USER: root must be named.
  auto go = migrateString(
      "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o s .\nEXPOSE 80\nCMD [\"./s\"]\n");
  REQUIRE(go.status == migrate::Status::Migrated);
  CHECK(go.runtimeBase == "gcr.io/distroless/static-debian13:nonroot");
  CHECK(go.output.find("# Port 80 is below 1024: binding it may need root.\nUSER root\n") != std::string::npos);
  CHECK(go.output.find("USER nonroot") == std::string::npos);
  CHECK(contains(go.explanation, "keeps running as root, as the original did: the image exposes port 80"));
  CHECK(!contains(go.contract.changed, "user root"));
  restage::test::checkRewrite(go);

  // $PORT counts too; an unprivileged port (and a range above 1024) does not.
  auto port = migrateString(
      "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o s .\nENV PORT=443\nCMD [\"./s\"]\n");
  REQUIRE(port.status == migrate::Status::Migrated);
  CHECK(contains(port.explanation, "the app's PORT is 443"));
  auto high = migrateString(
      "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o s .\nEXPOSE 8080/tcp 9000-9010\n"
      "CMD [\"./s\"]\n");
  REQUIRE(high.status == migrate::Status::Migrated);
  CHECK(high.output.find("USER nonroot") != std::string::npos);

  // On the builder's own Node image the user was the only gain: nothing is left.
  auto node = migrateString(
      "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 80/tcp\nCMD [\"node\", \"index.js\"]\n");
  CHECK(node.status == migrate::Status::Unchanged);
  CHECK(node.code == "no-benefit");
}

TEST_CASE("benefit gate: the builder's own image with nothing worth having is unchanged", "[migrate][effects]") {
  auto r = migrateString(
      "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD [\"node\", \"index.js\"]\n");
  CHECK(r.status == migrate::Status::Unchanged);
  CHECK(r.code == "no-benefit");
  CHECK(r.output == r.original);
}

TEST_CASE(".dockerignore: patterns, folders and negation", "[migrate][effects]") {
  fs::path dir = fs::temp_directory_path() / "restage-dockerignore-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "docs/api");
  fs::create_directories(dir / "config");
  std::ofstream(dir / ".dockerignore") << "# comment\n*.md\n!README.md\ndocs/\n**/*.log\n/tmp*\n";
  for (const char* f : {"README.md", "CHANGES.md", "docs/api/x.txt", "config/a.log", "config/app.yaml", "tmpfile"}) {
    std::ofstream(dir / f) << "x";
  }
  auto ctx = analysis::BuildContext::read(dir);
  CHECK_FALSE(ctx.ignored("README.md"));
  CHECK(ctx.ignored("CHANGES.md"));
  CHECK(ctx.ignored("docs"));
  CHECK(ctx.ignored("docs/api/x.txt"));
  CHECK(ctx.ignored("config/a.log"));
  CHECK_FALSE(ctx.ignored("config/app.yaml"));
  CHECK(ctx.ignored("tmpfile"));
  fs::remove_all(dir);
}
