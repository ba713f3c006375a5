// The version line `restage --version` prints: the project version and the
// git commit the binary was built from ("unknown commit" outside a checkout).
// Defined in a file generated at build time (cmake/GenerateVersion.cmake).
#pragma once

namespace restage::cli {

const char* versionLine();

}  // namespace restage::cli
