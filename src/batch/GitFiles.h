#pragma once
// What git sees in a folder: the files it tracks or would track (so not the
// ones .gitignore, .git/info/exclude or the global excludes ignore), asked of
// git itself rather than re-implementing its ignore rules.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace restage::batch {

struct GitFiles {
  // Paths relative to the folder asked about, forward slashes: tracked files
  // (including tracked symlinks) and untracked files that are not ignored.
  std::vector<std::string> files;
  // Folders that are work trees of their own: submodules and untracked
  // nested repositories. git lists them but not what is inside.
  std::vector<std::string> nestedRepos;
};

// Runs `git ls-files` in `dir`. Empty when `dir` is not inside a git work
// tree or git cannot be run; the caller then walks the folder itself.
std::optional<GitFiles> listGitFiles(const std::filesystem::path& dir);

}  // namespace restage::batch
