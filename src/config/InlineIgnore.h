#pragma once
// The inline ignore comment (docs/config.md):
//
//   # restage: ignore
//   # restage: ignore reason=the base image is patched in place
//   # restage: ignore reason="kept single-stage for the debugger"
//
// on a comment line of its own anywhere in a Dockerfile (outside an
// instruction and its continuation lines). It leaves the whole file
// unchanged (code `ignored`). To BuildKit it is a plain comment: it is not a
// parser directive (a directive is `# key=value` with a bare word as key),
// but like any comment it ends the directives, so it belongs below them.
//
// A comment that starts with `restage:` and is not a well-formed ignore
// (`# restage: ignroe`, an unknown key, an empty reason, an unclosed quote),
// and one above a line that would otherwise be a parser directive, are
// malformed; they are reported with their line and column.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ast/Document.h"

namespace restage::config {

struct IgnoreComment {
  std::size_t line = 0;    // 1-based, of the comment
  std::size_t column = 0;  // 1-based, of its '#'
  std::string reason;      // empty when none was given
};

struct IgnoreProblem {
  std::size_t line = 0;
  std::size_t column = 0;  // of what is wrong
  std::string message;
};

struct IgnoreScan {
  std::vector<IgnoreComment> ignores;   // well-formed, in line order
  std::vector<IgnoreProblem> problems;  // malformed ones, in line order
};

// False when the text cannot hold a `# restage:` comment (a cheap test
// before the file is parsed again).
bool mayHaveIgnoreComment(std::string_view source);

IgnoreScan scanIgnoreComments(const ast::Document& doc);

}  // namespace restage::config
