#pragma once
// JSON library errors as messages for people: nlohmann's what() starts with a
// tag like "[json.exception.parse_error.101] parse error at line 1, column 2:"
// that must never reach a user. These give the plain text, and for a parse
// error in a file, "FILE:LINE:COL: not valid JSON: what is wrong".
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace restage::output {

// what() without the "[json.exception.NAME.ID] " tag.
inline std::string jsonErrorText(const nlohmann::json::exception& e) {
  std::string_view text = e.what();
  if (text.starts_with("[json.exception.")) {
    auto end = text.find("] ");
    if (end != std::string_view::npos) text.remove_prefix(end + 2);
  }
  return std::string(text);
}

// "FILE:LINE:COL: not valid JSON: REASON" for a parse error in `source`.
inline std::string jsonParseErrorMessage(const std::string& file, std::string_view source,
                                         const nlohmann::json::parse_error& e) {
  std::size_t end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, source.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < end; ++i) {
    if (source[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string reason = jsonErrorText(e);
  // Drop nlohmann's own "parse error at line L, column C: " (the position is
  // already in front).
  if (reason.starts_with("parse error")) {
    auto colon = reason.find(": ");
    if (colon != std::string::npos) reason.erase(0, colon + 2);
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": not valid JSON: " + reason;
}

}  // namespace restage::output
