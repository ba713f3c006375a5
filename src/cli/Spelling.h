#pragma once
// "Did you mean": the known name closest to a mistyped one, when it is close
// enough to be a likely typo (edit distance at most 2, and less than half the
// word). Used for subcommands and option names.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace restage::cli {

std::optional<std::string> closestName(std::string_view word, const std::vector<std::string>& known);

}  // namespace restage::cli
