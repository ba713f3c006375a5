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

// An error in a file the user wrote whose message starts with FILE:LINE:COL
// (e.g. .restage.yaml); main prints it as it is, so editors can jump there.
class LocatedError : public UsageError {
 public:
  using UsageError::UsageError;
};

}  // namespace restage
