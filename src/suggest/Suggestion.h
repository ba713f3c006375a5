#pragma once
// What `restage suggest` reports for one Dockerfile: migrate's result and the
// rewrite split into review suggestions. Output formats read this; every
// decision (hunks, messages, rule, severity, applicability) is made here.
#include <optional>
#include <string>
#include <vector>

#include "migrate/Migration.h"
#include "suggest/ChangedFiles.h"
#include "suggest/Findings.h"
#include "suggest/Hunk.h"
#include "suggest/Rule.h"

namespace restage::suggest {

struct Suggestion {
  const Rule* rule = &kPreferMultiStageBuild;
  Severity severity = Severity::Warning;
  Applicability applicability = Applicability::Unsafe;
  Hunk hunk;
  std::string message;   // what and why, with the estimated saving; plain text
  std::size_t part = 1;  // this suggestion's place among its file's, 1-based
  std::size_t parts = 1;
};

struct FileReport {
  std::string path;  // as the outputs show it: relative, '/'-separated
  migrate::Result result;
  std::vector<Suggestion> suggestions;  // in line order; empty unless migrated
  std::string verification;  // suggest --verify: restage verify's verdict and summary line
  std::vector<Finding> findings;        // problems in the file as it is (any status but Error)
  // With --changed-from: the lines the pull request added (where a review may
  // comment); unset: every line may be commented on.
  std::optional<std::vector<LineSpan>> commentable;
};

// Splits a migrated result into suggestions. Each suggestion applied alone
// leaves a file that still parses (hunks that would not are joined with their
// neighbours) and whose COPY --from flags name earlier stages (when some part
// alone would break that, all parts become one suggestion: they only work
// together). All of them together give exactly result.output. The full
// message is on part 1; later parts are one short sentence. Results that are
// not Migrated get no suggestions.
FileReport makeReport(migrate::Result result, std::string displayPath);

// A path as the suggest formats name a file: '/'-separated, lexically
// normal, without leading "./" (relative to where restage runs).
std::string reportPath(const std::string& path);

// "1.2 GB", "350 MB", "12 kB" (decimal units, as image sizes are shown).
std::string humanSize(long long bytes);

}  // namespace restage::suggest
