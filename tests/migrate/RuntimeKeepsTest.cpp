// What a rewrite must keep as the original had it: the HEALTHCHECK (never
// dropped: its program is on the runtime or the file is refused) and NODE_ENV
// (never set by restage). issue 18 items 5 and 9, field review classes 2 and 5.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "migrate/Migration.h"
#include "support/TestSupport.h"

using namespace restage;

namespace {

bool has(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// A Go module with a main package, as context.
struct GoApp {
  restage::test::TempTree tree;
  GoApp() {
    tree.write("go.mod", "module app\n\ngo 1.24\n");
    tree.write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n");
  }
  migrate::Result migrate(const std::string& dockerfile, bool acceptUnknown = false) {
    migrate::Options o;
    o.context = tree.path();
    o.acceptUnknown = acceptUnknown;
    return migrate::migrateSource(dockerfile, "Dockerfile", o);
  }
};

std::string goFile(const std::string& healthcheck) {
  return "FROM golang:1.24\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\n" + healthcheck +
         "\nEXPOSE 8080\nCMD [\"./server\"]\n";
}

}  // namespace

TEST_CASE("healthcheck: a curl HEALTHCHECK is kept, with curl installed on a base that can", "[migrate][healthcheck]") {
  GoApp app;
  for (const std::string hc : {"HEALTHCHECK --interval=10s CMD curl -fsS http://localhost:8080/ || exit 1",
                               "HEALTHCHECK CMD [\"curl\", \"-fsS\", \"http://localhost:8080/\"]"}) {
    INFO(hc);
    auto r = app.migrate(goFile(hc));
    INFO(r.reason << "\n" << joined(r.explanation));
    REQUIRE(r.status == migrate::Status::Migrated);
    // Kept, as written, in the runtime stage.
    auto runtime = r.output.substr(r.output.rfind("FROM "));
    CHECK(runtime.find(hc + "\n") != std::string::npos);
    // Not distroless static: a base whose package manager installs curl.
    CHECK(r.runtimeBase.find("distroless/static") == std::string::npos);
    CHECK(runtime.find("curl") < runtime.find("HEALTHCHECK"));
    CHECK(has(r.explanation, "The HEALTHCHECK at line 5 runs `curl`, which a small runtime base lacks: the runtime stage "
                             "installs curl."));
    CHECK_FALSE(has(r.explanation, "HEALTHCHECK dropped"));
    CHECK(has(r.contract.changed, "installs curl (the HEALTHCHECK at line 5 runs `curl`)"));
    CHECK(r.contract.dropped.empty());
  }
  // HEALTHCHECK NONE runs nothing: carried, and distroless static as without one.
  auto none = app.migrate(goFile("HEALTHCHECK NONE"));
  REQUIRE(none.status == migrate::Status::Migrated);
  CHECK(none.runtimeBase.find("distroless/static") != std::string::npos);
  CHECK(none.output.find("HEALTHCHECK NONE\n") != std::string::npos);
}

TEST_CASE("healthcheck: a chosen base that cannot install its program is refused, naming the line",
          "[migrate][healthcheck]") {
  GoApp app;
  migrate::Options o;
  o.context = app.tree.path();
  o.runtimeBase = "gcr.io/distroless/static-debian13:nonroot";
  auto r = migrate::migrateSource(goFile("HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost:8080/\"]"),
                                  "Dockerfile", o);
  CHECK(r.status == migrate::Status::Refused);
  CHECK(r.code == "runtime-effect-uncarriable");
  CHECK(r.reason == "the runtime base gcr.io/distroless/static-debian13:nonroot has no package manager to install curl; "
                    "the HEALTHCHECK at line 5 runs `curl`");
}

TEST_CASE("healthcheck: wget and nc are installed like curl", "[migrate][healthcheck]") {
  GoApp app;
  auto wget = app.migrate(goFile("HEALTHCHECK CMD wget -qO- http://localhost:8080/ || exit 1"));
  REQUIRE(wget.status == migrate::Status::Migrated);
  CHECK(wget.output.find("HEALTHCHECK CMD wget") != std::string::npos);
  CHECK(has(wget.contract.changed, "installs wget"));
  auto nc = app.migrate(goFile("HEALTHCHECK CMD [\"nc\", \"-z\", \"localhost\", \"8080\"]"));
  REQUIRE(nc.status == migrate::Status::Migrated);
  CHECK(nc.output.find("HEALTHCHECK CMD [\"nc\"") != std::string::npos);
  CHECK(has(nc.contract.changed, "installs netcat-openbsd"));
}

TEST_CASE("healthcheck: the app's own binary runs it, and distroless keeps it", "[migrate][healthcheck]") {
  GoApp app;
  auto r = app.migrate(goFile("HEALTHCHECK CMD [\"/app/server\", \"-health\"]"));
  INFO(r.reason << "\n" << r.output);
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.runtimeBase.find("distroless/static") != std::string::npos);
  CHECK(r.output.find("HEALTHCHECK CMD [\"/app/server\", \"-health\"]\n") != std::string::npos);
  // The binary is where the HEALTHCHECK runs it.
  auto runtime = r.output.substr(r.output.rfind("FROM "));
  CHECK(runtime.find("COPY --from=builder /app/server /app/server\n") < runtime.find("HEALTHCHECK"));
  CHECK(r.contract.dropped.empty());
  // The shell form runs through /bin/sh, even one simple command: a base with a shell.
  auto shellForm = app.migrate(goFile("HEALTHCHECK CMD /app/server -health"));
  REQUIRE(shellForm.status == migrate::Status::Migrated);
  CHECK(shellForm.runtimeBase.find("distroless/static") == std::string::npos);
  CHECK(shellForm.output.find("HEALTHCHECK CMD /app/server -health\n") != std::string::npos);
  CHECK(has(shellForm.explanation, "the HEALTHCHECK at line 5 is shell text, which needs a shell"));
  // Relative to the WORKDIR, the same file.
  auto relative = app.migrate(goFile("HEALTHCHECK CMD [\"./server\", \"-health\"]"));
  REQUIRE(relative.status == migrate::Status::Migrated);
  CHECK(relative.output.find("HEALTHCHECK CMD [\"./server\", \"-health\"]\n") != std::string::npos);

