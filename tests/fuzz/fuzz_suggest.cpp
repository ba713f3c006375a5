// suggest on any bytes: never crash; the hunks of a rewrite, applied to the
// original, give migrate's output exactly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "FuzzSupport.h"
#include "migrate/Migration.h"
#include "suggest/Suggestion.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  restage::suggest::FileReport report;
  try {
    report = restage::suggest::makeReport(restage::migrate::migrateSource(source, "Dockerfile", {}), "Dockerfile");
  } catch (const std::exception& e) {
    restage::fuzz::fail("suggest", std::string("exception: ") + e.what());
  }
  if (report.result.status != restage::migrate::Status::Migrated) {
    if (!report.suggestions.empty()) restage::fuzz::fail("suggest", "suggestions without a rewrite");
    return 0;
  }
  std::vector<restage::suggest::Hunk> hunks;
  for (const auto& s : report.suggestions) hunks.push_back(s.hunk);
  if (restage::suggest::applyHunks(source, hunks) != report.result.output) {
    restage::fuzz::fail("suggest", "hunks do not rebuild the output");
  }
  return 0;
}
