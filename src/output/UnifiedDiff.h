#pragma once
// Rewrites as one unified diff (`--- a/PATH`, `+++ b/PATH`, 3 lines of
// context) that `git apply` and `patch -p1` accept, run from the folder the
// paths are relative to. Header paths (diffPath) are relative to the current
// folder; a file outside it (an absolute or "../" path) is named by its path
// from the root folder without the leading "/", so the diff applies from "/"
// (`git apply` rejects ".." and absolute names). Lines keep their bytes (CRLF
// included); a last line without a newline is marked "\ No newline at end of file".
#include <string>
#include <string_view>
#include <vector>

#include "suggest/Suggestion.h"

namespace restage::output {

std::string unifiedDiff(const std::vector<suggest::FileReport>& reports);

// The name a diff header gives PATH (after "a/" or "b/"), as described above.
std::string diffPath(const std::string& path);

// The diff of one file from `original` to `output`; empty when they are equal.
std::string unifiedDiff(std::string_view original, std::string_view output, const std::string& path,
                        int context = 3);

}  // namespace restage::output