  // A probe the build puts elsewhere, which the rewrite does not carry: refused,
  // not kept to fail (nor dropped).
  auto probe = app.migrate("FROM golang:1.24\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\n"
                           "RUN go build -o /usr/local/bin/probe .\nHEALTHCHECK CMD [\"/usr/local/bin/probe\"]\n"
                           "CMD [\"./server\"]\n");
  CHECK(probe.status == migrate::Status::Refused);
  CHECK(probe.code == "runtime-effect-unknown");
  CHECK(probe.reason.find("the HEALTHCHECK at line 6 runs /usr/local/bin/probe, which the rewrite does not carry") !=
        std::string::npos);

  // A system folder's program is the program of that name: installed.
  auto curl = app.migrate(goFile("HEALTHCHECK CMD [\"/usr/bin/curl\", \"-f\", \"http://localhost:8080/\"]"));
  REQUIRE(curl.status == migrate::Status::Migrated);
  CHECK(has(curl.contract.changed, "installs curl"));
}

TEST_CASE("healthcheck: a program no base can be given is refused, naming the line", "[migrate][healthcheck]") {
  GoApp app;
  auto r = app.migrate(goFile("HEALTHCHECK CMD [\"grpc_health_probe\", \"-addr=:8080\"]"));
  CHECK(r.status == migrate::Status::Refused);
  CHECK(r.code == "runtime-effect-unknown");
  CHECK(r.reason.find("the HEALTHCHECK at line 5 runs `grpc_health_probe`") != std::string::npos);
  // Accepted: kept, and a risk says it may not run.
  auto accepted = app.migrate(goFile("HEALTHCHECK CMD [\"grpc_health_probe\", \"-addr=:8080\"]"), true);
  REQUIRE(accepted.status == migrate::Status::Migrated);
  CHECK(accepted.output.find("HEALTHCHECK CMD [\"grpc_health_probe\"") != std::string::npos);
  CHECK(has(accepted.contract.risks, "the HEALTHCHECK at line 5 runs `grpc_health_probe`"));
}


