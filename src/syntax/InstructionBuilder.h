#pragma once
// Turns the tokens of one instruction into a typed ast::Instruction: joins the
// logical line as BuildKit does (keeping a map back to source offsets), reads
// it with BuildKit's rules, attaches heredoc bodies, and fills the typed
// payload.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ast/Document.h"
#include "syntax/BuildKit.h"

namespace restage::syntax {

// Maps offsets of a logical line back to the source it was joined from.
class LogicalLineMap {
 public:
  void add(std::size_t logicalBegin, std::size_t sourceBegin, std::size_t length);
  std::size_t toSource(std::size_t logicalOffset) const;
  ast::SourceRange toSource(Span span) const;

 private:
  struct Segment {
    std::size_t logical;
    std::size_t source;
    std::size_t length;
  };
  std::vector<Segment> segments_;
};

class InstructionBuilder {
 public:
  explicit InstructionBuilder(ast::Document& doc) : doc_(doc) {}
  void add(std::span<const ast::Token> tokens, std::vector<std::string> comments);
  void finishStages();

 private:
  void fail(const std::string& message, std::size_t offset, std::size_t endLine);
  ast::Document& doc_;
};

// Fills kind, flags, nodes, json, variables and the typed payload from a
// BuildKit line node. Exposed for ONBUILD's trigger and for tests.
// Returns the logical-line offset of a variable reference nested deeper than
// kMaxVariableNesting, if there is one (the caller reports it).
[[nodiscard]] std::optional<std::size_t> fillInstruction(ast::Instruction& ins, const LineNode& node,
                                                         const LogicalLineMap& map, std::string_view logical,
                                                         char escape);

}  // namespace restage::syntax
