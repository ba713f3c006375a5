#include "ast/SourceRange.h"

#include <algorithm>

namespace restage::ast {

LineIndex::LineIndex(std::string_view source) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\n') starts_.push_back(i + 1);
  }
}

Position LineIndex::position(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - starts_.begin());
  return Position{line, offset - starts_[line - 1] + 1};
}

}  // namespace restage::ast
