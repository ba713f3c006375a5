#pragma once
// .restage.yaml: per-folder settings for batch, suggest and migrate
// (docs/config.md). A Dockerfile takes the nearest .restage.yaml found from
// its folder upward (stopping at the folder that holds .git, or at /); the
// nearest file wins whole, nothing is merged, as in ruff and hadolint.
//
//   exclude:      [globs]           files batch and suggest leave alone
//   min-saving:   50MB              rewrites that save less stay unchanged
//   runtime-base: {go: IMAGE, paths: {GLOB: IMAGE}}
//   languages:    [node, go]        the languages to migrate
//   fail-on:      [would-migrate, finding]   what makes batch --check fail
//   select:       [RS002, RS003]    the rules to report (default: all)
//   ignore:       [unused-ignore]   rules not to report
//
// --select, --ignore and --fail-on on the command line replace the key of
// the same name, for every file (Overrides).
//
// Every mistake (an unknown key, a wrong type, a bad glob or size) is a
// ConfigError "FILE:LINE:COL: error: what is wrong", exit status 2.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "Error.h"
#include "config/FailOn.h"

namespace restage::config {

inline constexpr const char* kConfigFileName = ".restage.yaml";
// Real configuration files are a few hundred bytes; a larger one is refused
// before it is parsed (docs/limits.md).
inline constexpr std::size_t kMaxConfigBytes = 64 * 1024;
// Globs per list (exclude, runtime-base paths): each file is matched against
// every one of them.
inline constexpr std::size_t kMaxPatterns = 1000;

// A mistake in a configuration file; the message starts with FILE:LINE:COL.
class ConfigError : public LocatedError {
 public:
  using LocatedError::LocatedError;
};

// A path glob, matched against a path relative to the configuration file's
// folder, '/'-separated: `*` any run of characters but '/', `?` one such
// character, `**` as a whole segment any number of segments (none too); a
// pattern ending in '/' matches a folder, i.e. every file under it.
class Glob {
 public:
  // Throws std::invalid_argument with what is wrong.
  static Glob parse(std::string_view pattern);
  bool matches(std::string_view relativePath) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::vector<std::string> segments_;
  bool folder_ = false;
};

// "50MB", "200 MiB", "1.5 GB", "1000": bytes (kB, MB, GB are powers of 1000,
// KiB, MiB, GiB of 1024). Throws std::invalid_argument.
long long parseSize(std::string_view text);

struct PathRuntimeBase {
  Glob glob;
  std::string image;
};

struct Config {
  std::filesystem::path file;    // as found or given
  std::filesystem::path folder;  // absolute, lexically normal: globs are relative to it
  std::vector<Glob> exclude;
  std::optional<long long> minSavingBytes;
  std::string minSavingText;  // as written, for messages
  std::map<std::string, std::string> runtimeBaseByLanguage;  // node, go, cpp
  std::vector<PathRuntimeBase> runtimeBaseByPath;            // first match wins
  std::optional<std::set<std::string>> languages;
  FailOn failOn;
  // select / ignore: rule codes; a rule is reported when select (unset: all)
  // has it and ignore does not (config/Policy.h).
  std::optional<std::set<std::string>> select;
  std::set<std::string> ignore;
  // Where they were set, for messages: "'ignore' in .restage.yaml", "--ignore".
  std::string selectSource;
  std::string ignoreSource;

  // Whether findings of the rule are reported (RS001: whether a rewrite or
  // refusal is).
  bool reports(std::string_view ruleCode) const;
  // Why it is not: "RS002 trailing-comment is left out by --ignore".
  std::string notReportedWhy(std::string_view ruleCode) const;

  // The exclude pattern that matches the file, if any.
  const Glob* excludedBy(const std::filesystem::path& dockerfile) const;
  // The runtime-base paths entry that matches the file, if any.
  const PathRuntimeBase* runtimeBaseFor(const std::filesystem::path& dockerfile) const;
  // The file's path relative to `folder`, '/'-separated; nullopt when outside.
  std::optional<std::string> relativePath(const std::filesystem::path& dockerfile) const;
};

// What the command line sets for every file: --select, --ignore, --fail-on.
struct Overrides {
  std::optional<std::set<std::string>> select;
  std::optional<std::set<std::string>> ignore;
  std::optional<FailOn> failOn;
  bool empty() const { return !select && !ignore && !failOn; }
  void applyTo(Config& config) const;
};

// "RS002,unused-ignore" (or several values): rule codes. Throws
// std::invalid_argument naming an unknown rule.
std::set<std::string> parseRuleList(const std::vector<std::string>& entries);
// fail-on entries (FailOn.h). Throws std::invalid_argument.
FailOn parseFailOn(const std::vector<std::string>& entries);
// Comma-separated values, blanks around them dropped.
std::vector<std::string> splitList(const std::vector<std::string>& values);

// Parses configuration text (`file` names it in messages and sets `folder`).
Config parseConfig(const std::string& text, const std::filesystem::path& file);
// Reads and parses a configuration file (at most kMaxConfigBytes).
Config loadConfig(const std::filesystem::path& file);

// Which configuration governs each Dockerfile: one given file (--config),
// none (--no-config), or the nearest .restage.yaml upward. Each folder is
// looked at once; each file is parsed once. Safe to call from several
// threads.
class ConfigFinder {
 public:
  enum class Mode { Discover, Fixed, None };
  ConfigFinder() = default;  // Discover
  // Fixed: loads `file` now (throws ConfigError); None: no configuration.
  explicit ConfigFinder(Mode mode, const std::filesystem::path& file = {});
  // Applied to every configuration found from now on (and to a Fixed one);
  // with overrides, a file without a configuration gets one that holds only
  // them, so forFile is never null then.
  void setOverrides(Overrides overrides);

  // Null when no configuration applies. Throws ConfigError for a bad file.
  const Config* forFile(const std::filesystem::path& dockerfile);
  // For input without a file (stdin): the configuration found from `folder`.
  const Config* forFolder(const std::filesystem::path& folder);

 private:
  const Config* lookUp(const std::filesystem::path& folder);

  const Config* orDefault(const Config* found);

  Mode mode_ = Mode::Discover;
  Overrides overrides_;
  Config defaults_;  // only the overrides
  std::shared_ptr<Config> fixed_;
  std::mutex mutex_;
  std::map<std::string, const Config*> byFolder_;           // absolute folder -> nearest config
  std::map<std::string, const Config*> byGivenFolder_;      // a file's folder as given -> nearest config
  std::map<std::string, std::unique_ptr<Config>> loaded_;  // config file -> parsed
};

// `*` and `?` within one path segment (a file name): glob::nameMatches, in at
// most (pattern + 1) x name steps. Also what the effect model matches source
// file patterns (`*.go`, `Dockerfile.*`) with.
bool segmentMatches(std::string_view pattern, std::string_view text);

}  // namespace restage::config
