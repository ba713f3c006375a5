#pragma once
// What a batch learned about one file: a small value kept after the
// migration's texts and edits are dropped, so a batch of any size holds
// only a few of them at a time.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/FailOn.h"
#include "migrate/Migration.h"
#include "suggest/Findings.h"
#include "suggest/Suggestion.h"

namespace restage::batch {

struct SkippedPath;

enum class FileStatus { Migrated, Unchanged, Refused, Error, Skipped };
std::string_view fileStatusName(FileStatus s);

struct FileOutcome {
  std::string path;
  FileStatus status = FileStatus::Unchanged;
  std::string code;    // stable reason code, e.g. already-multi-stage, syntax-error, write-failed
  std::string reason;  // one sentence for people
  std::string language;
  std::string builderBase;
  std::string runtimeBase;
  long long estimatedSavingBytes = 0;
  std::size_t errorLine = 0;    // where a syntax error is, 1-based; 0 when not known
  std::size_t errorColumn = 0;
  bool written = false;  // --write replaced the file
  std::string backup;    // where --backup kept the original
  bool fromDiscovery = false;
  // The build context migrate read (shown like `path`), what decided it
  // (folder, compose, context_map: BuildContexts.h), the compose file or map
  // that did, the compose service that builds the file and its build args.
  // Empty for files that never reached migrate.
  std::string context;
  std::string contextSource;
  std::string contextFrom;
  std::string contextNote;  // a context set aside as outside the repository, and why
  std::string composeService;
  std::vector<std::string> composeOtherServices;  // later services of that project that build it too
  std::vector<std::pair<std::string, std::string>> buildArgs;
  std::vector<std::string> explanation;  // migrated: what moved where and why
  migrate::Contract contract;            // migrated: what the runtime keeps, changes, carries, drops
  std::vector<std::string> problems;     // failed runtime-stage checks
  std::vector<suggest::Finding> findings;  // problems in the file as it is (suggest/Findings.h)
  std::string diff;  // batch --diff: the rewrite as a unified diff (migrated files only)
  // batch --verify (docs/verify.md): restage verify's verdict ("" when not
  // verified), its one-line summary and its differences.
  std::string verifyVerdict;
  std::string verifySummary;
  std::vector<std::string> verifyDifferences;
  // batch --format sarif|rdjson|github: the file as restage suggest reports
  // it (suggestions and findings with their fixes), path as suggest shows it.
  std::optional<suggest::FileReport> report;

  // fail-on of the file's .restage.yaml; null: the default (config/FailOn.h).
  const config::FailOn* failOn = nullptr;

  // A result with code `excluded` (.restage.yaml, config/Policy.h) is Skipped.
  static FileOutcome from(const migrate::Result& result, std::string path);
  static FileOutcome from(const SkippedPath& skipped);

  // Whether this file makes `batch --check` exit 1 (errors aside: they make
  // it exit 2 whatever fail-on says).
  bool failsCheck() const;
  // Whether the file's status alone (rewritten, refused) makes it fail.
  bool outcomeFailsCheck() const;
  // Whether this finding alone makes the file fail `batch --check`.
  bool findingFailsCheck(const suggest::Finding& finding) const;

  bool alreadyMultiStage() const { return status == FileStatus::Unchanged && code == "already-multi-stage"; }
};

}  // namespace restage::batch
