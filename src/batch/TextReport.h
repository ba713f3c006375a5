#pragma once
// The batch report for people: a line for each file worth a look (would
// change, refused, error, skipped; every file with `verbose`), in file order,
// then the summary table. With `verbose`, a migrated file's explanation and
// runtime contract follow its line, and every file's problems (failed
// runtime-stage checks) are listed with "!".
//
//   svc/api/Dockerfile: would migrate (node: node:20 -> gcr.io/distroless/nodejs20, saves ~912 MB)
//   svc/py/Dockerfile: refused [unsupported-language]: ...
//   svc/bad/Dockerfile:3:1: error [syntax-error]: ...
#include <cstdio>
#include <string>

#include "batch/FileOutcome.h"
#include "batch/Summary.h"

namespace restage::batch {

class TextReport {
 public:
  // quiet: only what fails the run (errors; with `check`, the files and
  // findings that fail it), and no summary.
  TextReport(std::FILE* out, bool dryRun, bool verbose, bool quiet = false, bool check = false);
  void add(const FileOutcome& outcome);
  void finish(const Summary& summary);

  // "912 MB": decimal units, as registries show image sizes.
  static std::string formatBytes(long long bytes);

 private:
  std::FILE* out_;
  bool dryRun_;
  bool verbose_;
  bool quiet_;
  bool check_;
};

}  // namespace restage::batch
