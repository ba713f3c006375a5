#include "RewriteChecks.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "catalog/Catalog.h"
#include "migrate/RuntimeCheck.h"
#include "syntax/DockerfileReader.h"

namespace restage::test {

void checkRuntimeBaseSupported(const migrate::Result& r) {
  // On the catalog's own as-of date, never today's: restage chooses a base
  // that is still supported, unless it keeps what the builder is (its
  // Node.js major, its Alpine release) and that is past its end of life too,
  // or the user chose it.
  const auto& catalog = catalog::Catalog::get();
  auto base = catalog.runtimeBase(r.runtimeBase);
  if (!base || !base->eol || !catalog::pastEndOfLife(*base->eol, catalog.asOf())) return;
  // The explanation says so, in any case.
  bool said = false, given = false;
  for (const auto& line : r.explanation) {
    said |= line.find("is past its end of life") != std::string::npos;
    given |= line.find("; it was given with ") != std::string::npos;
  }
  CHECK(said);
  if (given) return;  // the user's choice, not restage's
  auto builder = catalog.builder(analysis::ImageRef::parse(r.builderBase));
  INFO("runtime base " << r.runtimeBase << " is past its end of life (" << base->eol->what << ", " << base->eol->date
                       << ") on the catalog's as-of date " << catalog.asOf() << "; builder " << r.builderBase);
  REQUIRE(builder.eol);
  CHECK(builder.eol->what == base->eol->what);
  CHECK(catalog::pastEndOfLife(*builder.eol, catalog.asOf()));
}

void checkRewrite(const migrate::Result& r) {
  auto doc = syntax::readDockerfile(r.output, r.path);
  REQUIRE(doc.ok());
  CHECK(doc.stages.size() == 2);
  CHECK(migrate::checkRuntimeStage(doc).empty());
  CHECK(migrate::checkStageReferences(doc).empty());
  CHECK(edit::applyEdits(r.original, r.edits) == r.output);
  checkRuntimeBaseSupported(r);
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

migrate::Result migrateIn(const TempTree& tree, const std::string& dockerfile) {
  migrate::Options o;
  o.context = tree.path();
  return migrate::migrateSource(dockerfile, "Dockerfile", o);
}

bool mentions(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; });
}

}  // namespace restage::test
