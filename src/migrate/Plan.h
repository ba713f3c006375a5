#pragma once
// What a language planner (transforms/) decides for one single-stage
// Dockerfile, before it becomes edits: additions to the builder stage and the
// content of the runtime stage.
#include <optional>
#include <string>
#include <vector>

#include "analysis/BuildContext.h"
#include "analysis/StageFacts.h"
#include "ast/Document.h"
#include "catalog/Catalog.h"
#include "migrate/Migration.h"

namespace restage::migrate {

struct PlanInput {
  const ast::Document& doc;
  const analysis::StageFacts& facts;
  const analysis::BuildContext& context;
  const catalog::Catalog& catalog;
  const Options& options;
  std::string builderName;  // the builder stage's name
  catalog::BuilderInfo builder;
};

struct CopyStep {
  std::string from;  // path in the builder
  std::string to;    // path in the runtime stage
  std::optional<std::string> chown;
};

struct Refusal {
  std::string code;
  std::string reason;
};

struct RuntimePlan {
  std::string base;                          // the runtime image
  std::vector<std::string> builderPrelude;   // instructions right after the builder's FROM
  std::vector<std::string> builderFinale;    // instructions at the end of the builder
  std::vector<std::string> env;              // extra runtime ENV, KEY=value
  std::vector<std::string> run;              // RUN steps in the runtime stage
  std::vector<CopyStep> copies;
  // Original COPY/ADD instructions (indexes into Document::instructions) run
  // again, verbatim, in the runtime stage, before `copies`: for an app that
  // lives in / and so cannot be copied from the builder as one folder.
  std::vector<std::size_t> replay;
  std::optional<std::string> user;           // USER of the runtime stage
  // Replacement start command (JSON exec form) when the original cannot run
  // as written on the runtime base; unset: the original CMD/ENTRYPOINT move over.
  std::optional<std::string> entrypoint;
  std::optional<std::string> cmd;
  bool keepHealthcheck = true;
  std::vector<std::string> buildOnlyEnv;     // ENV keys not carried to the runtime
  std::vector<std::string> explanation;
  std::optional<Refusal> refusal;

  static RuntimePlan refuse(std::string code, std::string reason) {
    RuntimePlan p;
    p.refusal = Refusal{std::move(code), std::move(reason)};
    return p;
  }
};

// Serialises argv as a Dockerfile JSON exec form: ["a", "b"].
std::string execForm(const std::vector<std::string>& argv);

}  // namespace restage::migrate
