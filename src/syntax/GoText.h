#pragma once
// Text helpers with the exact semantics of the Go standard library functions
// BuildKit's parser uses (unicode.IsSpace, strings.TrimSpace, strconv.Quote,
// utf8.DecodeRuneInString), so that restage splits and prints values the way
// BuildKit does, byte for byte.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace restage::syntax {

// utf8.DecodeRuneInString: invalid bytes decode as U+FFFD with width 1.
struct DecodedRune {
  char32_t rune;
  std::size_t width;
};
DecodedRune decodeRune(std::string_view s, std::size_t pos);
void appendRune(std::string& out, char32_t rune);

// unicode.IsSpace.
bool isGoSpace(char32_t r);
// The byte-as-rune test BuildKit applies in a few byte loops (rune(line[pos])).
inline bool isGoSpaceByte(unsigned char c) { return isGoSpace(static_cast<char32_t>(c)); }
// tokenWhitespace / reWhitespace: [\t\v\f\r ]
inline bool isTokenWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

// strings.TrimSpace and strings.TrimLeftFunc(s, unicode.IsSpace), as offsets.
std::size_t leftSpaceEnd(std::string_view s);
std::size_t rightSpaceBegin(std::string_view s);
std::string_view trimSpace(std::string_view s);
std::string_view trimLeftSpace(std::string_view s);
// bytes.TrimRight(s, "\r\n")
std::string_view trimNewline(std::string_view s);

// strconv.Quote
std::string goQuote(std::string_view s);
void appendGoQuote(std::string& out, std::string_view s);

std::string asciiLower(std::string_view s);

}  // namespace restage::syntax
