#include "RewriteChecks.h"

#include <catch2/catch.hpp>

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
}

}  // namespace restage::test
