#pragma once

#include <string>
#include <string_view>
#include <vector>

// Text helpers for turning word-part tokens into literal values.
namespace restage::shell {

/// A valid shell variable name: [A-Za-z_][A-Za-z0-9_]*.
bool is_name(std::string_view text);

/// Text between double quotes: `\` only escapes $ ` " \ and newline.
std::string unescape_double_quoted(std::string_view text);

/// Body of `$'...'` (without `$'` and `'`): ANSI-C escapes decoded.
std::string decode_ansi_c(std::string_view body);

/// Unquoted text containing `*`, `?` or a `[...]` bracket expression.
bool has_glob_char(std::string_view text);

/// Appends the variable names used bare inside `$((...))` text (`x` in `x+1`).
void arithmetic_names(std::string_view text, std::vector<std::string>& names);

}  // namespace restage::shell
