#include "suggest/HunkSplitter.h"

#include <stdexcept>

namespace restage::suggest {

std::string applyHunks(std::string_view original, const std::vector<Hunk>& hunks) {
  std::string out;
  out.reserve(original.size());
  std::size_t at = 0;
  for (const auto& h : hunks) {
    if (h.offset < at || h.offset + h.length > original.size()) {
      throw std::invalid_argument("hunks out of order or outside the text");
    }
    out.append(original.substr(at, h.offset - at));
    out.append(h.replacement);
    at = h.offset + h.length;
  }
  out.append(original.substr(at));
  return out;
}

HunkSplitter::HunkSplitter(std::string_view original, std::string_view output)
    : original_(original), output_(output), before_(splitLines(original)), after_(splitLines(output)) {}

bool HunkSplitter::needsAnchor(const Span& s) const {
  if (s.beforeEnd == s.before) return true;  // an insertion: no line to put the suggestion on
  if (s.afterEnd == s.after) return true;    // a deletion: the text would be empty
  return s.afterEnd - s.after == 1 && lineContent(after_[s.after].text).empty();
}

std::vector<Hunk> HunkSplitter::split() const {
  std::vector<DiffStep> steps = diffLines(before_, after_);
  std::vector<Span> spans;
  for (std::size_t k = 0; k < steps.size();) {
    if (steps[k].op == LineOp::Common) {
      ++k;
      continue;
    }
    Span s{steps[k].before, steps[k].before, steps[k].after, steps[k].after};
    for (; k < steps.size() && steps[k].op != LineOp::Common; ++k) {
      if (steps[k].op == LineOp::Delete) {
        ++s.beforeEnd;
      } else {
        ++s.afterEnd;
      }
    }
    spans.push_back(s);
  }

  // Outside the spans every line is unchanged and the two texts run in step,
  // so widening a span by one line on both sides, or taking the union of two
  // spans, keeps its two ranges matched.
  auto joinAt = [&spans](std::size_t k) {  // spans k and k + 1 become one
    spans[k].beforeEnd = spans[k + 1].beforeEnd;
    spans[k].afterEnd = spans[k + 1].afterEnd;
    spans.erase(spans.begin() + static_cast<std::ptrdiff_t>(k) + 1);
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t k = 0; k < spans.size() && !changed; ++k) {
      Span& s = spans[k];
      if (!needsAnchor(s)) continue;
      if (s.before > 0) {
        if (k > 0 && spans[k - 1].beforeEnd >= s.before) {
          joinAt(k - 1);
        } else {
          --s.before;
          --s.after;
        }
        changed = true;
      } else if (s.beforeEnd < before_.size()) {
        if (k + 1 < spans.size() && spans[k + 1].before <= s.beforeEnd) {
          joinAt(k);
        } else {
          ++s.beforeEnd;
          ++s.afterEnd;
        }
        changed = true;
      }
      // else: the hunk already spans the whole (empty or deleted) original.
    }
  }

  std::vector<Hunk> hunks;
  hunks.reserve(spans.size());
  for (const auto& s : spans) hunks.push_back(make(s));
  return hunks;
}

Hunk HunkSplitter::join(const Hunk& first, const Hunk& last) const {
  if (last.startLine < first.startLine || last.outputStartLine < first.outputStartLine) {
    throw std::invalid_argument("join: hunks out of order");
  }
  Span s{first.startLine - 1, last.startLine - 1 + last.lineCount, first.outputStartLine - 1,
         last.outputStartLine - 1 + last.outputLineCount};
  return make(s);
}

Hunk HunkSplitter::make(const Span& s) const {
  auto byteAt = [](const std::vector<Line>& lines, std::string_view text, std::size_t index) {
    return index < lines.size() ? lines[index].offset : text.size();
  };
  Hunk h;
  h.startLine = s.before + 1;
  h.lineCount = s.beforeEnd - s.before;
  h.outputStartLine = s.after + 1;
  h.outputLineCount = s.afterEnd - s.after;
  h.offset = byteAt(before_, original_, s.before);
  h.length = byteAt(before_, original_, s.beforeEnd) - h.offset;
  h.replaced = std::string(original_.substr(h.offset, h.length));
  std::size_t from = byteAt(after_, output_, s.after);
  h.replacement = std::string(output_.substr(from, byteAt(after_, output_, s.afterEnd) - from));
  return h;
}

std::vector<Hunk> splitHunks(std::string_view original, std::string_view output) {
  return HunkSplitter(original, output).split();
}

}  // namespace restage::suggest
