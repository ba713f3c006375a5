#pragma once
// The files a pull request changed, from git: what differs between a base
// revision and the work tree. `restage suggest --changed-from REF` reads the
// Dockerfiles among them.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "batch/Discovery.h"

namespace restage::suggest {

enum class ChangeKind { Added, Modified, Renamed, Copied, Deleted, TypeChanged, Unmerged, Untracked };
std::string_view changeKindName(ChangeKind kind);

struct ChangedFile {
  ChangeKind kind;
  std::string path;     // in the work tree ('/'-separated, relative to the folder asked about)
  std::string oldPath;  // the path at the base, for renames and copies
};

// Parses `git diff --name-status -z` output. Throws restage::Error on text
// that is not in that format.
std::vector<ChangedFile> parseNameStatus(std::string_view output);

// The one file-name predicate batch discovery shares (batch/Discovery.h).
using batch::isDockerfileName;

// Files that differ between `ref` and the work tree of the git repository at
// `dir`, with untracked files that are not ignored, paths relative to `dir`
// (only files under it). The base is the merge base of `ref` and HEAD, so a
// base branch that moved on since the pull request was opened adds nothing;
// when there is none (a shallow clone), `ref` itself. Throws restage::Error
// when git fails or `ref` names no commit.
std::vector<ChangedFile> changedFiles(const std::string& ref, const std::filesystem::path& dir);

// Lines [first, last] (1-based, inclusive) of a file's work-tree version.
struct LineSpan {
  std::size_t first;
  std::size_t last;
};

// For each file changedFiles() lists (by the same base), the lines the change
// added, from `git diff -U0`: where a pull request review may comment.
// Untracked files are added whole. A file git names in quotes is left out.
std::map<std::string, std::vector<LineSpan>> addedLines(const std::string& ref, const std::filesystem::path& dir);

// The added lines of `git diff -U0 --src-prefix=a/ --dst-prefix=b/` output,
// read as git writes it: a file's headers only after its `diff --git` line
// and before its first hunk, and each hunk exactly as long as its `@@`
// header's counts say, so a content line such as `+++ b/X` is content
// (issue 21, L1). Output it does not understand ends the reading of that file.
std::map<std::string, std::vector<LineSpan>> parseAddedLines(std::string_view diff);

// The Dockerfiles among changedFiles() that exist in the work tree (deleted
// ones are left out), sorted by path.
std::vector<std::string> changedDockerfiles(const std::string& ref, const std::filesystem::path& dir);

}  // namespace restage::suggest
