#pragma once
// The state DockerfileLexer keeps between tokens: the escape character, the
// parser directives, the logical line of the instruction being read and the
// heredocs it opened. The generated lexer's predicates and actions call into
// this class; it knows nothing about ANTLR.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "syntax/BuildKit.h"

namespace restage::syntax {

enum class HeredocLineKind { Body, Terminator, LastTerminator };

struct DirectiveRecord {
  std::string name;   // lower-cased key
  std::string value;
  std::size_t begin;  // byte range of the comment
  std::size_t end;
};

struct LexError {
  std::size_t offset;
  std::string message;
};

class LexerState {
 public:
  void reset(std::string_view source);

  char escape() const { return escape_; }
  bool escapeAt(std::size_t offset) const {
    return offset < source_.size() && source_[offset] == escape_;
  }

  // A comment line at the start of a line outside an instruction. Returns true
  // when it is a parser directive (and applies it).
  bool isDirective(std::size_t begin, std::size_t end);
  void blankLine() { directivesDone_ = true; }

  static bool isLineBlank(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
  }
  unsigned char byteAt(std::size_t offset) const {
    return offset < source_.size() ? static_cast<unsigned char>(source_[offset]) : 0;
  }

  // The instruction's logical line is the source from `offset` to the end of
  // its line, less the ranges skipped as continuation markers and dropped
  // comment or empty lines.
  void startInstruction(std::size_t offset);
  void skip(std::size_t begin, std::size_t end) { skipped_.emplace_back(begin, end); }
  // Ends the instruction line at `eol`; returns true when heredoc bodies follow.
  bool endInstruction(std::size_t eol);
  HeredocLineKind heredocLine(std::size_t begin, std::size_t end);

  const std::vector<DirectiveRecord>& directives() const { return directives_; }
  const std::vector<LexError>& errors() const { return errors_; }

 private:
  std::string_view source_;
  char escape_ = '\\';
  bool directivesDone_ = false;
  std::vector<DirectiveRecord> directives_;
  std::vector<LexError> errors_;
  std::size_t instructionStart_ = 0;
  std::vector<std::pair<std::size_t, std::size_t>> skipped_;
  std::string logical_;
  std::vector<HeredocSpec> pending_;
  std::size_t nextHeredoc_ = 0;
};

}  // namespace restage::syntax
