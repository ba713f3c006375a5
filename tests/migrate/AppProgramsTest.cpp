// The programs the app's own code runs by name (transforms/AppPrograms.*),
// and what a rewrite does with them: carry the package that provides one,
// keep a shell for Node's exec, refuse when the runtime would lack one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "analysis/GoFiles.h"
#include "migrate/Migration.h"
#include "support/TestSupport.h"
#include "RewriteChecks.h"
#include "transforms/AppPrograms.h"

using namespace restage;

namespace {

std::vector<std::string> sources(const std::vector<migrate::ContainerCommand>& commands) {
  std::vector<std::string> out;
  for (const auto& c : commands) out.push_back(c.source + " " + (c.shell ? "sh:" + *c.shell : c.argv.front()));
  return out;
}

using restage::test::migrateIn;
using restage::test::mentions;

}  // namespace

TEST_CASE("app programs: child_process through each way of binding it", "[migrate][app-programs]") {
  const std::string text =
      "const { execSync, spawn: run } = require('node:child_process');\n"
      "const cp = require(\"child_process\");\n"
      "const ex = require('child_process').execFile;\n"
      "// execSync('in-a-comment')\n"
      "const v = execSync(`git describe ${ref}`).toString();\n"
      "run('ffmpeg', ['-i', 'a']);\n"
      "cp.spawnSync(\"convert\", [\"a.png\", \"b.jpg\"]);\n"
      "ex('pdftotext', [file]);\n"
      "require('child_process').exec('ls -la | wc -l');\n"
      "/^x/.exec('not child_process');\n"
      "db.exec('CREATE TABLE t (x)');\n"
      "spawn(program);\n";
  auto calls = sources(transforms::childProcessCalls("server.js", text));
  CHECK(calls == std::vector<std::string>{
                     "server.js:5 (child_process.execSync) sh:git describe ",
                     "server.js:6 (child_process.spawn) ffmpeg",
                     "server.js:7 (child_process.spawnSync) convert",
                     "server.js:8 (child_process.execFile) pdftotext",
                     "server.js:9 (child_process.exec) sh:ls -la | wc -l",
                 });
  auto esm = sources(transforms::childProcessCalls(
      "src/run.mjs", "import cp, { execFile as run } from 'node:child_process';\nimport * as proc from \"child_process\";\n"
                     "run('git', ['log']);\ncp.spawn('make');\nproc.execSync('whoami');\n"));
  CHECK(esm == std::vector<std::string>{"src/run.mjs:3 (child_process.execFile) git",
                                        "src/run.mjs:4 (child_process.spawn) make",
                                        "src/run.mjs:5 (child_process.execSync) sh:whoami"});
  CHECK(transforms::childProcessCalls("a.js", "exec('git status');\n").empty());  // not bound to child_process
}

TEST_CASE("app programs: tests, build configuration and vendored code do not count", "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("package.json", "{\"name\":\"a\",\"scripts\":{\"start\":\"node server.js\"}}");
  tree.write("server.js", "console.log('hi');\n");
  tree.write("test/server.test.js", "const { execSync } = require('child_process');\nexecSync('git init');\n");
  tree.write("webpack.config.js", "const { execSync } = require('child_process');\nexecSync('git rev-parse HEAD');\n");
  CHECK(transforms::readAppCode(analysis::BuildContext::read(tree.path()), "node").programs.empty());

  restage::test::TempTree go;
  go.write("go.mod", "module example.com/a\n");
  go.write("main.go", "package main\n\nfunc main() {}\n");
  go.write("main_test.go", "package main\nimport \"os/exec\"\nfunc f() { exec.Command(\"git\") }\n");
  go.write("hack/gen.go", "package main\nimport \"os/exec\"\nfunc f() { exec.Command(\"protoc\") }\n");
  go.write("run_windows.go", "package main\nimport \"os/exec\"\nfunc f() { exec.Command(\"cmd.exe\") }\n");
  CHECK(transforms::readAppCode(analysis::BuildContext::read(go.path()), "go").programs.empty());
}

