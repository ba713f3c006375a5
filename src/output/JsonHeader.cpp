#include "output/JsonHeader.h"

namespace restage::output {

// RESTAGE_VERSION is set on this file alone (src/CMakeLists.txt), so a new
// version recompiles one file.
const char* restageVersion() { return RESTAGE_VERSION; }

}  // namespace restage::output
