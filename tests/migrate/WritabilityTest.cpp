// The writability model (src/analysis/Writability.cpp), the writes read from
// the app's code (transforms/AppPrograms.cpp) and the writable-folders pass
// (transforms/WritableFolders.cpp): a rewrite that runs as a non-root user
// gets every folder the app may write, made by a COPY before WORKDIR names it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "analysis/Writability.h"
#include "catalog/Catalog.h"
#include "migrate/Migration.h"
#include "support/TestSupport.h"
#include "RewriteChecks.h"
#include "syntax/DockerfileReader.h"
#include "transforms/AppPrograms.h"

using namespace restage;

namespace {

using restage::test::migrateIn;
using restage::test::mentions;

// The runtime stage: the text after its FROM line.
std::string runtimeStage(const std::string& output) {
  std::size_t at = output.rfind("\nFROM ");
  return at == std::string::npos ? "" : output.substr(at + 1);
}

// The user the runtime stage runs as ("" for none).
std::string userOf(const std::string& stage) {
  std::size_t at = stage.find("\nUSER ");
  if (at == std::string::npos) return "";
  std::size_t end = stage.find('\n', at + 1);
  return stage.substr(at + 6, end - at - 6);
}

// `first` comes before `second` in `text`, both present.
bool before(const std::string& text, const std::string& first, const std::string& second) {
  std::size_t a = text.find(first), b = text.find(second);
  return a != std::string::npos && b != std::string::npos && a < b;
}

analysis::Writability modelOf(const std::string& dockerfile, const std::string& appFolder,
                              const std::vector<analysis::CodeWrite>& code = {}) {
  static ast::Document doc;
  doc = syntax::readDockerfile(dockerfile, "Dockerfile");
  REQUIRE(doc.ok());
  static analysis::StageFacts facts;
  facts = analysis::analyzeStage(doc, doc.stages.front());
  return analysis::writability(doc, facts, appFolder, code, catalog::Catalog::get().effectRules().at("writability"));
}

const analysis::WritableFolder* folder(const analysis::Writability& w, const std::string& path) {
  for (const auto& f : w.folders) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("writability: WORKDIR, ENV places, VOLUME and code writes, each as the folder to write", "[migrate][writability]") {
  auto w = modelOf("FROM node:20\nWORKDIR /app\nENV BASE_DIR=/data \\\n    DB_PATH=/var/lib/shop/shop.db\n"
                   "ENV CONFIG_PATH=/etc/app/config.yml GOPATH=/go UPLOAD_DIR=/app/uploads CACHE_DIR=/tmp/cache\n"
                   "VOLUME logs\nCMD [\"node\", \"server.js\"]\n",
                   "/app",
                   {{"device.db", false, "main.c:4"}, {"/srv/app/out", true, "main.c:9"}, {"/var/log/app.log", false, "main.c:12"}});
  REQUIRE(folder(w, "/app"));
  // A place below the app folder is covered by it.
  CHECK(folder(w, "/app")->named() == "/app (the WORKDIR, main.c:4, ENV UPLOAD_DIR, line 5)");
  CHECK(folder(w, "/app/uploads") == nullptr);
  REQUIRE(folder(w, "/data"));
  CHECK(folder(w, "/data")->named() == "/data (ENV BASE_DIR, line 3)");
  CHECK(folder(w, "/data")->blocked.empty());
  // A *_PATH with an extension names a file: its folder must be writable.
  REQUIRE(folder(w, "/var/lib/shop"));
  CHECK(folder(w, "/var/lib/shop")->sources == std::vector<std::string>{"ENV DB_PATH, line 3"});
  // Read-only and toolchain keys, and /tmp, are no places to give.
  CHECK(folder(w, "/etc/app") == nullptr);
  CHECK(folder(w, "/go") == nullptr);
  CHECK(folder(w, "/tmp/cache") == nullptr);
  // A relative VOLUME is read against /, not the WORKDIR.
  REQUIRE(folder(w, "/logs"));
  CHECK(folder(w, "/logs")->sources == std::vector<std::string>{"VOLUME, line 6"});
  CHECK(folder(w, "/app/logs") == nullptr);
  // mkdir names the folder itself; a file names its folder.
  CHECK(folder(w, "/srv/app/out"));
  REQUIRE(folder(w, "/var/log"));
  CHECK(folder(w, "/var/log")->blocked == "a system folder base images have already, owned by root");
  CHECK(w.firstBlocked() == folder(w, "/var/log"));

  auto root = modelOf("FROM gcc:13\nENV HOME=/root/work\nCOPY . /src\nCMD [\"/src/app\"]\n", "/src");
  REQUIRE(folder(root, "/"));  // the WORKDIR: nothing but root can have /
  REQUIRE(folder(root, "/root/work"));
  CHECK(folder(root, "/root/work")->blocked == "below /root, root's own home, which no other user may enter");
}

TEST_CASE("writability: a name restage will not write into a Dockerfile line is no folder to give", "[migrate][writability]") {
  // A WORKDIR with a space cannot go into the builder's shell step: root is kept.
  auto spaced = modelOf("FROM node:20\nWORKDIR /srv/my app\nENV DATA_DIR=/data;x\nCMD [\"node\", \"s.js\"]\n", "/srv/my app",
                        {{"%s/out.txt", false, "s.js:3"}, {"/var/lib/x\nRUN id", false, "s.js:4"},
                         {"/opt/store/a.db", false, "evil\nRUN id:1"}});
  REQUIRE(folder(spaced, "/srv/my app"));
  CHECK(folder(spaced, "/srv/my app")->blocked == "a name with characters restage does not write into a Dockerfile line");
  // Other ENV values and code literals with such characters are skipped.
  CHECK(folder(spaced, "/data;x") == nullptr);
  CHECK(spaced.folders.size() == 2);
  // A context file name with a line break is not repeated in a comment.
  REQUIRE(folder(spaced, "/opt/store"));
  CHECK(folder(spaced, "/opt/store")->sources == std::vector<std::string>{"the app's code"});
}

TEST_CASE("writability: literal writes in C, C++, Go and Node code, relative ones too", "[migrate][writability]") {
  auto cpp = transforms::sourceWrites(
      "src/main.cpp",
      "#include <fstream>\nint main() {\n  FILE* in = fopen(\"config.txt\", \"r\");\n  FILE* out = fopen(\"server.txt\", \"w\");\n"
      "  std::ofstream log(\"logs/app.log\", std::ios::app);\n  // fopen(\"/etc/commented\", \"w\");\n"
      "  sqlite3_open(\"device.db\", &db);\n  mkdir(\"/var/lib/motd\", 0755);\n  file.open(\"ignored\");\n}\n",
      "cpp");
  REQUIRE(cpp.size() == 4);
  CHECK((cpp[0].path == "server.txt" && cpp[0].where == "src/main.cpp:4" && !cpp[0].folder));
  CHECK((cpp[1].path == "logs/app.log" && cpp[1].where == "src/main.cpp:5"));
  CHECK(cpp[2].path == "device.db");
  CHECK((cpp[3].path == "/var/lib/motd" && cpp[3].folder));

  auto go = transforms::sourceWrites(
      "main.go",
      "package main\nfunc main() {\n\tdb, _ := sql.Open(\"sqlite3\", \"file:device.db?cache=shared\")\n"
      "\tpg, _ := sql.Open(\"postgres\", \"host=db\")\n\tos.WriteFile(\"data/x\", nil, 0o644)\n\tos.MkdirAll(\"uploads\", 0o755)\n}\n",
      "go");
  REQUIRE(go.size() == 3);
  CHECK(go[0].path == "device.db");
  CHECK(go[1].path == "data/x");
  CHECK((go[2].path == "uploads" && go[2].folder));

  auto node = transforms::sourceWrites(
      "db.js", "const db = new Database('shop.db');\nconst m = new sqlite3.Database(':memory:');\nfs.writeFileSync('./out.txt', s);\n",
      "node");
  REQUIRE(node.size() == 2);
  CHECK(node[0].path == "shop.db");
  CHECK(node[1].path == "./out.txt");
}

TEST_CASE("writable folders: the app folder is made the runtime user's by a COPY before WORKDIR", "[migrate][writability]") {
  restage::test::TempTree tree;
  tree.write("package.json", "{\"name\":\"a\",\"dependencies\":{},\"scripts\":{\"start\":\"node server.js\"}}");
  tree.write("server.js", "const fs = require('fs');\nfs.writeFileSync('server.txt', 'up');\n");
  auto r = migrateIn(tree, "FROM node:22\nWORKDIR /usr/src/app\nCOPY . .\nRUN npm ci\nENV BASE_DIR=/data\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  std::string stage = runtimeStage(r.output);
  // The base's non-root user (node on node:22-slim, nonroot on distroless).
  std::string user = userOf(stage);
  REQUIRE((user == "node" || user == "nonroot"));
  std::string chown = "--chown=" + user + ":" + user;
  CHECK(before(stage, "COPY --from=builder " + chown + " /restage/empty/ /data/\n", "COPY --from=builder " + chown +
                                                                                      " /usr/src/app /usr/src/app\n"));
  CHECK(before(stage, "COPY --from=builder " + chown + " /usr/src/app /usr/src/app\n", "WORKDIR /usr/src/app\n"));
  CHECK(before(stage, "WORKDIR /usr/src/app\n", "USER " + user + "\n"));
  // The empty folder the runtime copies is made at the end of the builder.
  CHECK(before(r.output, "RUN mkdir -p /restage/empty\n", "# Runtime stage"));
  CHECK(stage.find("--chown=root") == std::string::npos);
  CHECK(mentions(r.contract.carried, "folder /usr/src/app (the WORKDIR, server.js:2) writable by " + user +
                                         ": made by the COPY of the builder's /usr/src/app, ahead of every other COPY into it"));
  CHECK(mentions(r.contract.carried, "folder /data (ENV BASE_DIR, line 5) writable by " + user +
                                         ": made by copying an empty folder from the builder"));
  CHECK(mentions(r.explanation, "The folders the app may write are " + user + "'s in the runtime: /data (ENV BASE_DIR, line 5), "
                                "/usr/src/app (the WORKDIR, server.js:2)."));

  // A VOLUME outside the app folder: made the user's, and declared after the copies.
  tree.write("server.js", "console.log('no writes');\n");
  auto volume = migrateIn(tree, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nVOLUME [\"/data\"]\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(volume.status == migrate::Status::Migrated);
  std::string vstage = runtimeStage(volume.output);
  std::string vuser = userOf(vstage);
  REQUIRE((vuser == "node" || vuser == "nonroot"));
  CHECK(before(vstage, "COPY --from=builder --chown=" + vuser + ":" + vuser + " /restage/empty/ /data/\n", "VOLUME [\"/data\"]\n"));
  CHECK(before(vstage, "WORKDIR /app\n", "VOLUME [\"/data\"]\n"));
}

TEST_CASE("writable folders: a folder no other user can have keeps root, and says why", "[migrate][writability]") {
  restage::test::TempTree tree;
  tree.write("package.json", "{\"name\":\"a\",\"dependencies\":{},\"scripts\":{\"start\":\"node server.js\"}}");
  tree.write("server.js", "const fs = require('fs');\nfs.appendFileSync('/var/log/app.log', 'up');\n");
  auto r = migrateIn(tree, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  std::string user = userOf(runtimeStage(r.output));
  CHECK((user == "" || user == "root"));
  CHECK(mentions(r.explanation, "keeps running as root, as the original did: the app may write /var/log (server.js:2), a system "
                                "folder base images have already, owned by root, and a non-root user could not write there."));
  CHECK(!mentions(r.contract.carried, "writable by"));
  CHECK(mentions(r.contract.carried, "user root, as in the original: the app may write /var/log (server.js:2), a system folder "
                                     "base images have already, owned by root"));

  // On a base that runs as nonroot by default, root is said, with the path.
  restage::test::TempTree goTree;
  goTree.write("go.mod", "module example.com/a\n\ngo 1.22\n");
  goTree.write("main.go", "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.WriteFile(\"/var/log/a.log\", nil, 0o644)\n}\n");
  auto go = migrateIn(goTree, "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD [\"/out/app\"]\n");
  REQUIRE(go.status == migrate::Status::Migrated);
  CHECK(go.output.find("# The app may write /var/log (main.go:6), which only root may.\nUSER root\n") != std::string::npos);
}

TEST_CASE("writable folders: a non-root original keeps the folders its build gave to its user", "[migrate][writability]") {
  restage::test::TempTree tree;
  tree.write("package.json", "{\"name\":\"a\",\"dependencies\":{},\"scripts\":{\"start\":\"node server.js\"}}");
  tree.write("server.js", "console.log('up');\n");
  auto r = migrateIn(tree, "FROM node:22\nRUN mkdir -p /usr/src/node-app && chown -R node:node /usr/src/node-app\n"
                           "WORKDIR /usr/src/node-app\nUSER node\nCOPY --chown=node:node . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  std::string stage = runtimeStage(r.output);
  CHECK(before(stage, "COPY --from=builder --chown=node:node /usr/src/node-app /usr/src/node-app\n", "WORKDIR /usr/src/node-app\n"));
  CHECK(mentions(r.contract.carried, "folder /usr/src/node-app (the WORKDIR) writable by node"));

  // A system folder the build gave to node: the runtime runs the chown again.
  auto system = migrateIn(tree, "FROM node:22\nRUN chown node:node /var/log\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
                                "USER node\nCMD [\"npm\", \"start\"]\n");
  REQUIRE(system.status == migrate::Status::Migrated);
  std::string sstage = runtimeStage(system.output);
  if (sstage.find("FROM gcr.io/distroless") == std::string::npos) {
    CHECK(sstage.find("\nRUN chown node:node /var/log\n") != std::string::npos);
    CHECK(mentions(system.contract.carried, "system folder /var/log (line 2, chown) writable by node: the runtime runs the chown again"));
  } else {
    CHECK(mentions(system.contract.risks, "the build gave /var/log (line 2, chown) to node"));
  }

  // An owner with shell characters (decoded from $'...') is not repeated.
  auto quoted = migrateIn(tree, "FROM node:22\nRUN chown node:$'g;id' /var/log\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
                                "USER node\nCMD [\"npm\", \"start\"]\n");
  REQUIRE(quoted.status == migrate::Status::Migrated);
  CHECK(quoted.output.find("RUN chown node:g;id") == std::string::npos);
  CHECK(!mentions(quoted.contract.carried, "system folder /var/log"));

  // Without the chown, the original's node could not write its folder either:
  // nothing is claimed about it.
  auto plain = migrateIn(tree, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(!mentions(plain.contract.carried, "writable by"));
}

TEST_CASE("writable folders: a C++ program's folder goes to nonroot before the program is copied into it",
          "[migrate][writability]") {
  restage::test::TempTree tree;
  tree.write("main.cpp", "#include <cstdio>\nint main() {\n  FILE* f = fopen(\"server.txt\", \"w\");\n  return f ? 0 : 1;\n}\n");
  auto r = migrateIn(tree, "FROM gcc:12\nWORKDIR /opt/srv\nCOPY main.cpp .\nRUN g++ -O2 -o srv main.cpp\nCMD [\"./srv\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  std::string stage = runtimeStage(r.output);
  // The staged tree with the program makes the folder: the builder gives
  // its copy there nonroot's id (buildah gives an existing folder the owner
  // it has in a tree copied over it, BuildKit keeps it: both end as nonroot).
  CHECK(r.output.find("RUN for d in /restage/root/opt/srv; do \\\n      if [ -d \"$d\" ]; then chown 65532:65532 \"$d\"; fi; \\\n") !=
        std::string::npos);
  CHECK(before(stage, "COPY --from=builder /restage/root/ /\n", "WORKDIR /opt/srv\n"));
  CHECK(r.output.find("/restage/empty") == std::string::npos);
  CHECK(stage.find("USER nonroot") != std::string::npos);
  CHECK(mentions(r.contract.carried, "folder /opt/srv (the WORKDIR, main.cpp:3) writable by nonroot: made by the COPY of the "
                                     "builder's /restage/root (the program /opt/srv/srv and its libraries), where the builder "
                                     "gives it nonroot's id 65532:65532"));

  // Without a WORKDIR the program works in /, which only root may write.
  auto inRoot = migrateIn(tree, "FROM gcc:12\nCOPY main.cpp /src/\nRUN g++ -O2 -o /usr/local/bin/srv /src/main.cpp\n"
                                "CMD [\"/usr/local/bin/srv\"]\n");
  REQUIRE(inRoot.status == migrate::Status::Migrated);
  CHECK(userOf(runtimeStage(inRoot.output)) == "root");
  CHECK(inRoot.output.find("--chown=root") == std::string::npos);
  CHECK(mentions(inRoot.explanation, "the app may write / (the WORKDIR, main.cpp:3), a system folder"));
}

TEST_CASE("writable folders: the folder copies going first keep a HEALTHCHECK that runs the copied binary",
          "[migrate][writability]") {
  restage::test::TempTree tree;
  tree.write("go.mod", "module example.com/h\n\ngo 1.22\n");
  tree.write("main.go", "package main\n\nfunc main() {}\n");
  auto r = migrateIn(tree, "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /usr/local/bin/h .\n"
                           "HEALTHCHECK CMD [\"/usr/local/bin/h\", \"health\"]\nCMD [\"/usr/local/bin/h\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  std::string stage = runtimeStage(r.output);
  CHECK(before(stage, " /restage/empty/ /app/\n", "COPY --from=builder /usr/local/bin/h /usr/local/bin/h\n"));
  CHECK(stage.find("HEALTHCHECK CMD [\"/usr/local/bin/h\", \"health\"]\n") != std::string::npos);
}
