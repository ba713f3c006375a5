// Native code in Node apps (transforms/NodeNative.h): when restage resolves
// the libraries of the app folder's ELF files, and when the context proves
// there are none (then distroless nodejs stays possible).
#include <catch2/catch.hpp>

#include <string>

#include "migrate/Migration.h"
#include "support/TestSupport.h"

using namespace restage;

namespace {

const std::string kDockerfile = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n";

migrate::Result migrateIn(const restage::test::TempTree& tree, const std::string& dockerfile = kDockerfile) {
  migrate::Options o;
  o.context = tree.path();
  o.today = "2026-12-07";
  return migrate::migrateSource(dockerfile, "Dockerfile", o);
}

std::string lock(const std::string& packages) {
  return R"({"name": "a", "lockfileVersion": 3, "packages": {"": {"name": "a"})" + packages + "}}";
}

bool resolves(const migrate::Result& r) { return r.output.find("find /app -type f") != std::string::npos; }

std::string nativeLine(const migrate::Result& r) {
  for (const auto& line : r.explanation) {
    if (line.starts_with("The app may hold native code")) return line;
  }
  return "";
}

}  // namespace

TEST_CASE("native: a lockfile without native packages keeps distroless possible", "[migrate][native]") {
  restage::test::TempTree tree;
  tree.write("package.json", R"({"name": "a", "dependencies": {"ms": "2"}})");
  tree.write("server.js", "require('ms');\n");
  // fsevents runs an install script, but only on macOS: npm skips it here.
  tree.write("package-lock.json", lock(R"(, "node_modules/ms": {"version": "2.1.3"},
      "node_modules/fsevents": {"version": "2.3.3", "hasInstallScript": true, "optional": true, "os": ["darwin"]})"));
  auto r = migrateIn(tree);
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.runtimeBase == "gcr.io/distroless/nodejs22-debian13:nonroot");
  CHECK_FALSE(resolves(r));
}

TEST_CASE("native: install scripts, platform packages and native helpers in a lockfile", "[migrate][native]") {
  restage::test::TempTree tree;
  tree.write("package.json", R"({"name": "a", "dependencies": {"bcrypt": "5"}})");
  tree.write("server.js", "require('bcrypt');\n");
  tree.write("package-lock.json", lock(R"(, "node_modules/bcrypt": {"version": "5.1.1", "hasInstallScript": true})"));
  auto script = migrateIn(tree);
  REQUIRE(script.status == migrate::Status::Migrated);
  CHECK(script.runtimeBase == "node:22-slim");
  CHECK(resolves(script));
  CHECK(nativeLine(script).find("package-lock.json: bcrypt runs an install script") != std::string::npos);

  tree.write("package-lock.json", lock(R"(, "node_modules/@esbuild/linux-x64": {"version": "0.24.0", "optional": true,
      "os": ["linux"], "cpu": ["x64"]})"));
  auto platform = migrateIn(tree);
  CHECK(nativeLine(platform).find("@esbuild/linux-x64 is built for one platform") != std::string::npos);

  // yarn.lock: the names tell (here a helper native modules load with).
  tree.write("package-lock.json", "");
  std::filesystem::remove(tree / "package-lock.json");
  tree.write("yarn.lock", "bcrypt@^5:\n  version \"5.1.1\"\n  dependencies:\n    node-addon-api \"^5.0.0\"\n\n"
                          "node-addon-api@^5.0.0:\n  version \"5.1.0\"\n");
  auto yarn = migrateIn(tree);
  CHECK(resolves(yarn));
  CHECK(nativeLine(yarn).find("yarn.lock: bcrypt, which brings native code of its own") != std::string::npos);
}

TEST_CASE("native: the app's package may be a folder of the context", "[migrate][native]") {
  restage::test::TempTree tree;
  tree.write("app/package.json", R"({"name": "a", "dependencies": {"better-sqlite3": "11"}})");
  tree.write("app/package-lock.json", lock(R"(, "node_modules/better-sqlite3": {"version": "11.8.1", "hasInstallScript": true})"));
  tree.write("app/server.js", "require('better-sqlite3');\n");
  auto r = migrateIn(tree, "FROM node:22\nWORKDIR /app\nCOPY app .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(resolves(r));
  CHECK(nativeLine(r).find("app/package-lock.json: better-sqlite3 runs an install script") != std::string::npos);
}

TEST_CASE("native: without a lockfile, or with a compiler in the build, native code cannot be ruled out", "[migrate][native]") {
  restage::test::TempTree tree;
  tree.write("package.json", R"({"name": "a", "dependencies": {"express": "4"}})");
  tree.write("server.js", "require('express');\n");
  auto noLock = migrateIn(tree);
  CHECK(resolves(noLock));
  CHECK(nativeLine(noLock).find("package.json has no lockfile beside it") != std::string::npos);

  tree.write("package-lock.json", lock(R"(, "node_modules/express": {"version": "4.21.2"})"));
  auto built = migrateIn(tree, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN g++ -shared -fPIC -o x.node x.cc\n"
                               "CMD [\"node\", \"server.js\"]\n");
  CHECK(resolves(built));
  CHECK(nativeLine(built).find("line 5 runs g++") != std::string::npos);

  // On the builder's own image every library is there already.
  auto same = migrateIn(tree, "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN g++ -shared -fPIC -o x.node x.cc\n"
                              "CMD [\"node\", \"server.js\"]\n");
  REQUIRE(same.status == migrate::Status::Migrated);
  CHECK(same.runtimeBase == "node:22-slim");
  CHECK_FALSE(resolves(same));
}
