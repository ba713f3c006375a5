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
  bool usesCgo() const { return usesCgo_; }
  // The text of small build files (CMakeLists.txt, Makefile, meson.build) for
  // flag searches.
  const std::string& buildFilesText() const { return buildFilesText_; }

 private:
  bool known_ = false;
  std::filesystem::path dir_;
  std::set<std::string> entries_;
  nlohmann::json packageJson_;
  std::optional<std::string> goModule_;
  int goFiles_ = 0;
  bool usesCgo_ = false;
  std::string buildFilesText_;
};

}  // namespace restage::analysis
