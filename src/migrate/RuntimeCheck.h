#pragma once
// Checks that a stage can start its command on its base image: no shell-form
// command or shell program on a base without a shell, no npm on a base
// without npm, no node where there is none, no PATH lookup on scratch.
#include <string>
#include <vector>

#include "ast/Document.h"

namespace restage::migrate {

// Problems with the last stage of `doc`, one sentence each; empty when it can
// start, or when its base image is not one restage knows.
std::vector<std::string> checkRuntimeStage(const ast::Document& doc);

// Problems with the stage graph: COPY --from and FROM naming stages that do
// not exist (or come later).
std::vector<std::string> checkStageReferences(const ast::Document& doc);

}  // namespace restage::migrate