TEST_CASE("app programs: a program the runtime lacks is refused, one the build installs is carried",
          "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("go.mod", "module example.com/a\n\ngo 1.22\n");
  // A tool no table names: refused, with the file and line.
  tree.write("main.go",
             "package main\n\nimport \"os/exec\"\n\nfunc main() {\n\t_ = exec.Command(\"pandoc\", \"-v\").Run()\n}\n");
  auto refused = migrateIn(tree, "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n");
  CHECK(refused.status == migrate::Status::Refused);
  CHECK(refused.code == "runtime-effect-unknown");
  CHECK(refused.reason.find("main.go:6 (exec.Command) runs `pandoc`, which the runtime base "
                            "gcr.io/distroless/static-debian13:nonroot is not known to have") != std::string::npos);

  // git came with golang:1.22: the runtime moves to a base that can install it.
  tree.write("main.go",
             "package main\n\nimport \"os/exec\"\n\nfunc main() {\n\t_ = exec.Command(\"git\", \"status\").Run()\n}\n");
  auto installed = migrateIn(tree, "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n");
  REQUIRE(installed.status == migrate::Status::Migrated);
  CHECK(installed.runtimeBase == "debian:bookworm-slim");
  CHECK(installed.output.find("apt-get install -y --no-install-recommends git") != std::string::npos);
  CHECK(mentions(installed.explanation, "main.go:6 (exec.Command) runs `git`, which a small runtime base lacks: the runtime "
                                        "stage installs git."));

  auto carried = migrateIn(tree,
                           "FROM golang:1.22\nRUN apt-get update && apt-get install -y git\nWORKDIR /app\nCOPY . .\n"
                           "RUN go build -o app .\nCMD [\"./app\"]\n");
  REQUIRE(carried.status == migrate::Status::Migrated);
  CHECK(carried.runtimeBase == "debian:bookworm-slim");
  CHECK(carried.output.find("apt-get install -y git") != std::string::npos);
  CHECK(mentions(carried.contract.carried, "package git (line 2, apt-get install): main.go:6 (exec.Command) runs `git`"));
}

