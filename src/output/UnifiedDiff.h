#pragma once
// Rewrites as one unified diff (`--- a/PATH`, `+++ b/PATH`, 3 lines of
// context) that `git apply` and `patch -p1` accept, run from the folder the
// paths are relative to. Lines keep their bytes (CRLF included); a last line
// without a newline is marked "\ No newline at end of file".
#include <string>
#include <string_view>
#include <vector>

#include "suggest/Suggestion.h"

namespace restage::output {

std::string unifiedDiff(const std::vector<suggest::FileReport>& reports);

// The diff of one file from `original` to `output`; empty when they are equal.
std::string unifiedDiff(std::string_view original, std::string_view output, const std::string& path,
                        int context = 3);

}  // namespace restage::output
