#pragma once
// What a language planner (transforms/) decides for one single-stage
// Dockerfile, before it becomes edits: additions to the builder stage and the
// content of the runtime stage.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/BuildContext.h"
#include "analysis/Effects.h"
#include "analysis/StageFacts.h"
#include "ast/Document.h"
#include "catalog/Catalog.h"
#include "migrate/Migration.h"

namespace restage::migrate {

// What the effect model says the runtime stage must hold beyond the app; a
// planner picks a base that can hold it (no distroless or scratch when
// packages must be installed or accounts created).
struct RuntimeNeeds {
  std::string packageManager;         // the build's (apt, apk, ...) when `packages` is not empty
  std::vector<std::string> packages;  // distro packages the app needs at run time
  bool accounts = false;              // users or groups to create again (needs a shell)
  // Accounts the runtime must already have: the USER and file owners the
  // build did not create (they came with the builder image, e.g. `node`).
  std::vector<std::string> baseUsers;
  bool needsPackageManager() const { return !packages.empty(); }
  // Every one of baseUsers exists on `base`.
  bool usersExistOn(const std::optional<catalog::RuntimeBase>& base) const {
    for (const auto& u : baseUsers) {
      if (!base || !base->hasUser(u)) return false;
    }
    return true;
  }
  // A compose command the image runs is shell text (CMD-SHELL, `sh -c`):
  // its source, "" when none does.
  std::string shellFor;
  // A port below 1024 the app serves on, and how restage knows: "the image
  // exposes port 80", "the app's PORT is 80", "server.js:12 listens on port
  // 80". Binding it takes root where the engine keeps the default limit.
  struct Port {
    int port = 0;
    std::string why;
  };
  std::optional<Port> privilegedPort;
  // A folder of the writability model that no user but root can be given
  // (analysis/Writability.h): "the app may write /var/log (server.js:4), a
  // system folder base images have already, owned by root". The path goes
  // into the Dockerfile's comment.
  struct RootWrite {
    std::string path;
    std::string why;
    std::string comment;  // for the USER root line
  };
  std::optional<RootWrite> rootWrite;
  bool needsShell() const { return accounts || !shellFor.empty(); }
  // Why a distro base (package manager, shell) is needed, for explanations;
  // "" when it is not.
  std::string distroReason() const {
    if (needsPackageManager() || accounts || !baseUsers.empty()) {
      return "the app needs distro packages or its own user at run time";
    }
    if (!shellFor.empty()) return shellFor + " is shell text, which needs a shell";
    return "";
  }
};

struct PlanInput {
  const ast::Document& doc;
  const analysis::StageFacts& facts;
  const analysis::BuildContext& context;
  const catalog::Catalog& catalog;
  const Options& options;
  std::string builderName;  // the builder stage's name
  catalog::BuilderInfo builder;
  const analysis::StageEffects& effects;
  RuntimeNeeds needs;
  std::string appFolder;     // where the app lives in the builder
};

struct CopyStep {
  std::string from;  // path in the builder (several, space-separated, into a folder `to`)
  std::string to;    // path in the runtime stage
  std::optional<std::string> chown;
  std::string comment = {};  // a comment line above the COPY, "" for none
  // `from` is a folder whose content goes into the folder `to`: when `to` does
  // not exist yet, the COPY makes it, owned by `chown`.
  bool folder = false;
};

struct Refusal {
  std::string code;
  std::string reason;
};

struct RuntimePlan {
  std::string base;                          // the runtime image
  std::vector<std::string> builderPrelude;   // instructions right after the builder's FROM
  std::vector<std::string> builderFinale;    // instructions at the end of the builder
  // An assignment put in front of one command of an original builder step,
  // at a byte offset of the source (`CGO_ENABLED=0` before the `go build` whose binary
  // the runtime gets): that command alone changes, every other step stays.
  struct BuilderPrefix {
    std::size_t offset = 0;
    std::string text;
  };
  std::vector<BuilderPrefix> builderPrefixes;
  // Contract lines for what the planner changes (the prefix above).
  std::vector<std::string> changed;
  std::vector<std::string> env;              // extra runtime ENV, KEY=value
  std::vector<CopyStep> early;               // copies before the RUN steps (e.g. a package list)
  std::vector<std::string> run;              // RUN instructions (with a comment above, if any)
  std::vector<std::string> packages;         // distro packages the runtime installs (merged with the effects')
  // A file the builder writes listing the packages that own the libraries
  // the program links (see cpp.json's collect step); installed in the runtime.
  std::optional<std::string> libraryOwners;
  // What links those libraries, for the words: "the binary /app/server",
  // "the ELF files under /app"; "" for the program built.
  std::string linkedBy;
  // The list may be empty (every library a folder's files link is on the
  // base already): the runtime installs only when it is not.
  bool librariesMayBeNone = false;
  // Folders the staged tree copied to / never holds anything below (a folder
  // whose ELF files' libraries inside it travel with it).
  std::vector<std::string> notStaged;
  // Paths the planner itself puts in the runtime stage (the binary, the app
  // folder): effects below them need no copy of their own.
  std::vector<std::string> delivered;
  // The runtime gets the whole app folder (Node); otherwise (Go, C++) only
  // its non-source files are carried, when it has any.
  bool carriesAppFolder = false;
  // Source and build files of the language, left out of the app folder:
  // file name patterns and folder names.
  std::vector<std::string> sourcePatterns;
  std::vector<std::string> sourceDirs;
  std::optional<std::string> builtBinary;    // a program built into the app folder, carried on its own
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
  std::vector<std::string> buildOnlyEnv;     // ENV keys not carried to the runtime
  std::vector<std::string> explanation;
  // Contract lines for what the planner itself carries beyond the app
  // (a toolchain's libraries, the packages of native addons' libraries).
  std::vector<std::string> carried;
  // What a dynamically linked program of the plan needs of the runtime base
  // (unset for static binaries and plain JavaScript): restage then says what
  // happens when a floating builder tag moves.
  std::optional<catalog::Floor> abiFloor;
  std::optional<Refusal> refusal;

  static RuntimePlan refuse(std::string code, std::string reason) {
    RuntimePlan p;
    p.refusal = Refusal{std::move(code), std::move(reason)};
    return p;
  }
};

// Thrown by execForm: the words are not UTF-8, so no JSON form says the same.
struct NotUtf8 : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Serialises argv as a Dockerfile JSON exec form: ["a", "b"].
std::string execForm(const std::vector<std::string>& argv);

}  // namespace restage::migrate
