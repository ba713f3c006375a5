#pragma once
// A finding: a problem in a Dockerfile as it is, with its rule, its place and,
// where the repair is clear, a fix (suggest/Findings.h computes them). Kept
// apart from Findings.h so migrate::Result can hold a file's findings.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "edit/Edit.h"
#include "suggest/Hunk.h"
#include "suggest/Rule.h"

namespace restage::suggest {

struct Fix {
  Applicability applicability = Applicability::Unsafe;
  std::string description;        // what applying it does, for people
  std::vector<edit::Edit> edits;  // of the original: sorted, non-overlapping
  Hunk hunk;                      // the same change as whole lines, for line-based suggestions
};

struct Finding {
  const Rule* rule = nullptr;  // kTrailingComment, kRuntimeCannotStart, kUnusedIgnore, kMalformedIgnore
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, bytes
  // For people; when the rule has fixes but this finding gets none, the
  // message ends with why ("No fix is offered: ...").
  std::string message;
  std::optional<Fix> fix;
};

}  // namespace restage::suggest
