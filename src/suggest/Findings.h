#pragma once
// Findings: problems in a Dockerfile as it is, beyond whether it can be
// migrated. Each has a rule (suggest/Rule.h: a stable code, used as the SARIF
// rule id and the rdjson code, and a name) and a place, and, where the repair
// is clear, an unsafe fix (transforms/RepairRuntimeStage.h).
//
//   RS002 trailing-comment      a " # ..." after the arguments of an instruction
//                         other than RUN, CMD, ENTRYPOINT or HEALTHCHECK:
//                         BuildKit only treats '#' as a comment at the start
//                         of a line, so the words become arguments
//                         (`COPY . /app  # the sources` copies into a folder
//                         named `sources`). Fix: the comment on its own line.
//   RS003 runtime-cannot-start  the last stage of a file restage left as it
//                         is (unchanged, e.g. already multi-stage) cannot
//                         start its command (migrate's `problems`, e.g.
//                         FROM scratch + CMD ["npm", "start"]). Fix, for a
//                         Node.js start with a node builder: the stage on the
//                         builder's small node image with what the start needs.
//   RS004 unused-ignore     a `# restage: ignore` that silences nothing
//   RS005 malformed-ignore  a `# restage:` comment restage cannot read
//                         (both from Result::ignoreNotes, config/Policy.h).
// A file ignored by `# restage: ignore` has only RS004 and RS005 findings.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/Document.h"
#include "ast/SourceRange.h"
#include "edit/Edit.h"
#include "migrate/Migration.h"
#include "suggest/Finding.h"
#include "suggest/Hunk.h"
#include "suggest/Rule.h"

namespace restage::suggest {

// RS002 and RS003 in a migrated (or left alone) file: `doc` is
// `result.original` parsed (the runtime stage's repair reads
// `result.context`). migrate::migrateSource sets Result::findings from it;
// config/Policy.h adds the ignore comments' findings (RS004, RS005).
std::vector<Finding> findings(const ast::Document& doc, const migrate::Result& result);

// A finding as the text outputs print it (batch, migrate):
// "PATH:LINE:COL: finding [NAME]: MESSAGE", and "(unsafe fix: restage
// migrate --unsafe-fixes)" when it has a fix.
std::string findingLine(const std::string& path, const Finding& finding);

// `text`, then `sentence` after a full stop ("... above. Unsafe fix: ...").
std::string withSentence(const std::string& text, const std::string& sentence);

// The whole lines of `original` the edits touch, and what replaces them.
// `lines` (original's line index), when given, spares counting lines from the top.
Hunk lineHunk(std::string_view original, const std::vector<edit::Edit>& edits, const ast::LineIndex* lines = nullptr);

// Applies the findings' fixes as ruff does: in each round every fix that does
// not overlap one applied before it in that round, then the file is checked
// again, until no fix is left (at most a few rounds).
struct FixRun {
  std::string text;                // the file with the fixes applied
  std::vector<Finding> applied;    // each as found in its round
  std::vector<Finding> remaining;  // the findings of the fixed file
};
// `migrateText` migrates a text as the caller would (its path, options and
// configuration); the findings are read from its results.
FixRun applyFixes(const std::string& source, const std::function<migrate::Result(const std::string&)>& migrateText);
// The same with plain migrate::migrateSource.
FixRun applyFixes(const std::string& source, const std::string& path, const migrate::Options& options);

}  // namespace restage::suggest
