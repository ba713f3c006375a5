#pragma once
// Native code in a Node.js app: whether its folder may hold ELF files
// (addons, engines, bundled .so files) whose libraries the runtime must have.
//
// What: reads the lockfile (package-lock.json entries with install scripts
// or os/cpu restrictions, pnpm's requiresBuild; in any lockfile, the helper
// packages native modules depend on and platform packages such as
// @esbuild/linux-x64) and the context (binding.gyp, *.node, *.so), and the
// build (a compiler, node-gyp, prebuild-install). Without a context or a
// lockfile restage cannot rule native code out.
// Why: node:*-slim lacks libraries .node addons and engines load (Prisma's
// engine needs libssl); a distroless nodejs image has no package manager to
// add them. With native code possible, the Node planner keeps a base with a
// package manager and resolves every ELF file's libraries in the builder.
#include <optional>
#include <string>

#include "migrate/Plan.h"

namespace restage::transforms {

// Why the app may hold native code ("package-lock.json: bcrypt runs an
// install script"), or nullopt when the context shows it holds none.
std::optional<std::string> nativeCodeEvidence(const migrate::PlanInput& in);

}  // namespace restage::transforms
