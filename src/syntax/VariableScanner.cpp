#include "syntax/VariableScanner.h"

namespace restage::syntax {

namespace {

bool isNameStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isSpecial(char c) { return (c >= '0' && c <= '9') || c == '@' || c == '*' || c == '#' || c == '?' || c == '$' || c == '!' || c == '-'; }

}  // namespace

std::vector<ScannedVariable> scanVariables(std::string_view text, char escape) {
  std::vector<ScannedVariable> out;
  bool inSingle = false;
  bool inDouble = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inSingle) {
      if (c == '\'') inSingle = false;
      continue;
    }
    if (c == escape) {
      ++i;  // the next character is literal
      continue;
    }
    if (c == '\'' && !inDouble) {
      inSingle = true;
      continue;
    }
    if (c == '"') {
      inDouble = !inDouble;
      continue;
    }
    if (c != '$' || i + 1 >= text.size()) continue;
    std::size_t start = i;
    char n = text[i + 1];
    ScannedVariable v;
    if (n == '{') {
      std::size_t j = i + 2;
      std::size_t nameStart = j;
      while (j < text.size() && isNameChar(text[j])) ++j;
      if (j == nameStart && j < text.size() && isSpecial(text[j])) ++j;
      if (j == nameStart) continue;
      v.ref.name = std::string(text.substr(nameStart, j - nameStart));
      v.ref.braced = true;
      // Operator: one of :- :+ :? - + ? (and %, #, / pattern forms kept as op).
      std::size_t opStart = j;
      if (j < text.size() && text[j] == ':' && j + 1 < text.size() &&
          (text[j + 1] == '-' || text[j + 1] == '+' || text[j + 1] == '?')) {
        j += 2;
      } else if (j < text.size() && (text[j] == '-' || text[j] == '+' || text[j] == '?' ||
                                     text[j] == '%' || text[j] == '#' || text[j] == '/')) {
        ++j;
        if (j < text.size() && (text[j] == '%' || text[j] == '#' || text[j] == '/') && text[j] == text[j - 1]) ++j;
      }
      v.ref.op = std::string(text.substr(opStart, j - opStart));
      // The word runs to the matching brace.
      int depth = 1;
      std::size_t wordStart = j;
      while (j < text.size()) {
        if (text[j] == escape) {
          j += 2;
          continue;
        }
        if (text[j] == '{') ++depth;
        if (text[j] == '}' && --depth == 0) break;
        ++j;
      }
      if (j >= text.size()) continue;  // unterminated: not a reference
      v.ref.word = std::string(text.substr(wordStart, j - wordStart));
      v.span = {start, j + 1};
      // References nested in the word (${A:-$B}) are found too.
      auto nested = scanVariables(v.ref.word, escape);
      out.push_back(std::move(v));
      for (auto& inner : nested) {
        inner.span = {inner.span.begin + wordStart, inner.span.end + wordStart};
        out.push_back(std::move(inner));
      }
      i = j;
    } else if (isNameStart(n)) {
      std::size_t j = i + 1;
      while (j < text.size() && isNameChar(text[j])) ++j;
      v.ref.name = std::string(text.substr(i + 1, j - i - 1));
      v.span = {start, j};
      out.push_back(std::move(v));
      i = j - 1;
    }
  }
  return out;
}

}  // namespace restage::syntax
