#pragma once
// Turns one parsed Dockerfile into a migrate::Result: detects the language,
// asks its planner (transforms/) for a runtime plan, writes the plan as edits
// on the original text, and checks the rewrite before anyone sees it.
#include <optional>
#include <string>
#include <vector>

#include "ast/Document.h"
#include "migrate/Migration.h"

namespace restage::migrate {

// The second line of defence against injected text (issue 21): the
// rewrite, read back, must have exactly the instructions restage planned
// (lower-case keywords, in order). What differs, for the refusal
// `check-failed`; nothing when they match.
std::optional<std::string> unplannedInstructions(const std::vector<std::string>& planned, const ast::Document& rewritten);

class Migrator {
 public:
  Migrator(const ast::Document& doc, const Options& options) : doc_(doc), options_(options) {}
  // A value that cannot be written into the rewrite (migrate/DockerfileText.h)
  // makes the result the refusal `unsafe-value`.
  void run(Result& result);

 private:
  void rewrite(Result& result);
  const ast::Document& doc_;
  const Options& options_;
};

}  // namespace restage::migrate
