#pragma once
// Migrating one Dockerfile under its configuration (.restage.yaml, or none)
// and its inline `# restage: ignore` comment: the one entry point batch,
// suggest and migrate share. What the command line set in `options`
// (--runtime-base, --lang) beats the configuration.
//
// In order:
//   1. exclude: a matching file is not read; Unchanged, code `excluded`
//      (batch shows it as skipped).
//   2. runtime-base: a `paths` glob matching the file, else the language's
//      entry, becomes the runtime base (the planners' checks still apply).
//   3. migrate.
//   4. languages: a rewrite or refusal of a language not listed becomes
//      Unchanged, code `language-not-selected`.
//   5. min-saving: a rewrite whose estimated saving is below it becomes
//      Unchanged, code `below-min-saving`.
//   6. select / ignore (or --select / --ignore): a rewrite or refusal when
//      RS001 is not reported becomes Unchanged, code `rule-not-selected`;
//      findings of rules not reported are dropped.
//   7. `# restage: ignore`: a file restage would rewrite, refuse or report a
//      finding for becomes Unchanged, code `ignored`, and has no findings;
//      `# restage: ignore=CODE,...` drops the findings of those rules in the
//      instruction or stage below it (RS001: the stage's rewrite, code
//      `ignored`). An ignore (or one code of it) with nothing to ignore is
//      noted as unused, a malformed one as malformed (Result::ignoreNotes),
//      and both become findings (RS004, RS005) unless those rules are not
//      reported.
// Result::findings, as this leaves them, is what every output reports: the
// one list migrate, batch and suggest share.
#include <filesystem>
#include <string>

#include "config/Config.h"
#include "migrate/Migration.h"

namespace restage::config {

// `config` may be null (no configuration applies).
migrate::Result migrateFile(const std::filesystem::path& file, migrate::Options options, const Config* config);
// Standard input: `path` names it in messages; exclude does not apply.
migrate::Result migrateSource(std::string source, const std::string& path, migrate::Options options,
                              const Config* config);

// Step 2 alone: the options a migration of `file` takes (for restage verify,
// which migrates again and must verify the same rewrite).
migrate::Options optionsFor(const std::filesystem::path& file, migrate::Options options, const Config* config);

// Steps 4 to 6 on a result (exposed for tests).
void applyToResult(migrate::Result& result, const migrate::Options& options, const Config* config);

}  // namespace restage::config