TEST_CASE("app programs: Node's exec needs a shell on the runtime", "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("package.json", "{\"name\":\"a\",\"dependencies\":{},\"scripts\":{\"start\":\"node server.js\"}}");
  tree.write("server.js", "const { execSync } = require('child_process');\nconsole.log(execSync('node -v').toString());\n");
  auto r = migrateIn(tree, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(r.status == migrate::Status::Migrated);
  // Without the exec this file would get distroless Node, which has no /bin/sh.
  CHECK(r.runtimeBase == "node:20-slim");
}

TEST_CASE("node: an app that reads npm's script variables keeps its npm start", "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("package.json", "{\"name\":\"a\",\"version\":\"1.2.3\",\"dependencies\":{},\"scripts\":{\"start\":\"node server.js\"}}");
  tree.write("server.js", "console.log(`version ${process.env.npm_package_version}`);\n");
  const std::string dockerfile = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"npm\", \"start\"]\n";
  auto r = migrateIn(tree, dockerfile);
  REQUIRE(r.status == migrate::Status::Migrated);
  CHECK(r.runtimeBase == "node:22-slim");
  CHECK(r.output.find("CMD [\"npm\", \"start\"]") != std::string::npos);
  CHECK(mentions(r.explanation, "The start keeps going through npm: server.js reads npm_package_version, which npm sets "
                                "and a plain `node` start would not."));
  // Only the app's own code counts; without it the plain start goes distroless.
  tree.write("server.js", "console.log('version');\n");
  tree.write("test/server.test.js", "process.env.npm_lifecycle_event;\n");
  auto plain = migrateIn(tree, dockerfile);
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(plain.runtimeBase == "gcr.io/distroless/nodejs22-debian13:nonroot");
}

TEST_CASE("listen ports: literals in Go and Node code", "[migrate][app-programs]") {
  auto go = analysis::goListenPorts(
      "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tln, _ := net.Listen(\"tcp\", \"0.0.0.0:443\")\n"
      "\tsrv := &http.Server{Addr: \":8080\"}\n\thttp.ListenAndServe(\":80\", nil)\n\tr.Run(\":81\")\n"
      "\tapp.Listen(\":3000\")\n\tcmd.Start()\n\thttp.ListenAndServe(addr, nil)\n}\n");
  REQUIRE(go.size() == 5);
  CHECK((go[0].port == 443 && go[0].line == 6));
  CHECK((go[1].port == 8080 && go[1].line == 7));
  CHECK((go[2].port == 80 && go[2].line == 8));
  CHECK(go[3].port == 81);
  CHECK(go[4].port == 3000);
  // A framework's Run alone in its file (gin) counts too.
  auto gin = analysis::goListenPorts("package main\n\nfunc main() {\n\tr := gin.Default()\n\tr.Run(\":80\")\n}\n");
  REQUIRE(gin.size() == 1);
  CHECK((gin[0].port == 80 && gin[0].line == 5));

  auto node = transforms::nodeListenPorts(
      "server.js", "const port = process.env.PORT || 80;\n// app.listen(21)\napp.listen(443, () => {});\n"
                   "server.listen(port);\nconst x = process.env.PORTAL || 22;\n");
  REQUIRE(node.size() == 2);
  CHECK((node[0].port == 443 && node[0].where == "server.js:3" && !node[0].fallback));
  CHECK((node[1].port == 80 && node[1].where == "server.js:1" && node[1].fallback));
}

TEST_CASE("listen ports: code that serves a port below 1024 keeps root", "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("go.mod", "module example.com/a\n\ngo 1.22\n");
  tree.write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\":80\", nil)\n}\n");
  auto go = migrateIn(tree, "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o app .\nCMD [\"./app\"]\n");
  REQUIRE(go.status == migrate::Status::Migrated);
  CHECK(go.output.find("# Port 80 is below 1024: binding it may need root.\nUSER root\n") != std::string::npos);
  CHECK(mentions(go.explanation, "keeps running as root, as the original did: main.go:6 listens on port 80"));

  restage::test::TempTree app;
  app.write("package.json", "{\"name\":\"a\",\"dependencies\":{},\"scripts\":{\"start\":\"node server.js\"}}");
  app.write("server.js", "require('http').createServer().listen(process.env.PORT || 80);\n");
  auto fallback = migrateIn(app, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(fallback.status == migrate::Status::Migrated);
  CHECK(fallback.output.find("USER root") != std::string::npos);
  // The image sets PORT: the default never applies.
  auto set = migrateIn(app, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nENV PORT=8080\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(set.status == migrate::Status::Migrated);
  CHECK(set.output.find("USER nonroot") != std::string::npos);
}

TEST_CASE("node: a devDependency node preloads keeps devDependencies", "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("package.json",
             "{\"name\":\"a\",\"dependencies\":{\"express\":\"4\"},\"devDependencies\":{\"ts-node\":\"10\","
             "\"@swc-node/register\":\"1\",\"dotenv\":\"16\"},\"scripts\":{\"start\":\"node -r ts-node/register src/index.ts\"}}");
  tree.write("src/index.ts", "console.log(1);\n");
  tree.write("src/index.js", "console.log(1);\n");
  struct Case {
    std::string start;
    std::string env;
    std::string why;
  };
  const Case cases[] = {
      {"[\"npm\", \"start\"]", "", "the start script preloads `ts-node`, a devDependency"},
      {"[\"node\", \"--import=@swc-node/register/esm\", \"src/index.ts\"]", "",
       "the start command preloads `@swc-node/register`, a devDependency"},
      {"[\"node\", \"src/index.js\"]", "ENV NODE_OPTIONS=\"--require dotenv/config\"\n",
       "NODE_OPTIONS preloads `dotenv`, a devDependency"},
  };
  for (const auto& c : cases) {
    INFO(c.start);
    auto r = migrateIn(tree, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n" + c.env + "CMD " + c.start + "\n");
    REQUIRE(r.status == migrate::Status::Migrated);
    CHECK(r.output.find("prune") == std::string::npos);
    CHECK(mentions(r.explanation, "devDependencies are kept: " + c.why + "."));
  }
  // A preloaded production dependency, or a local file, changes nothing.
  auto own = migrateIn(tree, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"-r\", \"./tracing.js\", \"-r\", "
                             "\"express\", \"src/index.js\"]\n");
  REQUIRE(own.status == migrate::Status::Migrated);
  CHECK(own.output.find("RUN npm prune --omit=dev") != std::string::npos);
}

TEST_CASE("node: npm's pre and post scripts run at start too", "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("package.json",
             "{\"name\":\"a\",\"dependencies\":{\"express\":\"4\"},\"devDependencies\":{\"typescript\":\"5\"},"
             "\"scripts\":{\"prestart\":\"npm run build\",\"build\":\"tsc\",\"start\":\"node dist/index.js\"}}");
  tree.write("src/index.ts", "console.log(1);\n");
  const std::string dockerfile = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"npm\", \"start\"]\n";
  auto r = migrateIn(tree, dockerfile);
  REQUIRE(r.status == migrate::Status::Migrated);
  // Not distroless with `node dist/index.js`: that would skip prestart.
  CHECK(r.runtimeBase == "node:20-slim");
  CHECK(r.output.find("CMD [\"npm\", \"start\"]") != std::string::npos);
  CHECK(mentions(r.explanation, "The start keeps going through npm: it runs the prestart script (`npm run build`) before start."));
  // ... and prestart's tsc is a devDependency, found through the binary table.
  CHECK(r.output.find("prune") == std::string::npos);
  CHECK(mentions(r.explanation, "devDependencies are kept: the prestart script runs `npm run build`, and the build script "
                                "runs `tsc` (from typescript), a devDependency."));

  // pnpm runs no pre/post scripts by default: the plain start is kept as proven.
  tree.write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
  auto pnpm = migrateIn(tree, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm i -g pnpm && pnpm install && pnpm run build\n"
                              "CMD [\"pnpm\", \"start\"]\n");
  REQUIRE(pnpm.status == migrate::Status::Migrated);
  CHECK_FALSE(mentions(pnpm.explanation, "prestart"));
}

TEST_CASE("app writes: literal paths the code writes, relative ones as written", "[migrate][app-programs]") {
  auto go = transforms::sourceWrites(
      "main.go",
      "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.MkdirAll(\"/var/lib/app\", 0o755)\n"
      "\t// os.Create(\"/etc/ignored\")\n\tos.WriteFile(\"data/x\", nil, 0o644)\n\tf, _ := os.Create(`/var/log/app.log`)\n}\n",
      "go");
  REQUIRE(go.size() == 3);
  CHECK((go[0].path == "/var/lib/app" && go[0].where == "main.go:6" && go[0].folder));
  CHECK((go[1].path == "data/x" && go[1].where == "main.go:8" && !go[1].folder));
  CHECK((go[2].path == "/var/log/app.log" && go[2].where == "main.go:9"));
  auto node = transforms::sourceWrites(
      "server.js", "fs.mkdirSync('/data/uploads', { recursive: true });\nopen('/not-fs');\n"
                   "await fsp.writeFile(\"/var/cache/app/x\", s);\nfs.writeFileSync('./relative', s);\n"
                   "fs.openSync('/etc/hosts');\nfs.open('/etc/app.conf', 'r', cb);\nfs.open('/var/run/app.pid', 'w', cb);\n",
      "node");
  REQUIRE(node.size() == 4);
  CHECK((node[0].path == "/data/uploads" && node[0].folder));
  CHECK(node[1].path == "/var/cache/app/x");
  CHECK(node[2].path == "./relative");
  CHECK(node[3].path == "/var/run/app.pid");
  auto reads = transforms::sourceWrites(
      "main.go", "package main\nimport \"os\"\nfunc f() {\n\tos.OpenFile(\"/etc/app.yaml\", os.O_RDONLY, 0)\n"
                 "\tos.OpenFile(\"/var/log/a.log\", os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)\n}\n",
      "go");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0].path == "/var/log/a.log");

  restage::test::TempTree tree;
  tree.write("package.json", "{\"name\":\"a\",\"dependencies\":{},\"scripts\":{\"start\":\"node server.js\"}}");
  tree.write("server.js", "const fs = require('fs');\nfs.mkdirSync('/data/uploads', { recursive: true });\n");
  // A folder outside the app folder that is not a system folder is made the
  // runtime user's, so the switch to node goes ahead.
  auto writes = migrateIn(tree, "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(writes.status == migrate::Status::Migrated);
  CHECK(writes.output.find(" /restage/empty/ /data/uploads/\n") != std::string::npos);
  CHECK(writes.output.find("USER root") == std::string::npos);
  CHECK(writes.contract.changed.size() > 1);
  CHECK(std::any_of(writes.contract.changed.begin(), writes.contract.changed.end(),
                    [](const std::string& c) { return c.starts_with("user root -> "); }));
  // A folder the build made for the app's user is carried with its owner.
  auto owned = migrateIn(tree, "FROM node:22\nRUN mkdir -p /data && chown node:node /data\nWORKDIR /app\nCOPY . .\n"
                               "RUN npm ci\nUSER node\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(owned.status == migrate::Status::Migrated);
  CHECK(owned.output.find("USER root") == std::string::npos);
}

TEST_CASE("node: a start command of shell text is checked for devDependencies command by command", "[migrate][app-programs]") {
  restage::test::TempTree tree;
  tree.write("package.json",
             "{\"name\":\"a\",\"dependencies\":{\"express\":\"4\"},\"devDependencies\":{\"prisma\":\"5\",\"typescript\":\"5\"}}");
  tree.write("server.js", "require('express')().listen(3000);\n");
  const std::string head = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
  // `npx prisma` in `sh -c` text, and the same as a shell-form CMD.
  for (const std::string cmd : {"CMD [\"sh\", \"-c\", \"npx prisma migrate deploy && node server.js\"]\n",
                                "CMD npx prisma migrate deploy && node server.js\n"}) {
    INFO(cmd);
    auto r = migrateIn(tree, head + cmd);
    REQUIRE(r.status == migrate::Status::Migrated);
    CHECK(r.output.find("prune") == std::string::npos);
    CHECK(mentions(r.explanation, "devDependencies are kept: the start command's shell text runs `prisma`, a devDependency."));
  }
  // Shell text that runs only production code still prunes.
  auto plain = migrateIn(tree, head + "CMD [\"sh\", \"-c\", \"node server.js\"]\n");
  REQUIRE(plain.status == migrate::Status::Migrated);
  CHECK(plain.output.find("RUN npm prune --omit=dev") != std::string::npos);
}
