#pragma once
// Small helpers shared by the reader's unit tests.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "ast/Document.h"
#include "syntax/DockerfileReader.h"

namespace restage::test {

inline ast::Document parse(std::string source) {
  return syntax::readDockerfile(std::move(source), "Dockerfile");
}

// The document must have parsed without error and rebuild to its source.
inline ast::Document parseOk(std::string source) {
  ast::Document doc = parse(source);
  INFO("source: " << source);
  if (doc.error) {
    INFO("unexpected error: " << doc.error->message << " at " << doc.error->position.line << ":"
                              << doc.error->position.column);
    CHECK(doc.ok());
  }
  CHECK(doc.reconstruct() == source);
  return doc;
}

inline std::string str(std::string_view s) { return std::string(s); }

// Where `needle` first occurs in the source (REQUIREs that it does).
inline std::size_t offsetOf(const ast::Document& doc, std::string_view needle, std::size_t from = 0) {
  auto at = doc.source.find(needle, from);
  REQUIRE(at != std::string::npos);
  return at;
}

}  // namespace restage::test
