#include "syntax/GoText.h"

namespace restage::syntax {

DecodedRune decodeRune(std::string_view s, std::size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  std::size_t n = s.size() - pos;
  unsigned char c0 = p[0];
  if (c0 < 0x80) return {c0, 1};
  auto cont = [&](std::size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  if (c0 >= 0xC2 && c0 <= 0xDF && cont(1)) {
    return {static_cast<char32_t>(((c0 & 0x1F) << 6) | (p[1] & 0x3F)), 2};
  }
  if (c0 >= 0xE0 && c0 <= 0xEF && cont(1) && cont(2)) {
    char32_t r = ((c0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (r >= 0x800 && (r < 0xD800 || r > 0xDFFF)) return {r, 3};
    return {0xFFFD, 1};
  }
  if (c0 >= 0xF0 && c0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    char32_t r = ((c0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (r >= 0x10000 && r <= 0x10FFFF) return {r, 4};
  }
  return {0xFFFD, 1};
}

void appendRune(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

bool isGoSpace(char32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

std::size_t leftSpaceEnd(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto d = decodeRune(s, i);
    if (!isGoSpace(d.rune)) break;
    i += d.width;
  }
  return i;
}

std::size_t rightSpaceBegin(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0) {
    // Step back over one UTF-8 sequence.
    std::size_t start = end - 1;
    while (start > 0 && end - start < 4 &&
           (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
      --start;
    }
    auto d = decodeRune(s, start);
    if (start + d.width != end) {  // not a complete sequence: a lone byte
      start = end - 1;
      d = decodeRune(s, start);
    }
    if (!isGoSpace(d.rune)) break;
    end = start;
  }
  return end;
}

std::string_view trimLeftSpace(std::string_view s) { return s.substr(leftSpaceEnd(s)); }

std::string_view trimSpace(std::string_view s) {
  std::size_t b = leftSpaceEnd(s);
  if (b == s.size()) return s.substr(b, 0);
  std::size_t e = rightSpaceBegin(s);
  return s.substr(b, e - b);
}

std::string_view trimNewline(std::string_view s) {
  std::size_t e = s.size();
  while (e > 0 && (s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return s.substr(0, e);
}

namespace {

// unicode.IsPrint for runes above ASCII: letters, marks, numbers,
// punctuation and symbols. This rejects the code points Go rejects in
// practice (controls, format characters, separators other than U+0020,
// surrogates, private use, noncharacters); unassigned code points are
// treated as printable.
bool isGoPrintNonAscii(char32_t r) {
  if (r >= 0x80 && r <= 0x9F) return false;          // C1 controls
  switch (r) {
    case 0xA0: case 0xAD: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0x061C: case 0x06DD: case 0x070F:
    case 0x180E: case 0xFEFF: case 0x08E2: case 0x110BD: case 0x110CD:
      return false;
    default: break;
  }
  if (r >= 0x2000 && r <= 0x200F) return false;      // spaces, ZW chars, marks
  if (r >= 0x202A && r <= 0x202E) return false;
  if (r >= 0x2060 && r <= 0x206F) return false;
  if (r >= 0x0600 && r <= 0x0605) return false;
  if (r >= 0xD800 && r <= 0xDFFF) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;      // private use
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if ((r & 0xFFFE) == 0xFFFE) return false;          // noncharacters
  if (r >= 0xFDD0 && r <= 0xFDEF) return false;
  if (r >= 0xE0000 && r <= 0xE007F) return false;    // tags
  if (r >= 0xF0000) return false;                     // planes 15-16: private use
  return true;
}

const char kHex[] = "0123456789abcdef";

}  // namespace

void appendGoQuote(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\a': out += "\\a"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\v': out += "\\v"; continue;
        default: break;
      }
      if (c < 0x20 || c == 0x7F) {
        out += "\\x";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
      } else {
        out.push_back(static_cast<char>(c));
      }
      continue;
    }
    auto d = decodeRune(s, i);
    if (d.rune == 0xFFFD && d.width == 1) {  // invalid byte
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
      i += 1;
      continue;
    }
    if (isGoPrintNonAscii(d.rune)) {
      out.append(s.substr(i, d.width));
    } else if (d.rune < 0x10000) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(d.rune >> shift) & 0xF]);
    } else {
      out += "\\U";
      for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(d.rune >> shift) & 0xF]);
    }
    i += d.width;
  }
  out.push_back('"');
}

std::string goQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  appendGoQuote(out, s);
  return out;
}

std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace restage::syntax
