#pragma once
// Finds the variable references ($NAME, ${NAME}, ${NAME:-word}, ...) in
// instruction arguments, as BuildKit's word expander would see them: not
// inside single quotes, not after the escape character.
//
// Bounded: an explicit stack instead of recursion, no copies of nested words
// (each reference keeps spans), and at most kMaxVariableNesting levels of
// ${...} inside one another. Time is O(levels x length) with levels capped.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "ast/Instruction.h"
#include "syntax/BuildKit.h"

namespace restage::syntax {

inline constexpr std::size_t kMaxVariableNesting = 64;

struct ScannedVariable {
  ast::VariableRef ref;  // range and word left empty: the caller maps the spans
  Span span;             // the whole reference
  Span word;             // the text after the operator, inside the braces
};

struct VariableScan {
  std::vector<ScannedVariable> variables;  // outer before inner, in text order
  // Set when a reference is nested deeper than kMaxVariableNesting: the
  // offset of the ${ that goes one level too deep. Nothing past it is listed.
  std::optional<std::size_t> tooDeepAt;
};

VariableScan scanVariables(std::string_view text, char escape);

}  // namespace restage::syntax
