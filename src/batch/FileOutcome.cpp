#include "batch/FileOutcome.h"

#include "batch/Discovery.h"

namespace restage::batch {

std::string_view fileStatusName(FileStatus s) {
  switch (s) {
    case FileStatus::Migrated: return "migrated";
    case FileStatus::Unchanged: return "unchanged";
    case FileStatus::Refused: return "refused";
    case FileStatus::Error: return "error";
    case FileStatus::Skipped: return "skipped";
  }
  return "error";
}

namespace {

FileStatus toFileStatus(migrate::Status s) {
  switch (s) {
    case migrate::Status::Migrated: return FileStatus::Migrated;
    case migrate::Status::Unchanged: return FileStatus::Unchanged;
    case migrate::Status::Refused: return FileStatus::Refused;
    case migrate::Status::Error: return FileStatus::Error;
  }
  return FileStatus::Error;
}

}  // namespace

FileOutcome FileOutcome::from(const migrate::Result& result, std::string path) {
  FileOutcome o;
  o.path = std::move(path);
  if (result.code == "excluded") {
    // Left alone by .restage.yaml's exclude (config/Policy.h): never read.
    o.status = FileStatus::Skipped;
    o.code = result.code;
    o.reason = result.reason;
    o.fromDiscovery = true;
    return o;
  }
  o.status = toFileStatus(result.status);
  o.code = result.code;
  o.reason = result.reason;
  o.language = result.language;
  o.builderBase = result.builderBase;
  o.runtimeBase = result.runtimeBase;
  o.estimatedSavingBytes = result.status == migrate::Status::Migrated ? result.estimatedSavingBytes : 0;
  if (result.status == migrate::Status::Migrated) {
    o.explanation = result.explanation;
    o.contract = result.contract;
  }
  o.problems = result.problems;
  o.findings = result.findings;
  if (result.error) {
    o.errorLine = result.error->position.line;
    o.errorColumn = result.error->position.column;
    if (o.reason.empty()) o.reason = result.error->message;
  }
  if (o.status == FileStatus::Error && o.code.empty()) o.code = result.error ? "syntax-error" : "error";
  return o;
}

bool FileOutcome::outcomeFailsCheck() const {
  static const config::FailOn kDefault;
  const config::FailOn& f = failOn ? *failOn : kDefault;
  return (status == FileStatus::Migrated && f.wouldMigrate) || (status == FileStatus::Refused && f.refused);
}

bool FileOutcome::failsCheck() const {
  if (outcomeFailsCheck()) return true;
  for (const auto& finding : findings) {
    if (findingFailsCheck(finding)) return true;
  }
  return false;
}

bool FileOutcome::findingFailsCheck(const suggest::Finding& finding) const {
  static const config::FailOn kDefault;
  return (failOn ? *failOn : kDefault).onFinding(finding.rule->name);
}

FileOutcome FileOutcome::from(const SkippedPath& skipped) {
  FileOutcome o;
  o.path = skipped.path.string();
  o.status = skipped.error ? FileStatus::Error : FileStatus::Skipped;
  o.code = skipped.code;
  o.reason = skipped.reason;
  o.fromDiscovery = true;
  return o;
}

}  // namespace restage::batch
