#pragma once
// The checks every migrated Dockerfile must pass, whichever test produced it.
#include "migrate/Migration.h"

namespace restage::test {

// The rewrite parses, has two stages, a runtime stage that can start and valid
// stage references; its edits reproduce it; and migrating it again changes
// nothing (it is already multi-stage).
void checkRewrite(const migrate::Result& r);

}  // namespace restage::test
