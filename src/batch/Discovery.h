#pragma once
// Finding the Dockerfiles of a batch. The names that count are decided by
// isDockerfileName, the one predicate batch, suggest and --changed-from share
// (documented in docs/batch.md, "Which files"). Folders named .git,
// node_modules and vendor are never entered; inside a git work tree what git
// ignores is skipped too (git is asked, see GitFiles.h).
//
// Symlinks: a symlinked folder is never followed (whatever it points to inside
// the root is found on its own path). A symlinked Dockerfile is skipped, with
// a reason, when its target is outside the root or missing, or when the target
// is itself found; otherwise it is migrated and written through to the target,
// so the link stays a link.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace restage::batch {

// Whether a file (a name or a path; only its last component counts) is a
// Dockerfile, in any letter case: Dockerfile, Containerfile, and their
// variants STEM.*, STEM-* and *.STEM (Dockerfile.prod, Dockerfile-dev,
// api.Dockerfile, worker.containerfile, Containerfile.alpine). Not: names
// ending in .dockerignore, backup and merge leftovers (.orig, .rej, .bak,
// .swp, .restage-bak, ~), and variants that are another kind of file or a
// template (.md, .txt, .yml, .json, .sh, .j2, .tpl, .template, ...).
bool isDockerfileName(std::string_view path);

// Paths are plain strings: std::filesystem::path keeps a parsed copy of every
// component, several hundred bytes a file across a 100k-file batch.
struct DiscoveredFile {
  std::string path;      // the root as given joined with `key`: what is shown
  std::string realPath;  // absolute; what is read and replaced (the target of a symlink)
  std::string key;                 // relative to its root, forward slashes: the shard key
  bool symlink = false;            // `path` is a symlink to `realPath`
};

// A path that discovery saw and did not take, with the reason.
struct SkippedPath {
  std::filesystem::path path;
  std::string key;
  std::string code;    // symlink-outside-root, dangling-symlink, duplicate-symlink, unreadable-directory, too-deep
  std::string reason;  // one sentence for people
  bool error = false;  // true when something could not be scanned at all
};

// Folders deeper than this below a root are not searched (skipped
// [too-deep]); the walk keeps one open descriptor per level.
inline constexpr std::size_t kMaxWalkDepth = 128;

struct DiscoveryOptions {
  bool useGit = true;  // false: walk every folder even inside a git work tree
};

struct DiscoveryResult {
  std::vector<DiscoveredFile> files;  // sorted by path, each real file once
  std::vector<SkippedPath> skipped;   // sorted by path
};

// Each root is a folder to search or a single file to take as it is. A root
// that does not exist is an error entry in `skipped`.
DiscoveryResult discover(const std::vector<std::filesystem::path>& roots,
                         const DiscoveryOptions& options = {});

}  // namespace restage::batch
