#pragma once
// Byte ranges into a Dockerfile's source, and the mapping from byte offsets
// to 1-based line and column numbers.
#include <cstddef>
#include <string_view>
#include <vector>

namespace restage::ast {

// Half-open byte range [begin, end) in the original source.
struct SourceRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// 1-based line and column; the column counts bytes.
struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};

// Maps byte offsets to positions. Built once per document.
class LineIndex {
 public:
  explicit LineIndex(std::string_view source);
  Position position(std::size_t offset) const;
  std::size_t line(std::size_t offset) const { return position(offset).line; }
  std::size_t lineCount() const { return starts_.size(); }
  std::size_t lineStart(std::size_t line) const { return starts_.at(line - 1); }

 private:
  std::vector<std::size_t> starts_;  // offset of the first byte of each line
};

}  // namespace restage::ast
