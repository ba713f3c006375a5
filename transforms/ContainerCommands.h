#pragma once
// The commands a container of the image runs besides the Dockerfile's own
// start (migrate::Options::runCommands: a docker-compose service's
// entrypoint, command and healthcheck test; and the Dockerfile's HEALTHCHECK,
// which Migrator adds as "the HEALTHCHECK at line N"), read for what they
// need from the runtime stage.
//
// What: each command's programs — its first word (past wrappers such as
// `env`, `exec` or `tini --`), every command of shell text, what a script
// file it runs calls (StartScript.h), and for a Node package-manager command
// (`npm run dev`, `npx nodemon`) the package.json script or binary it runs.
// Why: a compose file that starts the image with `nodemon` or checks it with
// `curl` needs them in the rewrite as much as the Dockerfile's CMD does; a
// rewrite that drops them builds and passes its checks, then fails when the
// app starts.
// Example: `healthcheck: test: ["CMD", "curl", "-f", "http://localhost"]`
// makes `curl`, which the build installs, a runtime package;
// `entrypoint: nodemon server.js` is a refusal (dev-server).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/BuildContext.h"
#include "analysis/Effects.h"
#include "analysis/StageFacts.h"
#include "catalog/Catalog.h"
#include "ast/Document.h"
#include "migrate/Migration.h"
#include "migrate/Plan.h"
#include "transforms/StartScript.h"

namespace restage::transforms {

struct CommandPrograms {
  const migrate::ContainerCommand* command = nullptr;
  std::vector<std::string> programs;  // every program it is read to run
  // The command lines it runs whose words restage can read: the command
  // itself past its wrappers, a package.json script or `sh -c` text that is
  // one simple command.
  std::vector<std::vector<std::string>> invocations;
  std::optional<StartScript> script;  // a script file it runs, when it runs one
  // Shell text that is more than one simple command (or an app's exec call,
  // which always goes through /bin/sh): the runtime needs a shell.
  bool shellText = false;
};

std::vector<CommandPrograms> containerPrograms(const ast::Document& doc, const analysis::StageFacts& facts,
                                               const analysis::BuildContext& context,
                                               const std::vector<migrate::ContainerCommand>& commands);

// The live-reload tool an argv runs, from a language's `dev_servers` list
// (templates/*.json: "nodemon", or "next dev" for a program and its first
// argument; "node --watch" matches the option anywhere); "" when none.
std::string devServerIn(const std::vector<std::string>& argv, const nlohmann::json& languageConfig);

// The live-reload tool a command runs (any of its invocations, or a program
// a script of it runs), "" when none.
std::string devServerOf(const CommandPrograms& command, const nlohmann::json& devServers);

// A `dev-server` refusal when a compose entrypoint or command runs one of the
// language's `dev_servers` (its config's `dev_server_kind` says what they
// are); the reason names the compose file, the service and the key.
std::optional<migrate::Refusal> devServerRefusal(const std::vector<CommandPrograms>& commands,
                                                 const nlohmann::json& languageConfig);

// What the commands need of the runtime base before a planner picks one: a
// shell for shell text (CMD-SHELL, `sh -c`). Sets needs.shellFor.
void addCommandNeeds(const std::vector<CommandPrograms>& commands, migrate::RuntimeNeeds& needs);

// Tools the commands run first that no package of the build provides and
// that `installable_programs` (templates/effects.json) names a package for,
// with the build's package manager (else the builder's C library's: glibc
// apt, musl apk): curl in a compose healthcheck, which node:20 has and
// node:20-slim lacks. Each package goes into needs.packages, so the planner
// picks a base that can install it and the runtime stage does. A tool the
// table does not know is left to checkCommandsRunnable.
struct InstalledTool {
  std::string source;   // the command that runs it
  std::string program;  // curl
  std::string package;  // curl
};
std::vector<InstalledTool> addInstallablePrograms(const std::vector<CommandPrograms>& commands,
                                                  const analysis::StageEffects& effects,
                                                  const catalog::BuilderInfo& builder, const nlohmann::json& rules,
                                                  migrate::RuntimeNeeds& needs);

// After planning: the program each command runs first (past its wrappers)
// must be on the runtime — shipped with the base (node, npm, a shell), from a
// package the rewrite installs, a global npm tool installed again, or a file
// the rewrite copies; a path (`./bin/app`) is the app's and not checked —
// except a healthcheck's, which must be a file the rewrite puts in the
// runtime stage (or, in /bin, /usr/bin, /sbin, /usr/sbin, a program by name) —, and
// nothing is checked when the runtime base is the builder's own image.
// Otherwise a runtime-effect-unknown refusal naming the command, or with
// --accept-unknown a contract risk.
std::optional<migrate::Refusal> checkCommandsRunnable(const std::vector<CommandPrograms>& commands,
                                                      const migrate::PlanInput& in, const migrate::RuntimePlan& plan,
                                                      migrate::Contract& contract);

}  // namespace restage::transforms
