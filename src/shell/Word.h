#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace restage::shell {

/// One shell word (an argument, an assignment value, a redirection target).
struct Word {
    /// Raw source text, byte for byte.
    std::string text;
    /// Value after quote removal and escape processing. Expansions are copied
    /// verbatim from the source (`-j$(nproc)` stays `-j$(nproc)`), so this is
    /// the exact runtime value only when `has_expansion` is false.
    std::string literal;
    /// Contains `$VAR`, `${...}`, `$(...)`, backquotes, `$((...))` or `<(...)`,
    /// quoted or not.
    bool has_expansion = false;
    /// Contains an unquoted glob pattern (`*`, `?`, `[...]`).
    bool has_glob = false;
    /// Names of variables this word expands itself (`$VAR`, `${VAR...}`, names
    /// in `$((...))`), unique, in order of appearance. Special and positional
    /// parameters (`$@`, `$1`, `$?`) are not listed; neither are variables used
    /// only inside a command substitution (those belong to the nested commands).
    std::vector<std::string> variables;
    /// Byte offsets of the word in the parsed text: [begin, end).
    std::size_t begin = 0;
    std::size_t end = 0;

    /// True when `literal` is the exact value the shell would use.
    [[nodiscard]] bool is_literal() const { return !has_expansion && !has_glob; }
};

}  // namespace restage::shell