TEST_CASE("healthcheck: a Node app's HEALTHCHECK with node keeps the slim image", "[migrate][healthcheck]") {
  restage::test::TempTree tree;
  tree.write("package.json", R"({"name": "a", "scripts": {"start": "node server.js"}, "dependencies": {"express": "^4"}})");
  tree.write("package-lock.json", R"({"lockfileVersion": 3, "packages": {"": {"dependencies": {"express": "^4"}},
                                     "node_modules/express": {"version": "4.21.2"}}})");
  tree.write("server.js", "require('express')().listen(3000);\n");
  tree.write("health.js", "require('http').get('http://localhost:3000/', r => process.exit(r.statusCode === 200 ? 0 : 1));\n");
  migrate::Options o;
  o.context = tree.path();
  const std::string file = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\n"
                           "HEALTHCHECK CMD [\"node\", \"health.js\"]\nCMD [\"node\", \"server.js\"]\n";
  auto r = migrate::migrateSource(file, "Dockerfile", o);
  INFO(r.reason << "\n" << r.output);
  REQUIRE(r.status == migrate::Status::Migrated);
  // Distroless nodejs has no `node` on its PATH: the slim image has.
  CHECK(r.runtimeBase == "node:22-slim");
  CHECK(has(r.explanation, "Not distroless nodejs: the HEALTHCHECK at line 6 runs a program by name, and distroless "
                           "nodejs has node only as its entrypoint (/nodejs/bin/node, not on its PATH)"));
  CHECK(r.output.find("HEALTHCHECK CMD [\"node\", \"health.js\"]\n") != std::string::npos);
  // Without the HEALTHCHECK, distroless as before.
  std::string without = file;
  without.erase(without.find("HEALTHCHECK"), without.find("CMD [\"node\", \"server.js\"]") - without.find("HEALTHCHECK"));
  auto plain = migrate::migrateSource(without, "Dockerfile", o);
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(plain.runtimeBase.find("distroless/nodejs22") != std::string::npos);
}

TEST_CASE("node: restage never sets NODE_ENV; the original's value is carried", "[migrate][node-env]") {
  restage::test::TempTree tree;
  tree.write("package.json", R"({"name": "a", "scripts": {"start": "node app.js"}, "dependencies": {"sequelize": "^6"},
                                 "devDependencies": {"jest": "^29"}})");
  tree.write("package-lock.json", R"({"lockfileVersion": 3, "packages": {"": {"dependencies": {"sequelize": "^6"}},
                                     "node_modules/sequelize": {"version": "6.37.0"}}})");
  tree.write("config.js", "module.exports = { development: { dialect: 'sqlite' } };\n");
  tree.write("app.js", "const config = require('./config')[process.env.NODE_ENV || 'development'];\n"
                       "require('http').createServer((q, s) => s.end(config.dialect)).listen(3000);\n");
  migrate::Options o;
  o.context = tree.path();
  for (const std::string base : {"node:22", "node:22-alpine"}) {
    INFO(base);
    const std::string file = "FROM " + base + "\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n"
                             "COPY . .\nEXPOSE 3000\nCMD [\"npm\", \"start\"]\n";
    auto r = migrate::migrateSource(file, "Dockerfile", o);
    INFO(r.reason << "\n" << r.output);
    REQUIRE(r.status == migrate::Status::Migrated);
    CHECK(r.output.find("NODE_ENV") == std::string::npos);
    CHECK_FALSE(has(r.contract.changed, "NODE_ENV"));
    // The prune names its own production flag, so it does not need NODE_ENV.
    CHECK(r.output.find("RUN npm prune --omit=dev\n") != std::string::npos);
    CHECK(has(r.explanation, "NODE_ENV stays unset, as in the original"));
    CHECK_FALSE(has(r.explanation, "production mode"));
  }
  // An original that sets it keeps its value, and no line about it.
  const std::string staging = "FROM node:22\nENV NODE_ENV=staging\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
                              "CMD [\"node\", \"app.js\"]\n";
  auto r = migrate::migrateSource(staging, "Dockerfile", o);
  REQUIRE(r.status == migrate::Status::Migrated);
  auto runtime = r.output.substr(r.output.rfind("FROM "));
  CHECK(runtime.find("ENV NODE_ENV=staging\n") != std::string::npos);
  CHECK(runtime.find("NODE_ENV=production") == std::string::npos);
  CHECK_FALSE(has(r.explanation, "NODE_ENV stays unset"));
}
