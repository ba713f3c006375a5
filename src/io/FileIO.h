#pragma once
// Reading and atomically replacing files. Errors throw restage::Error with the
// path and the system's reason.
#include <filesystem>
#include <string>

namespace restage::io {

std::string readFile(const std::filesystem::path& path);
// Writes `content` next to `path` and renames it into place, keeping the
// original's permissions: readers see the old or the new file, never a mix,
// and a failure leaves the original untouched.
void writeFileAtomic(const std::filesystem::path& path, const std::string& content);

}  // namespace restage::io
