#pragma once
// Shared helpers for restage's tests: where the shared corpora are, reading
// files, and running the restage binary.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
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

// A batch JSON report's files as path -> "status code".
std::map<std::string, std::string> outcomesByPath(const nlohmann::json& report);

// A fresh folder under the system's temporary folder (its real path),
// removed with everything in it when the object goes.
class TempTree {
 public:
  TempTree();
  ~TempTree();
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

  // Writes a file, creating its folders; throws when it cannot.
  std::filesystem::path write(const std::string& rel, const std::string& content = "FROM scratch\n") const;
  void mkdir(const std::string& rel) const;
  // Copies a folder (a test case's context) to `rel`.
  void copy(const std::filesystem::path& from, const std::string& rel) const;
  void symlink(const std::string& target, const std::string& rel) const;

 private:
  std::filesystem::path path_;
};

}  // namespace restage::test
