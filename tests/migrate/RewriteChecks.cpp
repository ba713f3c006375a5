#include "RewriteChecks.h"

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "migrate/RuntimeCheck.h"
#include "syntax/DockerfileReader.h"

namespace restage::test {

void checkRewrite(const migrate::Result& r) {
  auto doc = syntax::readDockerfile(r.output, r.path);
  REQUIRE(doc.ok());
  CHECK(doc.stages.size() == 2);
  CHECK(migrate::checkRuntimeStage(doc).empty());
  CHECK(migrate::checkStageReferences(doc).empty());
  CHECK(edit::applyEdits(r.original, r.edits) == r.output);
  // Idempotent: the rewrite is already multi-stage and left as it is.
  auto again = migrate::migrateSource(r.output, r.path, {});
  CHECK(again.status == migrate::Status::Unchanged);
  CHECK(again.code == "already-multi-stage");
  CHECK(again.output == r.output);
  CHECK(again.problems.empty());
  // What restage writes reads like a person wrote it: no generated line
  // over 100 characters (the original's own lines are the author's).
  std::set<std::string> originalLines;
  std::istringstream before(r.original);
  for (std::string line; std::getline(before, line);) originalLines.insert(line);
  std::istringstream after(r.output);
  for (std::string line; std::getline(after, line);) {
    if (originalLines.count(line)) continue;
    INFO("generated line: " << line);
    CHECK(line.size() <= 100);
  }
}

}  // namespace restage::test
