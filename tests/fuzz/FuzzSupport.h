#pragma once
// What every harness shares: a property that does not hold is a crash with
// the reason, so libFuzzer saves the input and reports it.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace restage::fuzz {

[[noreturn]] inline void fail(const char* harness, const std::string& what) {
  std::fprintf(stderr, "%s: property violated: %s\n", harness, what.c_str());
  std::abort();
}

}  // namespace restage::fuzz
