#include "suggest/LineDiff.h"

#include <dtl/dtl.hpp>

#include <stdexcept>

namespace restage::suggest {

std::vector<Line> splitLines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back({at, text.substr(at, end - at)});
    at = end;
  }
  return lines;
}

std::string_view lineTerminator(std::string_view line) {
  if (line.ends_with("\r\n")) return line.substr(line.size() - 2);
  if (line.ends_with('\n')) return line.substr(line.size() - 1);
  return {};
}

std::string_view lineContent(std::string_view line) {
  return line.substr(0, line.size() - lineTerminator(line).size());
}

std::vector<DiffStep> diffLines(const std::vector<Line>& before, const std::vector<Line>& after) {
  std::vector<std::string_view> a, b;
  a.reserve(before.size());
  b.reserve(after.size());
  for (const auto& l : before) a.push_back(l.text);
  for (const auto& l : after) b.push_back(l.text);

  dtl::Diff<std::string_view, std::vector<std::string_view>> diff(a, b);
  diff.compose();

  // dtl's own indices differ between its code paths (and when it swaps the
  // sequences internally), so the positions are counted here from the order
  // of the script alone.
  std::vector<DiffStep> steps;
  std::size_t i = 0, j = 0;
  for (const auto& [elem, info] : diff.getSes().getSequence()) {
    (void)elem;
    switch (info.type) {
      case dtl::SES_COMMON: steps.push_back({LineOp::Common, i++, j++}); break;
      case dtl::SES_DELETE: steps.push_back({LineOp::Delete, i++, j}); break;
      case dtl::SES_ADD: steps.push_back({LineOp::Insert, i, j++}); break;
    }
  }
  if (i != a.size() || j != b.size()) throw std::logic_error("line diff does not cover both texts");
  return steps;
}

}  // namespace restage::suggest
