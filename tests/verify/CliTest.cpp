// restage verify's command line: usage errors exit 2 before any engine runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "support/TestSupport.h"

using restage::test::runRestage;
namespace fs = std::filesystem;

namespace {

fs::path dockerfile() {
  fs::path dir = fs::temp_directory_path() / ("restage-verify-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "Dockerfile") << "FROM debian:bookworm\nCMD [\"true\"]\n";
  return dir / "Dockerfile";
}

}  // namespace

TEST_CASE("verify: bad usage exits 2 with a reason", "[cli]") {
  std::string f = dockerfile().string();
  auto r = runRestage({"verify"});
  CHECK(r.status == 2);
  CHECK(r.err.find("verify: no Dockerfile given") != std::string::npos);
  r = runRestage({"verify", f, "--format", "yaml", "--engine", "buildah"});
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown --format 'yaml' (text, json, markdown)") != std::string::npos);
  r = runRestage({"verify", f, "--engine", "lxc"});
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown --engine 'lxc'") != std::string::npos);
  r = runRestage({"verify", f, "--engine", "buildah", "--probe", "http://:http/"});
  CHECK(r.status == 2);
  CHECK(r.err.find("needs a port") != std::string::npos);
  r = runRestage({"verify", f, "--engine", "buildah", "--probe", "none", "--probe", "auto"});
  CHECK(r.status == 2);
  r = runRestage({"verify", f, "--engine", "buildah", "--run-for", "0"});
  CHECK(r.status == 2);
  r = runRestage({"verify", f, "--engine", "buildah", "--build-arg", "NOVALUE"});
  CHECK(r.status == 2);
  CHECK(r.err.find("is not KEY=VALUE") != std::string::npos);
  r = runRestage({"verify", f + ".missing", "--engine", "buildah"});
  CHECK(r.status == 2);
  CHECK(r.err.find("no such file") != std::string::npos);
  r = runRestage({"verify", f, "--engine", "buildah", "--rewrite", f + ".missing"});
  CHECK(r.status == 2);
  fs::remove_all(fs::path(f).parent_path());
}

TEST_CASE("verify --help lists the options", "[cli]") {
  auto r = runRestage({"verify", "--help"});
  CHECK(r.status == 0);
  for (const char* o : {"--context", "--rewrite", "--engine", "--probe", "--run-for", "--format", "--cache"}) {
    CHECK(r.out.find(o) != std::string::npos);
  }
}

TEST_CASE("batch --verify compares with the original, so not with --write", "[cli]") {
  fs::path f = dockerfile();
  auto r = runRestage({"batch", "--verify", "--write", f.parent_path().string()});
  CHECK(r.status == 2);
  CHECK(r.err.find("--verify compares with the original, so it runs without --write") != std::string::npos);
  r = runRestage({"batch", "--verify=lxc", f.parent_path().string()});
  CHECK(r.status == 2);
  fs::remove_all(f.parent_path());
}
