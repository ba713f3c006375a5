#pragma once
// A hunk: a range of whole lines of the original and the whole lines that
// replace it. Each review suggestion is one hunk, so a hunk always covers at
// least one original line (GitHub and reviewdog anchor a suggestion on lines)
// unless the original is empty.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace restage::suggest {

struct Hunk {
  std::size_t startLine = 1;        // 1-based first original line replaced
  std::size_t lineCount = 0;        // original lines replaced
  std::size_t outputStartLine = 1;  // 1-based line of the output where the replacement starts
  std::size_t outputLineCount = 0;  // output lines in the replacement
  std::size_t offset = 0;           // byte range of the replaced lines in the original,
  std::size_t length = 0;           // terminators included
  std::string replaced;             // the original text of those lines
  std::string replacement;          // the text replacing them, with its own terminators

  // The last original line replaced (startLine when lineCount is 0).
  std::size_t endLine() const { return lineCount == 0 ? startLine : startLine + lineCount - 1; }
  friend bool operator==(const Hunk&, const Hunk&) = default;
};

// The replacement as line-based suggestions carry it (a GitHub suggestion
// block, a reviewdog suggestion without columns): without the terminator of
// its last line, which the consumer adds back.
inline std::string_view linewiseReplacement(const Hunk& h) {
  std::string_view r = h.replacement;
  if (r.ends_with("\r\n")) return r.substr(0, r.size() - 2);
  if (r.ends_with('\n')) return r.substr(0, r.size() - 1);
  return r;
}

// Applies sorted, non-overlapping hunks to the original they came from.
// Throws std::invalid_argument when they are out of order or outside it.
std::string applyHunks(std::string_view original, const std::vector<Hunk>& hunks);

}  // namespace restage::suggest
