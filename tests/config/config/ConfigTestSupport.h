#pragma once
// A scratch folder tree for the configuration tests.
#include "support/TestSupport.h"

namespace restage::config::test {

using TempTree = restage::test::TempTree;

}  // namespace restage::config::test
