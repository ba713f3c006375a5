#pragma once
// A parsed Dockerfile: its source, every token (lossless), the directives,
// comments and typed instructions, and the stages they form.
#include <optional>
#include <string>
#include <vector>

#include "ast/Instruction.h"
#include "ast/SourceRange.h"

namespace restage::ast {

enum class TokenKind {
  Bom, Newline, Whitespace, Comment, Directive, Keyword, Text, CarriageReturn,
  LineContinuation, ContinuationComment, EmptyContinuation, EndOfInstruction,
  HeredocLine, HeredocEnd
};
std::string_view tokenKindName(TokenKind kind);

struct Token {
  TokenKind kind;
  SourceRange range;
};

struct Directive {
  std::string name;  // lower-cased
  std::string value;
  SourceRange range;
};

struct Comment {
  std::string text;  // as BuildKit keeps it: the line less its first byte, trimmed
  SourceRange range;
};

struct Diagnostic {
  std::string message;
  SourceRange range;
  Position position;
  std::size_t endLine = 0;  // the last line of the construct it is about
};

struct Stage {
  std::size_t index = 0;
  std::optional<std::string> name;   // FROM ... AS name, lower-cased as BuildKit does
  std::string base;                  // the image (or stage) named by FROM
  std::size_t from = 0;              // index of its FROM in Document::instructions
  std::size_t end = 0;               // one past its last instruction
};

struct Document {
  std::string path;
  std::string source;
  char escape = '\\';
  bool hasBom = false;
  std::vector<Token> tokens;
  std::vector<Directive> directives;
  std::vector<Comment> comments;
  std::vector<Instruction> instructions;
  std::vector<Stage> stages;
  std::vector<std::string> warnings;
  std::optional<Diagnostic> error;  // the first error, as BuildKit would stop on it
  LineIndex lines{std::string_view{}};

  bool ok() const { return !error.has_value(); }
  // The source rebuilt from the tokens: equal to `source` by construction.
  std::string reconstruct() const;
  std::string_view text(SourceRange r) const {
    return std::string_view(source).substr(r.begin, r.end - r.begin);
  }
};

}  // namespace restage::ast
