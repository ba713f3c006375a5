#pragma once
// The checks every migrated Dockerfile must pass, whichever test produced it.
#include <string>
#include <vector>

#include "migrate/Migration.h"
#include "support/TestSupport.h"

namespace restage::test {

// The rewrite parses, has two stages, a runtime stage that can start and valid
// stage references; its edits reproduce it; and migrating it again changes
// nothing (it is already multi-stage).
void checkRewrite(const migrate::Result& r);

// The rewrite's runtime base is supported on the catalog's as-of date, or it
// is past its end of life only as the builder it keeps is (node:20 ->
// node:20-slim), and the explanation says so.
void checkRuntimeBaseSupported(const migrate::Result& r);

// Migrates `dockerfile` with `tree` as its build context.
migrate::Result migrateIn(const TempTree& tree, const std::string& dockerfile);

// Whether one of `lines` (an explanation, a contract list) holds `part`.
bool mentions(const std::vector<std::string>& lines, const std::string& part);

}  // namespace restage::test
