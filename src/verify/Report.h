#pragma once
// The result of one `restage verify` run: both sides' observations, the
// differences and the verdict. The formats (TextFormat, JsonFormat,
// MarkdownFormat) print it and decide nothing.
#include <optional>
#include <string>
#include <vector>

#include "verify/Observation.h"

namespace restage::verify {

enum class Verdict {
  Same,                 // exit 0
  Different,            // exit 1
  OriginalFails,        // exit 3: nothing to compare
  RewriteDoesNotBuild,  // exit 4
  NoRewrite             // exit 5: restage made no rewrite (refused, or nothing to do)
};
std::string_view verdictName(Verdict v);
int verdictExitStatus(Verdict v);

struct Difference {
  std::string field;    // "exit", "stdout", "stderr", "http", "exec", "healthcheck", "expose", "start"
  std::string message;  // one line a person can act on
};

struct Report {
  std::string file;         // the original Dockerfile
  std::string rewrite;      // --rewrite FILE, or "" for restage's own migration
  std::string context;
  std::string engine;
  Verdict verdict = Verdict::Same;
  std::string reason;       // one sentence: why this verdict
  std::string migrationStatus;  // restage's own migration: migrated, refused, unchanged
  std::string migrationCode;
  std::vector<Difference> differences;
  std::vector<std::string> notes;  // what was not compared, and why
  SideObservation original;
  SideObservation rewritten;
  double seconds = 0;
};

// "built ✓, started ✓, GET :8080/ same ✓, −71%, runs as nonroot, no shell"
std::string summaryLine(const Report& r);
// Size change of the rewrite in percent (negative: smaller), when both known.
std::optional<double> sizeChangePercent(const Report& r);
std::string humanBytes(long long n);
std::string probeLabel(const ProbeObservation& p);  // "GET :8080/", "exec 'cmd'", "HEALTHCHECK"

}  // namespace restage::verify
