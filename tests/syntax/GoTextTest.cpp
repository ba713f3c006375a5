// Unit tests of syntax/GoText.h against the behaviour of the Go standard
// library functions it mirrors (strconv.Quote, unicode.IsSpace,
// utf8.DecodeRuneInString, strings.TrimSpace).
#include <catch2/catch.hpp>

#include <string>

#include "syntax/GoText.h"

using namespace restage::syntax;

TEST_CASE("goQuote: ASCII escapes", "[unit][gotext]") {
  CHECK(goQuote("") == "\"\"");
  CHECK(goQuote("echo hi") == "\"echo hi\"");
  CHECK(goQuote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(goQuote("\a\b\f\n\r\t\v") == "\"\\a\\b\\f\\n\\r\\t\\v\"");
  CHECK(goQuote(std::string("\x00\x01\x1f\x7f", 4)) == "\"\\x00\\x01\\x1f\\x7f\"");
  CHECK(goQuote("'$`") == "\"'$`\"");
}

TEST_CASE("goQuote: UTF-8, invalid bytes and non-printable runes", "[unit][gotext]") {
  CHECK(goQuote("caf\xC3\xA9") == "\"caf\xC3\xA9\"");                   // é is printable
  CHECK(goQuote("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");          // 😀
  CHECK(goQuote("\xE4\xB8\xAD") == "\"\xE4\xB8\xAD\"");                  // 中
  CHECK(goQuote("\xff") == "\"\\xff\"");                                 // invalid byte
  CHECK(goQuote("\xC0\xAF") == "\"\\xc0\\xaf\"");                        // overlong
  CHECK(goQuote("\xED\xA0\x80") == "\"\\xed\\xa0\\x80\"");               // surrogate
  CHECK(goQuote("\xE2\x82") == "\"\\xe2\\x82\"");                        // truncated
  CHECK(goQuote("\xC2\x85") == "\"\\u0085\"");                           // NEL, a C1 control
  CHECK(goQuote("\xC2\xA0") == "\"\\u00a0\"");                           // no-break space
  CHECK(goQuote("\xC2\xAD") == "\"\\u00ad\"");                           // soft hyphen
  CHECK(goQuote("\xE2\x80\xA8") == "\"\\u2028\"");                       // line separator
  CHECK(goQuote("\xE2\x80\x8B") == "\"\\u200b\"");                       // zero-width space
  CHECK(goQuote("\xEF\xBB\xBF") == "\"\\ufeff\"");                       // BOM
  CHECK(goQuote("\xEE\x80\x80") == "\"\\ue000\"");                       // private use
  CHECK(goQuote("\xEF\xBF\xBF") == "\"\\uffff\"");                       // noncharacter
  CHECK(goQuote("\xF3\xA0\x80\x81") == "\"\\U000e0001\"");               // language tag
  CHECK(goQuote("\xEF\xBF\xBD") == "\"\xEF\xBF\xBD\"");                  // U+FFFD itself is printable
}

TEST_CASE("goQuote: unassigned code points are not printable in Go", "[unit][gotext][!mayfail]") {
  // strconv.IsPrint is false for unassigned code points, so strconv.Quote
  // escapes them; GoText treats them as printable (a documented shortcut).
  CHECK(goQuote("\xCD\xB8") == "\"\\u0378\"");  // U+0378, unassigned
  CHECK(goQuote("\xD4\xB0") == "\"\\u0530\"");  // U+0530, unassigned
}

TEST_CASE("isGoSpace: unicode.IsSpace", "[unit][gotext]") {
  for (char32_t r : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', U'\u0085', U'\u00A0', U'\u1680', U'\u2000',
                     U'\u200A', U'\u2028', U'\u2029', U'\u202F', U'\u205F', U'\u3000'}) {
    INFO(static_cast<unsigned>(r));
    CHECK(isGoSpace(r));
  }
  for (char32_t r : {U'a', U'\0', U'\u200B', U'\uFEFF', U'\u180E', U'_', U'\u0084'}) {
    INFO(static_cast<unsigned>(r));
    CHECK_FALSE(isGoSpace(r));
  }
  CHECK(isGoSpaceByte(0x85));  // rune(byte) in BuildKit's byte loops
  CHECK(isGoSpaceByte(0xA0));
  CHECK_FALSE(isGoSpaceByte(0xFF));
  CHECK(isTokenWhitespace('\r'));
  CHECK_FALSE(isTokenWhitespace('\n'));
}

TEST_CASE("decodeRune: utf8.DecodeRuneInString", "[unit][gotext]") {
  auto a = decodeRune("a", 0);
  CHECK(a.rune == U'a');
  CHECK(a.width == 1);
  auto e = decodeRune("\xC3\xA9", 0);
  CHECK(e.rune == U'\u00E9');
  CHECK(e.width == 2);
  auto smile = decodeRune("x\xF0\x9F\x98\x80", 1);
  CHECK(smile.rune == U'\U0001F600');
  CHECK(smile.width == 4);
  for (std::string bad : {"\xff", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"}) {
    INFO(bad);
    auto d = decodeRune(bad, 0);
    CHECK(d.rune == U'\uFFFD');
    CHECK(d.width == 1);
  }
  std::string out;
  appendRune(out, U'\U0001F600');
  CHECK(out == "\xF0\x9F\x98\x80");
}

TEST_CASE("trimSpace and friends", "[unit][gotext]") {
  CHECK(trimSpace(" \t a b \r\n") == "a b");
  CHECK(trimSpace("\xC2\xA0x\xE3\x80\x80") == "x");
  CHECK(trimSpace("   ").empty());
  CHECK(trimLeftSpace("  a ") == "a ");
  CHECK(trimNewline("a\r\n\r\n") == "a");
  CHECK(trimNewline("a \n") == "a ");
  CHECK(asciiLower("FrOm \xC3\x89") == "from \xC3\x89");
}
