#pragma once
// Where restage may read and what it may run, when every file of the
// repository may be hostile (docs/security.md):
//
// - A path the repository names (a context map entry, a compose
//   build.context, a symlinked Dockerfile) is resolved, symlinks and all,
//   and used only when it stays inside the repository top or the folder
//   the user gave. What the user names on the command line is taken as named.
// - Programs (git, the container engines) are looked up on PATH without its
//   empty and relative elements, which would mean the current folder: the
//   checkout, where a committed `./git` would otherwise run.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace restage::io {

// Whether `path` is `root` or under it, comparing resolved paths (symlinks
// followed as far as they exist). False when either cannot be resolved.
bool isWithin(const std::filesystem::path& path, const std::filesystem::path& root);

// The first folder from `folder` (absolute) upward that holds a `.git`
// entry: the top of its git work tree. Decided by looking at the file
// system, never by running git.
std::optional<std::filesystem::path> repositoryTop(const std::filesystem::path& folder);

// The folder a file named on the command line must not leave through a
// symlink: its git work tree's top, else the current folder when the file
// is under it, else the file's own folder. Resolved (canonical).
std::filesystem::path containmentRootFor(const std::filesystem::path& file);

// Why a Dockerfile named on the command line must not be read, or nothing
// when it may. Refused: a symlink (at any step of the path below the
// containment root) whose target lies outside that root, and any path that
// resolves into /proc, /sys or /dev. Returns the reason as one sentence,
// e.g. "symlink to /etc/passwd, outside /work/repo".
std::optional<std::string> symlinkEscape(const std::filesystem::path& file);

// The absolute path of the program `name` on PATH, skipping empty and
// relative PATH elements; nothing when it is not found there. A `name` with
// a slash is returned as given.
std::optional<std::string> findExecutable(const std::string& name);

// The command line that runs git in `dir` with `args`: git as findExecutable
// finds it (nothing when it is not on PATH), `-C dir`, and configuration
// that keeps the repository's own config from running commands: no
// fsmonitor hook (core.fsmonitor=false), no hooks (core.hooksPath=/dev/null).
std::optional<std::vector<std::string>> gitCommand(const std::filesystem::path& dir,
                                                   const std::vector<std::string>& args);

}  // namespace restage::io
