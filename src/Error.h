#pragma once
// The one exception type restage throws for bad input or usage. It is caught
// in exactly one place, src/cli/main.cpp, which prints it and picks the exit
// status.
#include <stdexcept>
#include <string>

namespace restage {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace restage
