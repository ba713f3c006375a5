#include "output/Escape.h"

#include <algorithm>

#include <fmt/core.h>

namespace restage::output {

namespace {

// The length of a Unicode control at text[i] that terminalText quotes
// (C1 controls, U+2028/2029, bidi overrides and isolates), or 0.
std::size_t unicodeControl(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (at(i) == 0xC2 && i + 1 < text.size() && at(i + 1) >= 0x80 && at(i + 1) <= 0x9F) return 2;
  if (at(i) == 0xE2 && i + 2 < text.size()) {
    unsigned b1 = at(i + 1), b2 = at(i + 2);
    if (b1 == 0x80 && b2 >= 0xA8 && b2 <= 0xAE) return 3;  // U+2028-202E
    if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 3;  // U+2066-2069
  }
  return 0;
}

// The code point of the 2- or 3-byte UTF-8 sequence at text[i].
unsigned codePoint(std::string_view text, std::size_t i, std::size_t n) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (n == 2) return ((at(i) & 0x1Fu) << 6) | (at(i + 1) & 0x3Fu);
  return ((at(i) & 0x0Fu) << 12) | ((at(i + 1) & 0x3Fu) << 6) | (at(i + 2) & 0x3Fu);
}

// GitHub's runner unescapes %25, %0D, %0A (and in properties %3A, %2C); any
// other control character is written as %XX too, so no byte of the value can
// end the command line or start a new one.
std::string workflow(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    auto c = static_cast<unsigned char>(ch);
    // C1 controls, line separators and bidi controls: as terminalText.
    if (std::size_t n = unicodeControl(text, i); n > 0) {
      out += fmt::format("\\u{:04x}", codePoint(text, i, n));
      i += n - 1;
      continue;
    }
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else if (c < 0x20 || c == 0x7F) out += fmt::format("%{:02X}", c);
    else out += ch;
  }
  return out;
}

}  // namespace

namespace {

// Appends text[i..] quoted when it starts a control character; returns how
// many bytes it took (0: not a control character).
std::size_t quoteControl(std::string_view text, std::size_t i, std::string& out) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c == '\n') out += "\\n";
  else if (c == '\r') out += "\\r";
  else if (c == '\t') out += "\\t";
  else if (c < 0x20 || c == 0x7F) out += fmt::format("\\{:03o}", c);
  else if (std::size_t n = unicodeControl(text, i); n > 0) {
    out += fmt::format("\\u{:04x}", codePoint(text, i, n));
    return n;
  } else {
    return 0;
  }
  return 1;
}

}  // namespace

std::string terminalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = quoteControl(text, i, out);
    if (n == 0) out += text[i++];
    else i += n;
  }
  return out;
}

std::string markdownText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t n = quoteControl(text, i, out); n > 0) {
      i += n;
      continue;
    }
    char c = text[i++];
    if (std::string_view("\\*_[]<>#|~!`").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '@') {
      out += "@&#8203;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdownFence(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string markdownCode(std::string_view text) {
  std::string body = terminalText(text);
  std::size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string htmlText(std::string_view text) {
  std::string out;
  for (char c : terminalText(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '@': out += "@&#8203;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string workflowData(std::string_view text) { return workflow(text, false); }
std::string workflowProperty(std::string_view text) { return workflow(text, true); }

}  // namespace restage::output
