#pragma once
// The inline ignore comment (docs/config.md):
//
//   # restage: ignore
//   # restage: ignore reason=the base image is patched in place
//   # restage: ignore reason="kept single-stage for the debugger"
//
// on a comment line of its own anywhere in a Dockerfile (outside an
// instruction and its continuation lines). It leaves the whole file
// unchanged (code `ignored`).
//
//   # restage: ignore=RS002
//   # restage: ignore=RS002,runtime-cannot-start reason=kept for the old runner
//
// ignores findings of those rules (codes or names) in the first instruction
// after it, or, when that instruction is a FROM, in its whole stage (RS001
// there: the stage's rewrite). Only comment lines and blank lines may stand
// between. To BuildKit it is a plain comment: it is not a
// parser directive (a directive is `# key=value` with a bare word as key),
// but like any comment it ends the directives, so it belongs below them.
//
// A comment that starts with `restage:` and is not a well-formed ignore
// (`# restage: ignroe`, an unknown key or rule, an empty reason, an unclosed
// quote, `ignore=` of RS004 or RS005, which are about the comments themselves),
// and one above a line that would otherwise be a parser directive, are
// malformed; they are reported with their line and column.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ast/Document.h"
#include "suggest/Rule.h"

namespace restage::config {

struct IgnoreComment {
  std::size_t line = 0;    // 1-based, of the comment
  std::size_t column = 0;  // 1-based, of its '#'
  std::string reason;      // empty when none was given
  // ignore=CODE,...: the rules it ignores, in the order given; empty: the
  // whole file.
  std::vector<const suggest::Rule*> rules;
  // For a per-rule ignore: the lines it covers (the instruction below it, or
  // the stage of a FROM below it), 1-based, inclusive; 0 when no
  // instruction follows it.
  std::size_t firstLine = 0;
  std::size_t lastLine = 0;
  bool coversStage = false;
  std::size_t stageFromLine = 0;  // coversStage: the FROM's line
};

struct IgnoreProblem {
  std::size_t line = 0;
  std::size_t column = 0;  // of what is wrong
  std::string message;
};

struct IgnoreScan {
  std::vector<IgnoreComment> ignores;   // well-formed whole-file ignores, in line order
  std::vector<IgnoreComment> ruleIgnores;  // well-formed ignore=CODE,... comments, in line order
  std::vector<IgnoreProblem> problems;  // malformed ones, in line order
};

// False when the text cannot hold a `# restage:` comment (a cheap test
// before the file is parsed again).
bool mayHaveIgnoreComment(std::string_view source);

IgnoreScan scanIgnoreComments(const ast::Document& doc);

}  // namespace restage::config
