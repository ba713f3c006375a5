#include "syntax/VariableScanner.h"

namespace restage::syntax {

namespace {

bool isNameStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isSpecial(char c) { return (c >= '0' && c <= '9') || c == '@' || c == '*' || c == '#' || c == '?' || c == '$' || c == '!' || c == '-'; }

// One text being scanned: the whole argument text, or the word of a ${...}
// found in it, which is scanned on its own (quotes start afresh), as the
// word expander does when it expands the word.
struct Frame {
  std::size_t end;
  std::size_t i;
  bool inSingle = false;
  bool inDouble = false;
};

}  // namespace

VariableScan scanVariables(std::string_view text, char escape) {
  VariableScan result;
  auto& out = result.variables;
  std::vector<Frame> stack;
  stack.push_back({text.size(), 0});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.i >= f.end) {
      stack.pop_back();
      continue;
    }
    std::size_t i = f.i++;
    char c = text[i];
    if (f.inSingle) {
      if (c == '\'') f.inSingle = false;
      continue;
    }
    if (c == escape) {
      ++f.i;  // the next character is literal
      continue;
    }
    if (c == '\'' && !f.inDouble) {
      f.inSingle = true;
      continue;
    }
    if (c == '"') {
      f.inDouble = !f.inDouble;
      continue;
    }
    if (c != '$' || i + 1 >= f.end) continue;
    char n = text[i + 1];
    ScannedVariable v;
    if (n == '{') {
      std::size_t j = i + 2;
      std::size_t nameStart = j;
      while (j < f.end && isNameChar(text[j])) ++j;
      if (j == nameStart && j < f.end && isSpecial(text[j])) ++j;
      if (j == nameStart) continue;
      v.ref.name = std::string(text.substr(nameStart, j - nameStart));
      v.ref.braced = true;
      // Operator: one of :- :+ :? - + ? (and %, #, / pattern forms kept as op).
      std::size_t opStart = j;
      if (j < f.end && text[j] == ':' && j + 1 < f.end &&
          (text[j + 1] == '-' || text[j + 1] == '+' || text[j + 1] == '?')) {
        j += 2;
      } else if (j < f.end && (text[j] == '-' || text[j] == '+' || text[j] == '?' ||
                               text[j] == '%' || text[j] == '#' || text[j] == '/')) {
        ++j;
        if (j < f.end && (text[j] == '%' || text[j] == '#' || text[j] == '/') && text[j] == text[j - 1]) ++j;
      }
      v.ref.op = std::string(text.substr(opStart, j - opStart));
      // The word runs to the matching brace.
      int depth = 1;
      std::size_t wordStart = j;
      while (j < f.end) {
        if (text[j] == escape) {
          j += 2;
          continue;
        }
        if (text[j] == '{') ++depth;
        if (text[j] == '}' && --depth == 0) break;
        ++j;
      }
      if (j >= f.end) continue;  // unterminated: not a reference
      // This reference is at level stack.size() (1: not inside another).
      if (stack.size() > kMaxVariableNesting) {
        result.tooDeepAt = i;
        return result;
      }
      v.span = {i, j + 1};
      v.word = {wordStart, j};
      out.push_back(std::move(v));
      f.i = j + 1;
      // References nested in the word (${A:-$B}) are found too, before the
      // rest of this text: the order is outer, inner, then what follows.
      if (j > wordStart) stack.push_back({j, wordStart});
    } else if (isNameStart(n)) {
      std::size_t j = i + 1;
      while (j < f.end && isNameChar(text[j])) ++j;
      v.ref.name = std::string(text.substr(i + 1, j - i - 1));
      v.span = {i, j};
      out.push_back(std::move(v));
      f.i = j;
    }
  }
  return result;
}

}  // namespace restage::syntax
