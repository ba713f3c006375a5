#pragma once
// Line-level diff of two texts. This is the only code that sees the dtl
// library; the splitter and the unified diff read its plain result.
//
// A line keeps its terminator ("\n" or "\r\n"), so a file without a final
// newline and a CRLF file compare exactly: changing only a line ending is a
// change of that line.
#include <cstddef>
#include <string_view>
#include <vector>

namespace restage::suggest {

struct Line {
  std::size_t offset = 0;  // byte offset of the line in its text
  std::string_view text;   // the line with its terminator, if any
};

// Splits at "\n" (a "\r\n" stays whole). The last line has no terminator when
// the text does not end with a newline; an empty text has no lines.
std::vector<Line> splitLines(std::string_view text);

// The part of a line before its terminator.
std::string_view lineContent(std::string_view line);
// The terminator of a line: "\r\n", "\n" or "" (the last line of a file
// without a final newline).
std::string_view lineTerminator(std::string_view line);

enum class LineOp { Common, Delete, Insert };

// One step of the edit script. `before` indexes the original's lines and
// `after` the output's: a Common step has both, a Delete step's `after` and an
// Insert step's `before` say where the step sits in the other text.
struct DiffStep {
  LineOp op;
  std::size_t before;
  std::size_t after;
};

// A shortest edit script turning `before` into `after`, in order.
std::vector<DiffStep> diffLines(const std::vector<Line>& before, const std::vector<Line>& after);

}  // namespace restage::suggest
