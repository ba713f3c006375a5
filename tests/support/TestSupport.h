#pragma once
// Shared helpers for restage's tests: where the shared corpora are, reading
// files, and running the restage binary.
#include <filesystem>
#include <string>
#include <vector>

namespace restage::test {

// ../shared beside the project, or $RESTAGE_SHARED when set.
std::filesystem::path sharedDir();
std::filesystem::path corpusDir();
std::string readText(const std::filesystem::path& path);

// Every Dockerfile under a folder (named Dockerfile or *.Dockerfile), sorted.
std::vector<std::filesystem::path> dockerfilesUnder(const std::filesystem::path& dir);

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};
// Runs the built restage binary with arguments; stdin is empty. With `cwd`,
// it runs in that folder.
RunResult runRestage(const std::vector<std::string>& args, const std::filesystem::path& cwd = {});

}  // namespace restage::test
