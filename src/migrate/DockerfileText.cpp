#include "migrate/DockerfileText.h"

#include <fmt/core.h>

namespace restage::migrate {

namespace {

bool isAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Characters a shell word or package name may hold unquoted.
bool isPlain(char c) {
  return isAlnum(c) || std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
}
bool isExpansion(char c) { return c == '$' || c == '{' || c == '}'; }

[[noreturn]] void unsafe(std::string_view what, std::string_view value, std::string_view why) {
  throw UnsafeValue(fmt::format("{} \"{}\" {}, which restage does not write into a Dockerfile line", what,
                                showValue(value), why));
}

// A path component of an image name: [a-z0-9]+ joined by `.`, `_`, `__` or `-`+.
bool pathComponent(std::string_view s) {
  if (s.empty() || !isLowerAlnum(s.front()) || !isLowerAlnum(s.back())) return false;
  for (std::size_t i = 0; i < s.size();) {
    if (isLowerAlnum(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !isLowerAlnum(s[j])) ++j;
    std::string_view sep = s.substr(i, j - i);
    bool dashes = sep.find_first_not_of('-') == std::string_view::npos;
    if (!(sep == "." || sep == "_" || sep == "__" || dashes)) return false;
    i = j;
  }
  return true;
}

// A registry host: dot-separated labels of [A-Za-z0-9-] (not starting or
// ending with `-`), with an optional :port.
bool domain(std::string_view s) {
  if (auto colon = s.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = s.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) return false;
    s = s.substr(0, colon);
  }
  if (s.empty()) return false;
  std::size_t from = 0;
  while (true) {
    std::size_t dot = s.find('.', from);
    std::string_view label = s.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!isAlnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    from = dot + 1;
  }
}

bool digest(std::string_view s) {
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view algorithm = s.substr(0, colon), hex = s.substr(colon + 1);
  if (!((algorithm.front() >= 'a' && algorithm.front() <= 'z') || (algorithm.front() >= 'A' && algorithm.front() <= 'Z'))) return false;
  for (char c : algorithm) {
    if (!isAlnum(c) && std::string_view("-_+.").find(c) == std::string_view::npos) return false;
  }
  if (hex.size() < 32) return false;
  for (char c : hex) {
    if (!isHex(c)) return false;
  }
  return true;
}

bool tag(std::string_view s) {
  if (s.empty() || s.size() > 128 || s.front() == '.' || s.front() == '-') return false;
  for (char c : s) {
    if (!isAlnum(c) && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

}  // namespace

std::string controlProblem(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto c = static_cast<unsigned char>(v[i]);
    if (c == '\n' || c == '\r') return "holds a line break";
    if (c < 0x20 || c == 0x7F) return "holds a control character";
    // C1 controls U+0080-009F are C2 80-9F in UTF-8.
    if (c == 0xC2 && i + 1 < v.size() && static_cast<unsigned char>(v[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(v[i + 1]) >= 0x80) {
      return "holds a control character";
    }
    // U+2028/2029 (E2 80 A8/A9), U+202A-202E (E2 80 AA-AE), U+2066-2069 (E2 81 A6-A9).
    if (c == 0xE2 && i + 2 < v.size()) {
      auto b1 = static_cast<unsigned char>(v[i + 1]), b2 = static_cast<unsigned char>(v[i + 2]);
      if (b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9)) return "holds a line break";
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        return "holds a bidirectional text control";
      }
    }
  }
  return "";
}

std::string showValue(std::string_view v) {
  std::string out;
  for (char ch : v) {
    auto c = static_cast<unsigned char>(ch);
    if (out.size() >= 80) {
      out += "...";
      break;
    }
    if (ch == '\n') out += "\\n";
    else if (ch == '\r') out += "\\r";
    else if (ch == '\t') out += "\\t";
    else if (ch == '"' || ch == '\\') out += std::string("\\") + ch;
    else if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += ch;
  }
  return out;
}

const std::string& dockerToken(std::string_view what, const std::string& value) {
  if (value.empty()) unsafe(what, value, "is empty");
  if (auto p = controlProblem(value); !p.empty()) unsafe(what, value, p);
  for (char c : value) {
    if (c == ' ') unsafe(what, value, "holds a blank");
    if (c == '"' || c == '\'' || c == '`') unsafe(what, value, "holds a quote");
    if (c == '\\') unsafe(what, value, "holds a backslash");
  }
  if (value.front() == '-') unsafe(what, value, "starts with '-' (it would read as an option)");
  return value;
}

const std::string& dockerTokens(std::string_view what, const std::string& value) {
  if (auto p = controlProblem(value); !p.empty()) unsafe(what, value, p);
  std::size_t from = 0;
  bool any = false;
  while (from <= value.size()) {
    std::size_t blank = value.find(' ', from);
    std::string word = value.substr(from, blank == std::string::npos ? std::string::npos : blank - from);
    dockerToken(what, word);
    any = true;
    if (blank == std::string::npos) break;
    from = blank + 1;
  }
  if (!any) unsafe(what, value, "is empty");
  return value;
}

const std::string& dockerLine(std::string_view what, const std::string& value) {
  if (auto p = controlProblem(value); !p.empty()) unsafe(what, value, p);
  if (!value.empty() && value.back() == '\\') unsafe(what, value, "ends in a backslash (it would continue the line)");
  return value;
}

const std::string& envAssignment(std::string_view what, const std::string& assignment) {
  std::size_t eq = assignment.find('=');
  std::string key = assignment.substr(0, eq);
  bool name = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
  for (char c : key) name &= isAlnum(c) || c == '_';
  if (eq == std::string::npos || !name) unsafe(what, assignment, "is not NAME=VALUE");
  dockerLine(what, assignment);
  bool quoted = false;
  for (std::size_t i = eq + 1; i < assignment.size(); ++i) {
    char c = assignment[i];
    if (c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == ' ' || c == '\'' || c == '`')) {
      unsafe(what, assignment, c == ' ' ? "holds a blank outside quotes" : "holds a quote");
    }
  }
  if (quoted) unsafe(what, assignment, "holds an unbalanced quote");
  return assignment;
}

void generatedInstruction(const std::string& text) {
  constexpr std::string_view what = "the generated step";
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (true) {
    std::size_t nl = text.find('\n', from);
    lines.push_back(text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
    if (nl == std::string::npos) break;
    from = nl + 1;
  }
  std::size_t i = 0;
  while (i < lines.size() && lines[i].starts_with('#')) {
    if (auto p = controlProblem(lines[i]); !p.empty()) unsafe(what, text, p);
    ++i;
  }
  if (i == lines.size()) unsafe(what, text, "has no instruction");
  std::string_view first = lines[i];
  std::size_t keyword = 0;
  while (keyword < first.size() && first[keyword] >= 'A' && first[keyword] <= 'Z') ++keyword;
  if (keyword == 0 || keyword >= first.size() || first[keyword] != ' ') unsafe(what, text, "does not start with an instruction");
  for (; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (auto p = controlProblem(line); !p.empty()) unsafe(what, text, p);
    if (line.find_first_not_of(' ') == std::string::npos) unsafe(what, text, "has an empty line");
    bool continues = line.back() == '\\';
    if (continues != (i + 1 < lines.size())) unsafe(what, text, "is not one instruction");
  }
}

std::string shellWord(std::string_view what, const std::string& value) {
  if (auto p = controlProblem(value); !p.empty()) unsafe(what, value, p);
  if (value.empty()) return "''";
  bool plain = true, dollar = false;
  for (char c : value) {
    dollar |= c == '$';
    plain &= isPlain(c) || isExpansion(c);
  }
  if (plain) return value;
  if (dollar) unsafe(what, value, "mixes a '$' with shell syntax");
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

const std::string& shellPlainWord(std::string_view what, const std::string& value) {
  if (auto p = controlProblem(value); !p.empty()) unsafe(what, value, p);
  for (char c : value) {
    if (c == ' ') unsafe(what, value, "holds a blank");
    if (!isPlain(c) && !isExpansion(c)) unsafe(what, value, fmt::format("holds '{}', which the shell reads as syntax", c));
  }
  if (!value.empty() && value.front() == '-') unsafe(what, value, "starts with '-' (it would read as an option)");
  return value;
}

std::string shellCommand(std::string_view what, const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + shellWord(what, w);
  return s;
}

const std::string& packageName(const std::string& value) {
  constexpr std::string_view what = "the package name";
  if (value.empty()) unsafe(what, value, "is empty");
  if (auto p = controlProblem(value); !p.empty()) unsafe(what, value, p);
  for (char c : value) {
    if (!isPlain(c) && !isExpansion(c) && c != '~' && c != '*') unsafe(what, value, "holds characters no package name has");
  }
  if (value.front() == '-') unsafe(what, value, "starts with '-' (it would read as an option)");
  return value;
}

bool validImageReference(std::string_view ref) {
  if (ref.empty() || ref.size() > 512) return false;
  std::string_view name = ref;
  if (auto at = ref.find('@'); at != std::string_view::npos) {
    if (!digest(ref.substr(at + 1))) return false;
    name = ref.substr(0, at);
  }
  std::size_t lastSlash = name.rfind('/');
  std::size_t colon = name.rfind(':');
  if (colon != std::string_view::npos && (lastSlash == std::string_view::npos || colon > lastSlash)) {
    if (!tag(name.substr(colon + 1))) return false;
    name = name.substr(0, colon);
  }
  if (name.empty() || name.size() > 255) return false;
  std::size_t from = 0;
  std::size_t slash = name.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = name.substr(0, slash);
    bool isDomain = first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
                    first.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos;
    if (isDomain) {
      if (!domain(first)) return false;
      from = slash + 1;
    }
  }
  while (true) {
    std::size_t next = name.find('/', from);
    if (!pathComponent(name.substr(from, next == std::string_view::npos ? std::string_view::npos : next - from))) return false;
    if (next == std::string_view::npos) return true;
    from = next + 1;
  }
}

}  // namespace restage::migrate
