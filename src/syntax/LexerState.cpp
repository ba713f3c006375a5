#include "syntax/LexerState.h"

#include "syntax/GoText.h"

namespace restage::syntax {

void LexerState::reset(std::string_view source) {
  source_ = source;
  escape_ = '\\';
  directivesDone_ = false;
  directives_.clear();
  errors_.clear();
  instructionStart_ = 0;
  skipped_.clear();
  logical_.clear();
  pending_.clear();
  nextHeredoc_ = 0;
}

namespace {

// A directive value as it can be shown in a message: control bytes and
// bytes over 0x7e (a NUL, a lone \xff) written as \xNN, so the message stays
// one readable line of text.
std::string printable(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f) {
      out += ch;
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

bool LexerState::isDirective(std::size_t begin, std::size_t end) {
  if (directivesDone_) return false;
  std::string_view line = trimNewline(source_.substr(begin, end - begin));
  auto parsed = parseDirectiveLine(line);
  if (!parsed || !isKnownDirective(parsed->name)) {
    directivesDone_ = true;
    return false;
  }
  for (const auto& d : directives_) {
    if (d.name == parsed->name) {
      errors_.push_back({begin, "only one " + parsed->name + " parser directive can be used"});
      return true;
    }
  }
  if (parsed->name == "escape") {
    if (parsed->value != "`" && parsed->value != "\\") {
      errors_.push_back({begin, "invalid escape token '" + printable(parsed->value) + "' does not match ` or \\"});
    } else {
      escape_ = parsed->value[0];
    }
  }
  directives_.push_back({parsed->name, parsed->value, begin, end});
  return true;
}

void LexerState::startInstruction(std::size_t offset) {
  directivesDone_ = true;
  instructionStart_ = offset;
  skipped_.clear();
}

bool LexerState::endInstruction(std::size_t eol) {
  pending_.clear();
  nextHeredoc_ = 0;
  std::string_view raw = source_.substr(instructionStart_, eol - instructionStart_);
  if (raw.find("<<") == std::string_view::npos) return false;
  logical_.clear();
  std::size_t at = instructionStart_;
  for (const auto& [b, e] : skipped_) {
    logical_.append(source_.substr(at, b - at));
    at = e;
  }
  logical_.append(source_.substr(at, eol - at));
  pending_ = heredocsForLine(logical_);
  return !pending_.empty();
}

HeredocLineKind LexerState::heredocLine(std::size_t begin, std::size_t end) {
  if (nextHeredoc_ >= pending_.size()) return HeredocLineKind::Body;
  if (!isHeredocTerminator(source_.substr(begin, end - begin), pending_[nextHeredoc_])) {
    return HeredocLineKind::Body;
  }
  ++nextHeredoc_;
  return nextHeredoc_ == pending_.size() ? HeredocLineKind::LastTerminator
                                         : HeredocLineKind::Terminator;
}

}  // namespace restage::syntax
