#pragma once
// Findings: problems in a Dockerfile as it is, beyond whether it can be
// migrated. Each has a rule (suggest/Rule.h: a stable code, used as the SARIF
// rule id and the rdjson code, and a name) and a place.
//
//   RS002 trailing-comment      a " # ..." after the arguments of an instruction
//                         other than RUN, CMD, ENTRYPOINT or HEALTHCHECK:
//                         BuildKit only treats '#' as a comment at the start
//                         of a line, so the words become arguments
//                         (`COPY . /app  # the sources` copies into a folder
//                         named `sources`).
//   RS003 runtime-cannot-start  the last stage of a file restage left as it
//                         is (unchanged, e.g. already multi-stage) cannot
//                         start its command (migrate's `problems`, e.g.
//                         FROM scratch + CMD ["npm", "start"]).
//   RS004 unused-ignore     a `# restage: ignore` that silences nothing
//   RS005 malformed-ignore  a `# restage:` comment restage cannot read
//                         (both from Result::ignoreNotes, config/Policy.h).
// A file ignored by `# restage: ignore` has only RS004 and RS005 findings.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/Migration.h"
#include "suggest/Rule.h"

namespace restage::suggest {

struct Finding {
  const Rule* rule = nullptr;  // kTrailingComment, kRuntimeCannotStart, kUnusedIgnore, kMalformedIgnore
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, bytes
  std::string message;  // one sentence for people
};

// The findings of a migrated (or left alone) file: parses `result.original`
// again; a file with a syntax error has none.
std::vector<Finding> findings(const migrate::Result& result);

}  // namespace restage::suggest
