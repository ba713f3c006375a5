#pragma once
// The batch report as JSON, written as the outcomes come so that a batch of
// any size needs no more memory for it:
//
//   {"restage_version": "0.1.0", "schema_version": 1,
//    "tool": "restage", "command": "batch", "mode": "dry-run", "shard": "1/1",
//    "files": [
//     {"path": "svc/api/Dockerfile", "status": "migrated", "code": "", "reason": "",
//      "language": "node", "builder_base": "node:20", "runtime_base": "...",
//      "estimated_saving_bytes": 912000000, "written": false},
//     {"path": "svc/bad/Dockerfile", "status": "error", "code": "syntax-error", ...,
//      "error": {"message": "...", "line": 3, "column": 1}}
//    ],
//    "summary": {"scanned": 2, "migrated": 1, ...}}
//
// One file per line, so the report greps and diffs well.
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "batch/FileOutcome.h"
#include "batch/Summary.h"

namespace restage::batch {

class JsonReport {
 public:
  // mode: dry-run, write or check; shard: "K/N".
  JsonReport(std::ostream& out, const std::string& mode, const std::string& shard);
  void add(const FileOutcome& outcome);
  void finish(const Summary& summary);

  static nlohmann::json toJson(const FileOutcome& outcome);
  static nlohmann::json toJson(const Summary& summary);

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace restage::batch
