// The builder steps that resolve shared libraries (transforms/PlannerSupport.h):
// for one program (C++, cgo) and for every ELF file under a folder (a Node
// app's native addons, a Python venv's extension modules). The folder step is
// also run for real, with this machine's ldd and dpkg, on a folder holding a
// copy of a system program, a script and a library inside the folder.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "catalog/Catalog.h"
#include "support/TestSupport.h"
#include "transforms/PlannerSupport.h"

namespace fs = std::filesystem;
using namespace restage;

namespace {

// The RUN step as a shell script: comment lines and "RUN " dropped.
std::string script(const std::string& run) {
  std::string out;
  std::size_t at = 0;
  while (at < run.size()) {
    std::size_t end = run.find('\n', at);
    std::string line = run.substr(at, end == std::string::npos ? std::string::npos : end - at);
    at = end == std::string::npos ? run.size() : end + 1;
    if (line.starts_with("#")) continue;
    if (line.starts_with("RUN ")) line = line.substr(4);
    out += line + "\n";
  }
  return out;
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("the folder step lists the owners of what the folder's ELF files link, on a base with apt", "[migrate][libraries]") {
  const auto& catalog = catalog::Catalog::get();
  auto base = catalog.runtimeBase("node:20-slim");
  REQUIRE(base);
  auto step = transforms::folderLibrariesStep(catalog, "/app", base);
  REQUIRE(step.owners);
  CHECK(step.run.find("find /app -type f") != std::string::npos);
  CHECK(step.run.find("dpkg -S") != std::string::npos);
  CHECK(step.run.find("apk info") == std::string::npos);
  // Libraries inside the folder travel with it; the base's C library and
  // libstdc++ are never listed.
  CHECK(step.run.find("case \"$real\" in /app/*) continue ;; esac") != std::string::npos);
  CHECK(step.run.find("libc.so*") != std::string::npos);
  CHECK(step.run.find("libstdc++.so*") != std::string::npos);
  CHECK(step.run.find("mkdir -p \"$r\"") != std::string::npos);
}

TEST_CASE("the folder step copies the libraries a base without a package manager lacks", "[migrate][libraries]") {
  const auto& catalog = catalog::Catalog::get();
  auto base = catalog.runtimeBase("gcr.io/distroless/cc-debian13:nonroot");
  REQUIRE(base);
  auto step = transforms::folderLibrariesStep(catalog, "/srv/app", base);
  CHECK_FALSE(step.owners);
  CHECK(step.run.find("dpkg -S") == std::string::npos);
  CHECK(step.run.find("cp -L \"$lib\"") != std::string::npos);
  CHECK(step.run.find("/srv/app/*) continue") != std::string::npos);
}

TEST_CASE("the program step is unchanged by the folder step's generalisation", "[migrate][libraries]") {
  const auto& catalog = catalog::Catalog::get();
  auto base = catalog.runtimeBase("debian:bookworm-slim");
  auto step = transforms::collectStep(catalog, "/src/app", "/src/app", true, true, base);
  REQUIRE(step.owners);
  CHECK(step.run.find("for lib in $(ldd /src/app | awk") != std::string::npos);
  // With a package manager every library's owner is asked for, none skipped.
  CHECK(step.run.find("case \"${lib##*/}\"") == std::string::npos);
  CHECK(step.run.find("find ") == std::string::npos);
}

TEST_CASE("the folder step, run with this machine's ldd and dpkg, finds the packages a copied program needs", "[migrate][libraries]") {
  if (std::system("command -v ldd >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 && dpkg -S /bin/ls >/dev/null 2>&1") != 0) {
    WARN("skipped: no ldd or dpkg database on this machine");
    return;
  }
  const auto& catalog = catalog::Catalog::get();
  auto step = transforms::folderLibrariesStep(catalog, "/app", catalog.runtimeBase("node:20-slim"));
  restage::test::TempTree tree;
  fs::path root = tree.path();
  fs::create_directories(root / "app/node_modules/tool/bin");
  fs::create_directories(root / "restage");
  // An ELF program (linking libc and whatever else ls links), a shell script
  // that is executable, and a text file named like an addon.
  fs::copy_file("/bin/ls", root / "app/node_modules/tool/bin/ls");
  std::ofstream(root / "app/node_modules/tool/bin/run") << "#!/bin/sh\necho hi\n";
  fs::permissions(root / "app/node_modules/tool/bin/run", fs::perms::owner_all);
  std::ofstream(root / "app/node_modules/tool/fake.node") << "not an ELF file\n";
  std::string text = script(step.run);
  replaceAll(text, "/restage", (root / "restage").string());
  replaceAll(text, "/app", (root / "app").string());
  std::ofstream(root / "step.sh") << text;
  REQUIRE(std::system(("sh " + (root / "step.sh").string() + " >/dev/null 2>&1").c_str()) == 0);
  std::string owners = slurp(root / "restage/packages");
  // ls links more than the C library; its owners are the packages dpkg names
  // for those libraries, and libc6 is skipped (the base has it).
  std::string expected;
  {
    std::string cmd = "ldd /bin/ls | awk '$3 ~ /^\\// {print $3}' | grep -v -e '/libc.so' -e 'ld-linux' | while read -r l; do "
                      "dpkg -S \"$l\" 2>/dev/null || dpkg -S \"$(readlink -f \"$l\")\"; done | sed 's/:.*//' | sort -u > " +
                      (root / "expected").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    expected = slurp(root / "expected");
  }
  std::string sorted;
  {
    std::string cmd = "sort -u " + (root / "restage/packages").string() + " > " + (root / "got").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    sorted = slurp(root / "got");
  }
  CHECK(sorted == expected);
  CHECK(owners.find("libc6") == std::string::npos);
  CHECK(!fs::exists(root / "restage/elf-files"));
}
