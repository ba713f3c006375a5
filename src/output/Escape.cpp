#include "output/Escape.h"

#include <fmt/core.h>

namespace restage::output {

namespace {

// GitHub's runner unescapes %25, %0D, %0A (and in properties %3A, %2C); any
// other control character is written as %XX too, so no byte of the value can
// end the command line or start a new one.
std::string workflow(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
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

std::string workflowData(std::string_view text) { return workflow(text, false); }
std::string workflowProperty(std::string_view text) { return workflow(text, true); }

}  // namespace restage::output
