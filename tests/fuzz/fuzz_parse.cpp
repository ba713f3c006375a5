// Parse any bytes: never crash, never throw, and the tokens give the input
// back byte for byte (the lossless promise). Both JSON outputs must build.
#include <cstddef>
#include <cstdint>
#include <string>

#include "FuzzSupport.h"
#include "output/AstJson.h"
#include "output/BuildKitDump.h"
#include "syntax/DockerfileReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  restage::ast::Document doc = restage::syntax::readDockerfile(source, "Dockerfile");
  if (doc.source != source) restage::fuzz::fail("parse", "the document does not keep its source");
  // (A file refused by a limit before lexing has no tokens.)
  bool lexed = !doc.tokens.empty() || source.empty();
  if (lexed && doc.reconstruct() != source) restage::fuzz::fail("parse", "tokens do not rebuild the source");
  if (doc.ok()) {
    (void)restage::output::buildkitDump(doc);
  }
  (void)restage::output::buildkitJson(doc, "Dockerfile");
  (void)restage::output::astJson(doc, "Dockerfile", true);
  return 0;
}
