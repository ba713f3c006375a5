#pragma once
// Facts about a build context folder, read once and bounded (depth, entry
// count, bytes read), so a huge or hostile context cannot stall restage.
//
// Files of the context are read as regular files only: a symlink is followed
// only when its target stays inside the context, the open never blocks (a
// FIFO or device is not read), at most kMaxFileBytes are read from one file
// (counted as read, whatever st_size says) and at most kMaxTotalBytes from
// the whole context. .dockerignore patterns match in linear time
// (glob::Wildcard), within kMaxIgnoreSteps steps for the whole context.
// Not thread-safe: readText() and ignored() count what they spend.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "glob/Wildcard.h"

namespace restage::analysis {

// A .dockerignore file's patterns, read as Docker reads them: a line
// starting with `#` is a comment, blanks around a line are dropped, `!`
// makes an exception, a leading `/` or `./` and a trailing `/` are dropped.
// The last pattern that matches a path, or a folder on its way, decides.
class IgnoreFile {
 public:
  static constexpr std::size_t kMaxPatterns = 1000;  // lines past it are not read

  static IgnoreFile parse(std::string_view text);
  bool empty() const { return patterns_.empty(); }
  std::size_t size() const { return patterns_.size(); }
  // `cost`, when given, grows by the steps walked: at most states() per byte
  // of the path.
  bool ignored(std::string_view relative, std::size_t* cost = nullptr) const;
  std::size_t states() const { return states_; }

 private:
  struct Pattern {
    glob::Wildcard wildcard;
    bool negated = false;
  };
  std::vector<Pattern> patterns_;
  std::size_t states_ = 0;
};

class BuildContext {
 public:
  static constexpr std::size_t kMaxFileBytes = 1u << 20;        // one file
  static constexpr std::size_t kMaxTotalBytes = 64u << 20;      // all files read
  static constexpr std::size_t kMaxIgnoreBytes = 64u << 10;     // .dockerignore
  static constexpr std::size_t kMaxIgnoreSteps = 200'000'000;   // matching, whole context

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
  // build: the last matching pattern decides, `!` brings a path back. Once
  // kMaxIgnoreSteps are spent, paths not yet answered count as not ignored.
  bool ignored(const std::string& relative) const;
  // The text of a small regular file of the context ("" when absent, too
  // large, not a regular file, a symlink out of the context, or past the
  // context's byte budget).
  std::string readText(const std::string& relative) const;
  // Bytes read from the context's files so far.
  std::size_t bytesRead() const { return bytesRead_; }
  // The text of small build files (CMakeLists.txt, Makefile, meson.build) for
  // flag searches.
  const std::string& buildFilesText() const { return buildFilesText_; }

 private:
  void scanGoFile(const std::filesystem::path& path, const std::string& relative);
  // The file's bytes when it is a regular file inside the context of at most
  // `maxBytes`, within the budget; nullopt otherwise.
  std::optional<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes = kMaxFileBytes) const;

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
  IgnoreFile ignore_;
  std::string buildFilesText_;
  std::filesystem::path realDir_;  // dir_ with symlinks resolved: what reads must stay under
  mutable std::size_t bytesRead_ = 0;
  mutable std::size_t ignoreSteps_ = 0;
  mutable std::map<std::string, bool> ignoredMemo_;
};

}  // namespace restage::analysis
