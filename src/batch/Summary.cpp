#include "batch/Summary.h"

namespace restage::batch {

void Summary::add(const FileOutcome& o) {
  if (!o.fromDiscovery) ++scanned;
  findings += o.findings.size();
  if (o.failsCheck()) ++failing;
  for (const auto& f : o.findings) ++findingsByRule[std::string(f.rule->name)];
  switch (o.status) {
    case FileStatus::Migrated:
      ++migrated;
      if (o.written) ++written;
      estimatedSavingBytes += o.estimatedSavingBytes;
      break;
    case FileStatus::Unchanged:
      ++(o.alreadyMultiStage() ? alreadyMultiStage : unchanged);
      break;
    case FileStatus::Refused:
      ++refused;
      ++refusedByCode[o.code.empty() ? "unspecified" : o.code];
      break;
    case FileStatus::Error:
      ++errors;
      ++errorsByCode[o.code.empty() ? "error" : o.code];
      break;
    case FileStatus::Skipped:
      ++skipped;
      break;
  }
}

int Summary::exitStatus(bool check) const {
  if (errors > 0) return 2;
  if (check && failing > 0) return 1;
  return 0;
}

}  // namespace restage::batch
