#pragma once
// The state DockerfileLexer keeps between tokens: the escape character, the
// parser directives, the logical line of the instruction being read and the
// heredocs it opened. The generated lexer's predicates and actions call into
// this class; it knows nothing about ANTLR.
#include <cstddef>
#include <string>
#include <string_view>
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

  // A UTF-8 byte-order mark at the very start of the input.
  bool bomAt(std::size_t offset) const {
    return offset == 0 && source_.substr(0, 3) == "\xEF\xBB\xBF";
  }

  // A comment line at the start of a line outside an instruction. Returns true
  // when it is a parser directive (and applies it).
  bool isDirective(std::size_t begin, std::size_t end);
  void blankLine() { directivesDone_ = true; }

  void startInstruction();
  void appendLogical(std::size_t begin, std::size_t end);
  void emptyContinuationLine() {}
  // Ends the instruction line; returns true when heredoc bodies follow.
  bool endInstruction();
  HeredocLineKind heredocLine(std::size_t begin, std::size_t end);

  const std::vector<DirectiveRecord>& directives() const { return directives_; }
  const std::vector<LexError>& errors() const { return errors_; }

 private:
  std::string_view source_;
  char escape_ = '\\';
  bool directivesDone_ = false;
  std::vector<DirectiveRecord> directives_;
  std::vector<LexError> errors_;
  std::string logical_;
  std::vector<HeredocSpec> pending_;
  std::size_t nextHeredoc_ = 0;
};

}  // namespace restage::syntax
