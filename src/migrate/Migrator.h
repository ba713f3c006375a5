#pragma once
// Turns one parsed Dockerfile into a migrate::Result: detects the language,
// asks its planner (transforms/) for a runtime plan, writes the plan as edits
// on the original text, and checks the rewrite before anyone sees it.
#include "ast/Document.h"
#include "migrate/Migration.h"

namespace restage::migrate {

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
