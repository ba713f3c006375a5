#pragma once
// The effect model of a build stage: for every instruction, what it leaves in
// the image (packages installed, files and folders written, users and groups
// created), each classified build-only, runtime or unknown with the reason.
// Language-neutral: a planner says where the app folder is and which paths it
// delivers itself; the rules are data (templates/effects.json).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/StageFacts.h"

namespace restage::analysis {

enum class EffectKind { Package, Path, User, Group, Program };
enum class Need { BuildOnly, Runtime, Unknown };

std::string_view effectKindName(EffectKind kind);
std::string_view needName(Need need);

struct Effect {
  EffectKind kind = EffectKind::Path;
  std::size_t instruction = 0;  // index in Document::instructions
  std::size_t line = 0;         // 1-based line of that instruction
  std::string subject;          // package, absolute path, user or group name, program
  std::string how;              // what made it: "apt-get install", "COPY", "mkdir", "useradd", ...
  std::string manager;          // packages: apt, apk, yum, dnf, microdnf
  bool recommends = false;      // packages (apt): installed with their Recommends (no --no-install-recommends)
  bool directory = false;       // paths: a folder
  bool inAppFolder = false;     // paths: inside the app folder
  std::optional<std::string> owner;  // paths: the owner it was given (COPY --chown, chown)
  std::optional<std::string> uid;    // users/groups: the id the command gives
  std::string command;          // users/groups: the command's words joined, for messages
  std::vector<std::string> argv;  // users/groups: the command's words, to run again
  Need need = Need::Unknown;
  std::string reason;           // why it got its class, for people
};

struct EffectInput {
  const ast::Document& doc;
  const StageFacts& facts;
  // Where the app lives (normally the final WORKDIR); its content is the
  // planner's business, so paths below it are marked inAppFolder.
  std::string appFolder;
  // Programs the start command, ENTRYPOINT or HEALTHCHECK name: a package
  // providing one of them is needed at run time.
  std::vector<std::string> runtimePrograms;
  struct Script {
    std::string path;                  // the script the start command runs, "" when none
    std::vector<std::string> programs;  // what restage read it to run
  } script;
  // The start runs a script restage cannot read all of: "/app/run.sh, which
  // is not in the build context". Tools a script may call are then unknown.
  std::optional<std::string> unreadScript;
  // Who runs that script, as the reason says it.
  std::string unreadScriptRunBy = "the start command";
  // Programs other commands run in containers of the image (a compose
  // service's entrypoint, command, healthcheck), with where each comes from:
  // a package providing one is needed at run time.
  struct SourcedPrograms {
    std::string source;  // "compose.yaml service web healthcheck"
    std::vector<std::string> programs;
  };
  std::vector<SourcedPrograms> otherPrograms;
};

struct StageEffects {
  std::vector<Effect> effects;
  std::vector<const Effect*> of(Need need) const;
  std::vector<const Effect*> of(EffectKind kind, Need need) const;
  // The package manager the build used ("" when none).
  std::string packageManager() const;
};

StageEffects stageEffects(const EffectInput& in, const nlohmann::json& rules);

// The first step of the stage that builds something, "line 3 runs `make`, a
// build tool": one that runs a build tool (`build_commands`) or a program
// whose writes cannot be seen, or installs a build-only package. Nothing when
// every step only configures (copies files in, installs packages the image
// runs, edits configuration): such an image holds no build output to
// separate from the tools that made it.
std::optional<std::string> firstBuildStep(const ast::Document& doc, const StageFacts& facts, const StageEffects& effects,
                                          const nlohmann::json& rules);

// A package that only builds (compilers, headers, build tools), by the rules.
bool isBuildOnlyPackage(const std::string& name, const nlohmann::json& rules);

// The programs a package provides: its own name, and those `package_programs`
// lists for it (xz-utils: xz, unxz, xzcat).
std::vector<std::string> programsOf(const std::string& package, const nlohmann::json& rules);

}  // namespace restage::analysis
