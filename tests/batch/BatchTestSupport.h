#pragma once
// Helpers for the batch tests: a scratch folder tree, a fake migrate whose
// answers a test chooses, and running git.
#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/Discovery.h"
#include "support/TestSupport.h"

namespace restage::batch::test {

// A fresh folder under the system's temporary folder, removed afterwards.
using ScratchDir = restage::test::TempTree;

// Runs a shell command line; throws when it fails.
inline void sh(const std::string& command) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

inline void git(const std::filesystem::path& dir, const std::string& args) {
  sh("git -C '" + dir.string() + "' " + args + " >/dev/null 2>&1");
}

// The keys (paths relative to the root) of what discovery found, in order.
inline std::vector<std::string> keys(const DiscoveryResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.files) out.push_back(f.key);
  return out;
}

// Lowers the largest file this process (and its children) may write, so a
// write fails even for root; restores the old limit when it goes away.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    // Past the limit write() fails with EFBIG instead of killing the process.
    std::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &old_);
    rlimit lowered = old_;
    lowered.rlim_cur = bytes;
    if (::setrlimit(RLIMIT_FSIZE, &lowered) != 0) throw std::runtime_error("setrlimit failed");
  }
  ~FileSizeLimit() { ::setrlimit(RLIMIT_FSIZE, &old_); }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit old_{};
};

}  // namespace restage::batch::test
