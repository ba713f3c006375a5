// The readers of the app's source files (Go and JavaScript) on any bytes:
// never a crash nor an exception; every call found names a program and a
// line inside the text, every port is positive, every write is absolute.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "FuzzSupport.h"
#include "analysis/GoFiles.h"
#include "transforms/AppPrograms.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t lines = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  try {
    (void)restage::analysis::goImportsC(text);
    (void)restage::analysis::goFileBuildsOnLinux("x_linux.go", text);
    (void)restage::analysis::goBuildExpressionHolds(text, "amd64");
    for (const auto& call : restage::analysis::goExecCalls(text)) {
      if (call.program.empty()) restage::fuzz::fail("source", "an exec call with no program");
      if (call.line == 0 || call.line > lines) restage::fuzz::fail("source", "an exec call outside the text");
    }
    for (const auto& l : restage::analysis::goListenPorts(text)) {
      if (l.port <= 0 || l.line == 0 || l.line > lines) restage::fuzz::fail("source", "a listen port outside the text");
    }
    for (const auto& l : restage::transforms::nodeListenPorts("a.js", text)) {
      if (l.port <= 0 || l.where.rfind("a.js:", 0) != 0) restage::fuzz::fail("source", "a bad node listen port");
    }
    for (const char* language : {"go", "node"}) {
      for (const auto& w : restage::transforms::sourceWrites("a", text, language)) {
        // A relative path is kept as written (it lands below the working
        // directory); never empty, and always located in its file.
        if (w.path.empty()) restage::fuzz::fail("source", "a write with no path");
        if (w.where.rfind("a:", 0) != 0) restage::fuzz::fail("source", "a write without its file");
      }
    }
    for (const auto& c : restage::transforms::childProcessCalls("a.js", text)) {
      if (c.argv.empty() == !c.shell) restage::fuzz::fail("source", "a call with neither or both of program and shell");
      if (c.source.rfind("a.js:", 0) != 0) restage::fuzz::fail("source", "a call without its file");
    }
  } catch (const std::exception& e) {
    restage::fuzz::fail("source", std::string("exception: ") + e.what());
  }
  return 0;
}
