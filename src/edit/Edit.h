#pragma once
// Edits are plain values: a byte range of the original text and what replaces
// it. A rewrite is a set of non-overlapping edits, so the same rewrite serves
// a new file, a diff and review suggestions.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace restage::edit {

struct Edit {
  std::size_t offset = 0;  // byte offset in the original
  std::size_t length = 0;  // bytes replaced (0: an insertion)
  std::string replacement;

  std::size_t end() const { return offset + length; }
  friend bool operator==(const Edit&, const Edit&) = default;
};

// Edits to one buffer, kept sorted by offset. Overlapping edits are rejected;
// insertions at the same offset apply in the order they were added.
class EditSet {
 public:
  // Throws std::logic_error when `e` overlaps an edit already in the set.
  void add(Edit e);
  void insert(std::size_t offset, std::string text) { add({offset, 0, std::move(text)}); }
  void replace(std::size_t offset, std::size_t length, std::string text) {
    add({offset, length, std::move(text)});
  }
  void remove(std::size_t offset, std::size_t length) { add({offset, length, {}}); }

  const std::vector<Edit>& edits() const { return edits_; }
  bool empty() const { return edits_.empty(); }
  // Applies every edit in one forward pass. Throws std::out_of_range when an
  // edit lies outside `source`.
  std::string apply(std::string_view source) const;

 private:
  std::vector<Edit> edits_;
};

// Applies a sorted, non-overlapping list of edits (as EditSet::edits()).
std::string applyEdits(std::string_view source, const std::vector<Edit>& edits);

}  // namespace restage::edit
