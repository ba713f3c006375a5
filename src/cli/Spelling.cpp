#include "cli/Spelling.h"

#include <algorithm>

namespace restage::cli {

namespace {

// Levenshtein distance, with an adjacent swap counted as one edit.
std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closestName(std::string_view word, const std::vector<std::string>& known) {
  // Hostile input is bounded: no name restage knows is this long.
  if (word.empty() || word.size() > 64) return std::nullopt;
  std::optional<std::string> best;
  std::size_t bestDistance = 3;
  for (const auto& name : known) {
    std::size_t distance = editDistance(word, name);
    if (distance < bestDistance && distance * 2 < std::max(word.size(), name.size())) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

}  // namespace restage::cli
