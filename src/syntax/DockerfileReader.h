#pragma once
// Reads a Dockerfile into the typed, lossless AST. This is the only code that
// sees the ANTLR-generated lexer and parser.
#include <string>

#include "ast/Document.h"

namespace restage::syntax {

// Never throws for bad input: syntax errors are in Document::error.
ast::Document readDockerfile(std::string source, std::string path);

// BuildKit's limit on a physical line (bufio.MaxScanTokenSize - 1).
inline constexpr std::size_t kMaxLineBytes = 65535;

}  // namespace restage::syntax
