#pragma once
// The build context (and build arguments) each Dockerfile is migrated with,
// and where that choice came from. First match wins:
//
//   1. a context map entry (`--context-map FILE` or `.restage-contexts.json`,
//      see ContextMap.h);
//   2. a docker-compose service that builds this Dockerfile (Compose.h), from
//      the nearest compose project: the Dockerfile's own folder first, then
//      each folder above it, up to the top of its git work tree (the first
//      folder holding `.git`), or outside git up to a given top folder;
//   3. the Dockerfile's own folder.
//
// A context from 1. or 2. is used only when it lies inside the repository:
// the git work tree's top, or outside git the folder given (symlinks
// resolved). The repository's files choose these paths, so one outside
// would let a pull request read (and list in its review) any host folder;
// such a context is set aside with a note and the file's folder is used.
//
// Build arguments come from the compose service whenever one builds the
// file, whatever decided the context.
//
// prepare() reads the compose files (and may throw restage::Error for a
// malformed one); after every file is prepared, resolve() only reads, so
// worker threads may call it together.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/Compose.h"
#include "batch/ContextMap.h"
#include "migrate/Migration.h"

namespace restage::batch {

enum class ContextSource { Folder, Compose, ContextMap };
// "folder", "compose", "context_map" (the JSON report's `context_source`).
std::string_view contextSourceName(ContextSource source);

struct ResolvedContext {
  std::filesystem::path context;  // absolute
  ContextSource source = ContextSource::Folder;
  std::filesystem::path from;     // the compose file or the context map; empty for Folder
  // The compose service that builds the file, and its compose file (also
  // when a context map decided the context); empty when none does.
  std::string service;
  std::filesystem::path composeFile;
  std::vector<std::string> otherServices;  // later services of that project that build it too
  BuildArgs buildArgs;            // the compose service's build.args
  // Every service of that project that builds the file, first one first:
  // what they run in its containers (entrypoint, command, healthcheck).
  std::vector<ComposeBuild> services;
  // A context the map or compose named that is not inside the repository
  // (the git top, else the folder batch was given; symlinks resolved): it
  // is not used, the Dockerfile's folder is (source Folder), and this says
  // why in one sentence. Empty when nothing was set aside.
  std::string contextNote;
};

// What the services of `r` run, for migrate::Options::runCommands; `show`
// turns a compose file's absolute path into the name people see.
std::vector<migrate::ContainerCommand> runCommands(
    const ResolvedContext& r, const std::function<std::string(const std::filesystem::path&)>& show);

// Puts what `r` decided into migrate's options: its context (unless the
// options name one already, or it is the file's own folder, migrate's
// default), the build args the options do not set already, and what the
// compose services run. `show` is as for runCommands.
void applyContext(const ResolvedContext& r, migrate::Options& options,
                  const std::function<std::string(const std::filesystem::path&)>& show);

class BuildContexts {
 public:
  BuildContexts() = default;
  explicit BuildContexts(ContextMap map) : map_(std::move(map)) {}

  const ContextMap& map() const { return map_; }

  // Reads the compose projects above `dockerfile` (a real, absolute path)
  // up to its git top or else `top`. Throws restage::Error for a compose file
  // that cannot be read.
  void prepare(const std::filesystem::path& dockerfile, const std::filesystem::path& top);
  // Only what prepare() read is consulted.
  ResolvedContext resolve(const std::filesystem::path& dockerfile) const;

  // Compose services that were skipped, with why, in the order read.
  const std::vector<ComposeSkip>& skipped() const { return skipped_; }
  // The compose files read, in the order read.
  const std::vector<std::filesystem::path>& composeFiles() const { return composeFiles_; }

 private:
  ContextMap map_;
  std::map<std::string, std::optional<ComposeProject>> projects_;  // folder -> its project
  std::map<std::string, std::string> tops_;                        // Dockerfile folder -> search top
  std::map<std::string, std::optional<std::string>> gitTops_;      // folder -> its git top, if any
  std::map<std::string, std::string> normalTops_;                  // a top as given -> absolute, normal
  std::optional<std::string> gitTop(const std::string& folder);
  std::vector<ComposeSkip> skipped_;
  std::vector<std::filesystem::path> composeFiles_;
};

}  // namespace restage::batch
