#pragma once
// The typed AST as JSON, with line:column ranges, for people and tools.
#include <string>

#include "ast/Document.h"

namespace restage::output {

std::string astJson(const ast::Document& doc, const std::string& file, bool pretty);

}  // namespace restage::output
