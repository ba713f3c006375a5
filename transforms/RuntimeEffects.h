#pragma once
// The runtime-effects pass, shared by the three planners.
//
// What: after a planner has planned the app itself (binary or app folder,
// base, start command), this pass adds what the effect model says the app
// needs at run time and the planner did not deliver: distro packages
// (installed with the runtime base's own package manager), files and folders
// outside the app folder (copied from the builder with their owner), users
// and groups (created again with the build's own commands), and the app
// folder's non-source files for compiled apps. Build-only effects are listed
// as dropped, with the reason.
// Why: a rewrite that builds but lacks `jq`, /etc/app/config.yaml or its user
// fails when the app starts; an effect restage cannot classify is a refusal.
// Example:
//   RUN apt-get install -y jq           ->  RUN apt-get update
//   COPY app.yaml /etc/app/app.yaml             && apt-get install -y --no-install-recommends jq
//                                               && rm -rf /var/lib/apt/lists/*
//                                           COPY --from=builder /etc/app/app.yaml /etc/app/app.yaml
#include <optional>
#include <string>

#include "analysis/Writability.h"
#include "migrate/Migration.h"
#include "migrate/Plan.h"
#include "transforms/AppPrograms.h"

namespace restage::transforms {

// What the effect model asks of the runtime base, before a planner picks one.
migrate::RuntimeNeeds runtimeNeeds(const analysis::StageEffects& effects, const analysis::StageFacts& facts);

// Why an original that ran as root must keep root (RuntimeNeeds'
// privilegedPort and rootWrite): a port below 1024 it exposes, sets as PORT
// or listens on in its code (a `PORT || 80` default only when the image sets
// no PORT); a folder of the writability model no other user can be given
// (a system folder such as /var/log or /, or one below /root).
void addRootNeeds(const analysis::StageFacts& facts, const analysis::Writability& writable, const AppCode& appCode,
                  migrate::RuntimeNeeds& needs);

// Adds the runtime effects to `plan` and fills the contract's carried,
// dropped and risks lists; a refusal when an effect is unknown (and not
// accepted) or cannot be carried on the chosen base.
std::optional<migrate::Refusal> carryEffects(const migrate::PlanInput& in, migrate::RuntimePlan& plan,
                                             migrate::Contract& contract);

}  // namespace restage::transforms
