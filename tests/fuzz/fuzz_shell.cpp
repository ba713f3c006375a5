// The shell view of RUN/CMD text: any bytes parse to a script or to
// diagnostics, never a crash; every range it reports lies inside the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "shell/ShellScript.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  restage::shell::Script script = restage::shell::parse_shell(text);
  for (const auto& scope : script.scopes) {
    if (scope.begin > scope.end || scope.end > size) restage::fuzz::fail("shell", "a scope outside the text");
    if (scope.parent >= script.scopes.size()) restage::fuzz::fail("shell", "a scope with no parent");
  }
  (void)script.variables();
  return 0;
}
