#pragma once
// The checks every migrated Dockerfile must pass, whichever test produced it.
#include "migrate/Migration.h"

namespace restage::test {

// The rewrite parses, has two stages, a runtime stage that can start and valid
// stage references; its edits reproduce it; and migrating it again changes
// nothing (it is already multi-stage).
void checkRewrite(const migrate::Result& r);

// The rewrite's runtime base is supported on the catalog's as-of date, or it
// is past its end of life only as the builder it keeps is (node:20 ->
// node:20-slim), and the explanation says so.
void checkRuntimeBaseSupported(const migrate::Result& r);

}  // namespace restage::test
