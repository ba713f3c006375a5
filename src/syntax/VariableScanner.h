#pragma once
// Finds the variable references ($NAME, ${NAME}, ${NAME:-word}, ...) in
// instruction arguments, as BuildKit's word expander would see them: not
// inside single quotes, not after the escape character.
#include <string_view>
#include <vector>

#include "ast/Instruction.h"
#include "syntax/BuildKit.h"

namespace restage::syntax {

struct ScannedVariable {
  ast::VariableRef ref;  // range left empty: the caller maps `span`
  Span span;
};

std::vector<ScannedVariable> scanVariables(std::string_view text, char escape);

}  // namespace restage::syntax
