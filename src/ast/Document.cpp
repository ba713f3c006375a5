#include "ast/Document.h"

namespace restage::ast {

std::string_view tokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::Bom: return "bom";
    case TokenKind::Newline: return "newline";
    case TokenKind::Whitespace: return "whitespace";
    case TokenKind::Comment: return "comment";
    case TokenKind::Directive: return "directive";
    case TokenKind::Keyword: return "keyword";
    case TokenKind::Text: return "text";
    case TokenKind::CarriageReturn: return "cr";
    case TokenKind::LineContinuation: return "line_continuation";
    case TokenKind::ContinuationComment: return "continuation_comment";
    case TokenKind::EmptyContinuation: return "empty_continuation";
    case TokenKind::EndOfInstruction: return "end_of_instruction";
    case TokenKind::HeredocLine: return "heredoc_line";
    case TokenKind::HeredocEnd: return "heredoc_end";
  }
  return "unknown";
}

std::string Document::reconstruct() const {
  std::string out;
  out.reserve(source.size());
  for (const auto& t : tokens) out.append(text(t.range));
  return out;
}

}  // namespace restage::ast
