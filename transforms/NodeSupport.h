#pragma once
// Node.js facts the Node planner decides by, shared with the passes that
// repair an existing Node runtime stage (transforms/RepairRuntimeStage.h), so
// both pick the same image and read a start command the same way.
#include <optional>
#include <string>
#include <vector>

#include "analysis/BuildContext.h"

namespace restage::transforms::node {

bool isPackageManager(const std::string& program);  // npm, yarn, pnpm
// `npm ci`, `npm install`, `yarn`, `yarn add x`, `pnpm i` ...
bool isInstall(const std::vector<std::string>& argv);
bool isGlobal(const std::vector<std::string>& argv);  // -g, --global, `yarn global`

// The small variant of a node image tag, on the same libc family
// (20 -> 20-slim, 20-alpine stays); nullopt when restage does not know it.
std::optional<std::string> slimTag(const std::string& tag);

// `node FILE [args]` with no node options.
bool isPlainNode(const std::vector<std::string>& argv);

// How a start command through a package manager runs: a package.json
// script, a binary from node_modules/.bin (npx, npm exec, yarn exec,
// pnpm exec), or one of the manager's built-ins (`yarn node`).
struct PackageManagerStart {
  std::string script;   // the script it runs, "" when none
  std::string binary;   // the node_modules/.bin program it runs, "" when none
  bool builtinNode = false;  // `yarn node ...`: node with yarn's environment
};
PackageManagerStart readStart(const std::vector<std::string>& start, const analysis::BuildContext& context);

// A context file (relative path) that is not the app's own code: tests and
// build configuration (test/, *.spec.js, webpack.config.js, scripts/, ...).
bool isBuildOrTestFile(const std::string& path);

// The app's own JavaScript or TypeScript: a .js/.cjs/.mjs/.ts/.cts/.mts/.jsx/
// .tsx file that isBuildOrTestFile leaves in.
bool isAppSourceFile(const std::string& path);

}  // namespace restage::transforms::node
