#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shell/ShellScript.h"

namespace restage::shell::test {

/// name() of every command, in order.
inline std::vector<std::string> names(const Script& script) {
    std::vector<std::string> out;
    for (const auto& command : script.commands) out.push_back(command.name());
    return out;
}

inline std::vector<Connector> connectors(const Script& script) {
    std::vector<Connector> out;
    for (const auto& command : script.commands) out.push_back(command.connector);
    return out;
}

/// The source bytes a [begin, end) range covers.
inline std::string_view slice(std::string_view text, std::size_t begin, std::size_t end) {
    return text.substr(begin, end - begin);
}

using Argv = std::vector<std::string>;

}  // namespace restage::shell::test
