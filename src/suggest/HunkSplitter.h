#pragma once
// Splits a rewrite (original text -> output text) into the smallest line
// ranges that differ, each one a suggestion a reviewer can accept on its own.
//
// Rules, in order:
// - Lines are compared with their terminators, so a CRLF file keeps CRLF in
//   its replacements and a missing final newline is a change of the last line.
// - Every maximal run of changed lines is a hunk.
// - A hunk must replace at least one line and its replacement must not be
//   empty or a single empty line: in a GitHub suggestion block or a linewise
//   reviewdog suggestion an empty text means "delete these lines", and one
//   empty line cannot be told apart from it. Such a hunk (a pure insertion,
//   a pure deletion, a change to one blank line) takes in the unchanged line
//   before it (after it at the top of the file) on both sides.
// - Hunks that then share or need the same line are joined.
//
// Example: inserting "FROM a AS b\n" before line 1 gives one hunk that
// replaces line 1 with "FROM a AS b\n" + line 1.
#include <string_view>
#include <vector>

#include "suggest/Hunk.h"
#include "suggest/LineDiff.h"

namespace restage::suggest {

class HunkSplitter {
 public:
  // Both texts must outlive the splitter.
  HunkSplitter(std::string_view original, std::string_view output);

  std::vector<Hunk> split() const;
  // One hunk spanning `first` through `last` (of this splitter's split(), in
  // order) and the unchanged lines between them.
  Hunk join(const Hunk& first, const Hunk& last) const;

 private:
  struct Span {
    std::size_t before = 0, beforeEnd = 0;  // original lines [before, beforeEnd)
    std::size_t after = 0, afterEnd = 0;    // output lines [after, afterEnd)
  };
  bool needsAnchor(const Span& s) const;
  Hunk make(const Span& s) const;

  std::string_view original_;
  std::string_view output_;
  std::vector<Line> before_;
  std::vector<Line> after_;
};

// Convenience: HunkSplitter(original, output).split().
std::vector<Hunk> splitHunks(std::string_view original, std::string_view output);

}  // namespace restage::suggest
