// The script a start command runs: where it came from in the context, and
// what it runs (transforms/StartScript.cpp).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "analysis/BuildContext.h"
#include "analysis/StageFacts.h"
#include "syntax/DockerfileReader.h"
#include "transforms/StartScript.h"

namespace fs = std::filesystem;
using namespace restage;

namespace {

// A build context in a fresh temporary folder, removed at the end.
struct Context {
  fs::path dir;
  Context() {
    dir = fs::temp_directory_path() / ("restage-startscript-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(counter()++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Context() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((dir / relative).parent_path());
    std::ofstream(dir / relative, std::ios::binary) << text;
  }
};

struct Read {
  ast::Document doc;
  analysis::StageFacts facts;
  analysis::BuildContext context;
};

Read read(const Context& c, const std::string& dockerfile) {
  Read r{syntax::readDockerfile(dockerfile, "Dockerfile"), {}, analysis::BuildContext::read(c.dir)};
  REQUIRE(r.doc.ok());
  r.facts = analysis::analyzeStage(r.doc, r.doc.stages.front());
  return r;
}

}  // namespace

TEST_CASE("contextPathOf follows COPY of the root, folders, files and patterns", "[migrate][script]") {
  Context c;
  c.write("bin/run.sh", "#!/bin/sh\n");
  c.write("scripts/wait.sh", "#!/bin/sh\n");
  c.write("entry.sh", "#!/bin/sh\n");
  c.write("other.sh", "#!/bin/sh\n");
  auto r = read(c,
                "FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY scripts/ /opt/scripts/\n"
                "COPY entry.sh /usr/local/bin/start\nCOPY *.sh /hooks/\n");
  auto of = [&](const std::string& p) { return transforms::contextPathOf(r.doc, r.facts, r.context, p); };
  CHECK(of("/app/bin/run.sh") == std::optional<std::string>("bin/run.sh"));
  CHECK(of("/opt/scripts/wait.sh") == std::optional<std::string>("scripts/wait.sh"));
  CHECK(of("/usr/local/bin/start") == std::optional<std::string>("entry.sh"));
  CHECK(of("/hooks/other.sh") == std::optional<std::string>("other.sh"));
  CHECK_FALSE(of("/hooks/bin/run.sh"));  // a pattern takes files of its own folder only
  CHECK_FALSE(of("/app/missing.sh"));
}

TEST_CASE("startScript reads the programs a start script runs", "[migrate][script]") {
  Context c;
  c.write("start.sh",
          "#!/usr/bin/env bash\nset -e\nif ! timeout 5 bash -c 'curl -fsS http://db/ready'; then\n  exit 1\nfi\n"
          "env PORT=8080 nohup node worker.js &\nexec gosu app \"$@\"\n");
  auto r = read(c, "FROM node:20\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"./start.sh\"]\nCMD [\"node\", \"server.js\"]\n");
  auto s = transforms::startScript(r.doc, r.facts, r.context);
  REQUIRE(s);
  CHECK(s->known);
  CHECK(s->path == "/app/start.sh");
  CHECK(s->contextPath == std::optional<std::string>("start.sh"));
  for (const char* p : {"set", "timeout", "bash", "curl", "exit", "env", "nohup", "node", "exec", "gosu"}) {
    INFO(p);
    CHECK(std::find(s->programs.begin(), s->programs.end(), p) != s->programs.end());
  }
}

TEST_CASE("startScript: via sh, a shebang without .sh, and what it cannot read", "[migrate][script]") {
  Context c;
  c.write("boot", "#!/bin/sh\nwget -q -O /tmp/x http://config/x\n");
  c.write("dyn.sh", "#!/bin/sh\n$RUNNER --serve\n");
  c.write("run.sh", "#!/bin/sh\nsource ./env.sh\n");
  c.write("server", "\x7f" "ELF");
  auto startOf = [&](const std::string& start) {
    auto r = read(c, "FROM node:20\nWORKDIR /app\nCOPY . .\n" + start + "\n");
    return transforms::startScript(r.doc, r.facts, r.context);
  };
  auto boot = startOf("CMD [\"./boot\"]");
  REQUIRE(boot);
  CHECK(boot->known);
  CHECK(std::find(boot->programs.begin(), boot->programs.end(), "wget") != boot->programs.end());

  auto viaSh = startOf("CMD [\"sh\", \"boot\"]");
  REQUIRE(viaSh);
  CHECK(viaSh->path == "/app/boot");

  auto dyn = startOf("CMD [\"./dyn.sh\"]");
  REQUIRE(dyn);
  CHECK_FALSE(dyn->known);
  CHECK(dyn->whyUnknown == "runs a command named by a variable ($RUNNER)");

  auto sourced = startOf("CMD [\"sh\", \"./run.sh\"]");
  REQUIRE(sourced);
  CHECK_FALSE(sourced->known);
  CHECK(sourced->whyUnknown == "sources another file with `source`");

  auto absent = startOf("CMD [\"/usr/local/bin/entry.sh\"]");
  REQUIRE(absent);
  CHECK_FALSE(absent->known);
  CHECK(absent->whyUnknown == "is not a file the build copies from the context");

  // A bare name is found on the PATH.
  auto onPath = [&] {
    auto r = read(c, "FROM node:20\nCOPY boot /usr/local/bin/boot\nCMD [\"boot\"]\n");
    return transforms::startScript(r.doc, r.facts, r.context);
  }();
  REQUIRE(onPath);
  CHECK(onPath->known);
  CHECK(onPath->path == "/usr/local/bin/boot");

  // The base image's own script (node's docker-entrypoint.sh) is not the app's.
  CHECK_FALSE(startOf("ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]"));

  // A program that is not a script, or node itself: no script.
  CHECK_FALSE(startOf("CMD [\"./server\"]"));
  CHECK_FALSE(startOf("CMD [\"node\", \"server.js\"]"));
}
