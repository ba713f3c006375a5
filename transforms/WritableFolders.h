#pragma once
// The writable-folders pass, shared by the three planners.
//
// What: when the runtime stage runs as a non-root user, every folder of the
// writability model (analysis/Writability.h) that the original's user could
// write is made that user's in the runtime stage: by the COPY that makes the
// folder (the app folder's, a carried folder's), moved ahead of every other
// COPY into it, or by copying an empty folder from the builder to it. The
// runtime stage names the WORKDIR only after its copies, so no folder is
// ever made by WORKDIR.
// Why: WORKDIR makes a missing folder owned by root, and a COPY leaves the
// owner of a folder that exists alone (BuildKit and buildah alike), so
// `WORKDIR /app` + `COPY --chown=node:node ... /app` gives node the files
// but not /app: the app cannot create its sqlite database or uploads there,
// which the original's root could. A COPY into a folder that does not exist
// yet makes it owned by the --chown user on BuildKit, buildah and podman.
// Example:
//   FROM node:20  WORKDIR /app  ENV BASE_DIR=/data  ->  FROM node:20-slim
//                                                      COPY --from=builder --chown=node:node /app /app
//                                                      COPY --from=builder --chown=node:node /restage/empty/ /data/
//                                                      WORKDIR /app
//                                                      USER node
// A folder no other user can be given keeps root instead (addRootNeeds).
#include "analysis/Writability.h"
#include "migrate/Migration.h"
#include "migrate/Plan.h"

namespace restage::transforms {

void ownWritableFolders(const migrate::PlanInput& in, const analysis::Writability& writable, migrate::RuntimePlan& plan,
                        migrate::Contract& contract);

}  // namespace restage::transforms
