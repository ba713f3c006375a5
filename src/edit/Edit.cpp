#include "edit/Edit.h"

#include <algorithm>
#include <stdexcept>

namespace restage::edit {

void EditSet::add(Edit e) {
  // First edit that starts after e's start, or at it when e is not an insertion.
  auto it = std::upper_bound(edits_.begin(), edits_.end(), e, [](const Edit& a, const Edit& b) {
    return a.offset < b.offset;
  });
  if (it != edits_.end() && e.length > 0 && it->offset < e.end()) {
    throw std::logic_error("overlapping edits at offset " + std::to_string(e.offset));
  }
  if (it != edits_.begin()) {
    const Edit& prev = *(it - 1);
    bool overlaps = prev.end() > e.offset || (prev.offset == e.offset && prev.length > 0 && e.length > 0);
    if (overlaps) throw std::logic_error("overlapping edits at offset " + std::to_string(e.offset));
  }
  edits_.insert(it, std::move(e));
}

std::string EditSet::apply(std::string_view source) const { return applyEdits(source, edits_); }

std::string applyEdits(std::string_view source, const std::vector<Edit>& edits) {
  std::string out;
  out.reserve(source.size());
  std::size_t at = 0;
  for (const auto& e : edits) {
    if (e.offset < at || e.end() > source.size()) throw std::out_of_range("edit outside the text or out of order");
    out.append(source.substr(at, e.offset - at));
    out.append(e.replacement);
    at = e.end();
  }
  out.append(source.substr(at));
  return out;
}

}  // namespace restage::edit
