#pragma once
// The counts of a batch, and the exit status they mean:
//   2  some file had an error (unreadable, syntax error, a failed write, a
//      folder that could not be scanned);
//   1  otherwise, with --check, some file fails its fail-on
//      (config/FailOn.h; by default: it would change, or, with --write too,
//      was rewritten, or has a finding, suggest/Findings.h);
//   0  otherwise. Refusals are not errors.
#include <cstddef>
#include <map>
#include <string>

#include "batch/FileOutcome.h"

namespace restage::batch {

struct Summary {
  std::size_t scanned = 0;            // files given to migrate
  std::size_t migrated = 0;           // would change (dry run) or changed (--write)
  std::size_t written = 0;            // files --write replaced
  std::size_t alreadyMultiStage = 0;
  std::size_t unchanged = 0;          // unchanged for another reason
  std::size_t refused = 0;
  std::size_t errors = 0;
  std::size_t skipped = 0;            // seen by discovery and left alone (symlinks)
  std::size_t findings = 0;           // findings over all files
  std::size_t failing = 0;            // files that fail --check (FileOutcome::failsCheck)
  std::map<std::string, std::size_t> findingsByRule;
  std::map<std::string, std::size_t> refusedByCode;
  std::map<std::string, std::size_t> errorsByCode;
  long long estimatedSavingBytes = 0;  // over the migrated files

  void add(const FileOutcome& outcome);
  int exitStatus(bool check) const;
};

}  // namespace restage::batch
