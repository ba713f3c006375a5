#pragma once
// Facts about a build context folder, read once and bounded (depth, entry
// count, bytes read), so a huge or hostile context cannot stall restage.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace restage::analysis {

class BuildContext {
 public:
  // An absent context: nothing is known.
  BuildContext() = default;
  static BuildContext read(const std::filesystem::path& dir);

  bool known() const { return known_; }
  const std::filesystem::path& dir() const { return dir_; }
  // Paths relative to the context, forward slashes; directories end with '/'.
  bool has(const std::string& relative) const { return entries_.count(relative) > 0; }
  bool hasDir(const std::string& relative) const { return entries_.count(relative + "/") > 0; }
  const std::set<std::string>& entries() const { return entries_; }

  // package.json, parsed; null when absent or invalid.
  const nlohmann::json& packageJson() const { return packageJson_; }
  std::optional<std::string> packageScript(const std::string& name) const;
  // go.mod module path.
  std::optional<std::string> goModule() const { return goModule_; }
  bool hasGoFiles() const { return goFiles_ > 0; }
  // `import "C"` in the context's Go code, vendor/ included.
  bool usesCgo() const { return usesCgo_; }
  // The file that imports "C" ("main.go", "vendor/example.com/x/x.go"); "" when none.
  const std::string& cgoSource() const { return cgoSource_; }
  // A Go file could not be read (too large, not a regular file, no
  // permission): the context cannot rule cgo out.
  bool cgoUnknown() const { return unreadableGoFiles_ > 0; }
  // go.mod's require lines: module paths.
  const std::vector<std::string>& goRequires() const { return goRequires_; }
  // The import paths of the context's Go files that go build compiles on
  // Linux (vendor/ aside), each once, sorted.
  const std::set<std::string>& goImports() const { return goImports_; }
  // .dockerignore leaves this path (relative, forward slashes) out of the
  // build: the last matching pattern decides, `!` brings a path back.
  bool ignored(const std::string& relative) const;
  // The text of a small regular file of the context ("" when absent, too
  // large or not a regular file).
  std::string readText(const std::string& relative) const;
  // The text of small build files (CMakeLists.txt, Makefile, meson.build) for
  // flag searches.
  const std::string& buildFilesText() const { return buildFilesText_; }

 private:
  void scanGoFile(const std::filesystem::path& path, const std::string& relative);

  bool known_ = false;
  std::filesystem::path dir_;
  std::set<std::string> entries_;
  nlohmann::json packageJson_;
  std::optional<std::string> goModule_;
  int goFiles_ = 0;
  bool usesCgo_ = false;
  std::string cgoSource_;
  int unreadableGoFiles_ = 0;
  std::vector<std::string> goRequires_;
  std::set<std::string> goImports_;
  std::vector<std::string> ignorePatterns_;  // .dockerignore lines, cleaned
  std::string buildFilesText_;
};

}  // namespace restage::analysis
