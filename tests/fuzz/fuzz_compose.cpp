// The compose reader on any bytes: never crash, never throw anything but
// restage::Error (a file:line:col message), and whatever it reads is
// resolved to absolute, normalised paths.
#include <cstddef>
#include <cstdint>
#include <string>

#include "Error.h"
#include "FuzzSupport.h"
#include "batch/Compose.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // An override half of the time: the text after a "---\n" line, if any.
  std::string base = text, over;
  bool hasOverride = false;
  if (auto split = text.find("\n---\n"); split != std::string::npos) {
    base = text.substr(0, split + 1);
    over = text.substr(split + 5);
    hasOverride = true;
  }
  try {
    auto project = restage::batch::parseCompose(base, "/restage-fuzz/compose.yaml", hasOverride ? &over : nullptr,
                                                "/restage-fuzz/compose.override.yaml");
    for (const auto& b : project.builds) {
      if (!b.context.is_absolute() || b.context != b.context.lexically_normal()) {
        restage::fuzz::fail("compose", "context not absolute and normal: " + b.context.string());
      }
      if (!b.dockerfile.is_absolute()) restage::fuzz::fail("compose", "dockerfile not absolute");
    }
  } catch (const restage::Error&) {
    // A clear error is a fine answer to bad input.
  } catch (const std::exception& e) {
    restage::fuzz::fail("compose", std::string("exception: ") + e.what());
  }
  return 0;
}
