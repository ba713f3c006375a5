#pragma once
// Repairs for findings in a Dockerfile as it is (suggest/Findings.h), as
// edits of the original. Both are unsafe fixes, in ruff's sense: they change
// what the build does, so a person reviews them before they are applied.
//
// What:
//   moveTrailingComment (RS002 trailing-comment): the " # ..." after an
//   instruction's arguments moves to its own line above the instruction.
//   repairRuntimeStage (RS003 runtime-cannot-start): a last stage that cannot
//   start its Node.js command (FROM scratch + CMD ["npm", "start"]) is put on
//   the small variant of its builder's node image (the image the Node planner
//   picks for a migration), in the builder's WORKDIR, with what the start needs
//   from the builder: package.json (and its lockfile), node_modules and the
//   build output the stage already copied, kept at its path.
// Why: the file builds, but its container fails at start; the words after '#'
//   are arguments (`COPY --from=builder /app/build .  # Copy only the build
//   artifacts` copies into a folder named `artifacts`).
// Example:
//   FROM node:20 AS builder              FROM node:20 AS builder
//   WORKDIR /app                         WORKDIR /app
//   COPY . .                             COPY . .
//   RUN npm ci && npm run build          RUN npm ci && npm run build
//   FROM scratch                    ->   FROM node:20-slim
//   COPY --from=builder /app/build .  #  WORKDIR /app
//     Copy only the build artifacts
//   CMD ["npm", "start"]                 # What `npm start` needs besides the build output
//                                        COPY --from=builder /app/package.json ... ./
//                                        COPY --from=builder /app/node_modules ./node_modules
//                                        # Copy only the build artifacts
//                                        COPY --from=builder /app/build ./build
//                                        CMD ["npm", "start"]
// When what the start needs cannot be read (no build context for the start
// script, a script that needs a shell, a builder that is not a node image, a
// stage with RUN steps or its own WORKDIR ...) there is no repair, and the
// outcome says why.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analysis/BuildContext.h"
#include "ast/Document.h"
#include "edit/Edit.h"

namespace restage::transforms {

struct Repair {
  std::vector<edit::Edit> edits;  // of the original: sorted, non-overlapping
  std::string description;        // what applying it does, for people
};

// A repair, or the reason there is none.
struct RepairOutcome {
  std::optional<Repair> repair;
  std::string whyNot;  // set when there is no repair
};

// The offset in doc.source of a '#' after blank space, outside quotes, past
// the keyword of `ins` (continuation lines that are whole comments, which
// BuildKit drops, are skipped); nullopt when there is none. Whether such a
// '#' matters depends on the instruction (a shell reads RUN's).
std::optional<std::size_t> trailingComment(const ast::Document& doc, const ast::Instruction& ins);

// RS002: `ins` has a trailing comment at `commentOffset` (trailingComment()).
RepairOutcome moveTrailingComment(const ast::Document& doc, const ast::Instruction& ins,
                                  std::size_t commentOffset);

// RS003: the last stage of `doc` fails migrate's runtime check.
RepairOutcome repairRuntimeStage(const ast::Document& doc, const analysis::BuildContext& context);

}  // namespace restage::transforms
