#pragma once

#include <cstddef>
#include <string>

namespace restage::shell {

/// A syntax problem found while parsing shell text; `offset` is a byte offset
/// into the text given to parse_shell.
struct Diagnostic {
    std::size_t offset = 0;
    std::string message;
};

}  // namespace restage::shell
