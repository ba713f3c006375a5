// migrate on any bytes: never crash; a rewrite's edits rebuild its output
// from the original, and the output parses; every finding's fix applies to
// the original and leaves a file that parses. The first byte picks the
// language hint, so every planner is reached without a build context.
#include <cstddef>
#include <cstdint>
#include <string>

#include "FuzzSupport.h"
#include "edit/Edit.h"
#include "migrate/Migration.h"
#include "suggest/Findings.h"
#include "syntax/DockerfileReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  restage::migrate::Options options;
  switch (data[0] % 4) {
    case 1: options.language = "node"; break;
    case 2: options.language = "go"; break;
    case 3: options.language = "cpp"; break;
    default: break;
  }
  std::string source(reinterpret_cast<const char*>(data + 1), size - 1);
  restage::migrate::Result r;
  try {
    r = restage::migrate::migrateSource(source, "Dockerfile", options);
  } catch (const std::exception& e) {
    restage::fuzz::fail("migrate", std::string("exception: ") + e.what());
  }
  if (r.original != source) restage::fuzz::fail("migrate", "the original was changed");
  std::vector<restage::suggest::Finding> found;
  try {
    found = r.findings;
  } catch (const std::exception& e) {
    restage::fuzz::fail("findings", std::string("exception: ") + e.what());
  }
  for (const auto& f : found) {
    if (!f.fix) continue;
    restage::edit::EditSet fix;
    for (const auto& e : f.fix->edits) fix.add(e);
    auto fixed = restage::syntax::readDockerfile(fix.apply(source), "Dockerfile");
    if (!fixed.ok()) restage::fuzz::fail("findings", "a fixed file does not parse: " + fixed.error->message);
  }
  if (r.status != restage::migrate::Status::Migrated) {
    if (r.output != source) restage::fuzz::fail("migrate", "output differs though nothing was migrated");
    return 0;
  }
  restage::edit::EditSet edits;
  for (const auto& e : r.edits) edits.add(e);
  if (edits.apply(source) != r.output) restage::fuzz::fail("migrate", "edits do not rebuild the output");
  auto reparsed = restage::syntax::readDockerfile(r.output, "Dockerfile");
  if (!reparsed.ok()) restage::fuzz::fail("migrate", "the output does not parse: " + reparsed.error->message);
  return 0;
}
