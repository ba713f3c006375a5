#pragma once
// Helpers the language planners share.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "migrate/Plan.h"

namespace restage::transforms {

// A shell-form command that is one simple command with literal words (an
// optional leading `exec` dropped) as exec-form argv; nullopt when it needs a
// shell (operators, expansions, redirections, assignments).
std::optional<std::vector<std::string>> simpleArgv(const std::string& script);

// The start command as argv, whatever its form; nullopt when it needs a shell.
std::optional<std::vector<std::string>> startArgv(const analysis::StageFacts& facts);

// Calls `visit` for every COPY/ADD of the stage that copies from the build
// context (no --from), in order, with its destination resolved against the
// WORKDIR it sees and whether that destination is a folder.
void forEachContextCopy(const ast::Document& doc, const analysis::StageFacts& facts,
                        const std::function<void(const ast::CopyArgs&, const std::string& dest, bool destIsDir)>& visit);

// Where the build context's root lands in the image (the destination of
// `COPY . DEST`), when there is such a COPY.
std::optional<std::string> contextRootDestination(const ast::Document& doc, const analysis::StageFacts& facts);

// Destination in the image of a context path (file or folder) that a COPY
// brought in, if one did.
// `directory`: contextPath is a folder (COPY copies its contents).
std::optional<std::string> imagePathOf(const ast::Document& doc, const analysis::StageFacts& facts,
                                       const std::string& contextPath, bool directory = false);

// The runtime USER: the original non-root user when it exists on the base
// (numeric ids always do; users the build creates are created again), else
// the base's own non-root user. An original that ran as root stays root when
// the app serves a port below 1024 (needs.privilegedPort).
std::optional<std::string> runtimeUser(const analysis::StageFacts& facts,
                                       const std::optional<catalog::RuntimeBase>& base,
                                       std::vector<std::string>& explanation,
                                       const analysis::StageEffects& effects, const migrate::RuntimeNeeds& needs);

// The builder step that copies a program (from `path` to `target` under the
// staging folder, unless copyProgram is false because an install step staged
// it already) and, when `closure`, resolves the shared libraries ldd reports
// for it: on a runtime base with a package manager, the packages that own
// them are listed in `owners` for the runtime stage to install; a library no
// package owns, or any the base lacks when it has no package manager, is
// copied into the staging folder the runtime stage copies to /.
struct CollectStep {
  std::string run;       // the RUN instruction, with its comment
  std::string stageDir;  // the staging folder, e.g. /restage/root
  std::optional<std::string> owners;  // the package list file, when there is one
};
// `skipDirs`: folders whose libraries are left alone (a toolchain's own, which
// the base's libstdc++ replaces or the planner copies itself).
CollectStep collectStep(const catalog::Catalog& catalog, const std::string& path, const std::string& target,
                        bool copyProgram, bool closure, const std::optional<catalog::RuntimeBase>& base,
                        const std::vector<std::string>& skipDirs = {});

// The same for every ELF file under `folder` (a Node app's native addons and
// engines, bundled .so files, a Python venv's extension modules), which stay
// where they are: the libraries they link, except those inside the folder and
// those the runtime base has (its C library, libstdc++ where it has it), are
// resolved as for a program. The staging folder always exists afterwards.
CollectStep folderLibrariesStep(const catalog::Catalog& catalog, const std::string& folder,
                                const std::optional<catalog::RuntimeBase>& base);

bool isPathLookup(const std::string& program);  // no '/' in it
std::string baseName(const std::string& path);
std::string dirName(const std::string& path);

// Options of a command line: the value of -o / --flag / -o=VALUE.
std::optional<std::string> optionValue(const std::vector<std::string>& argv, const std::string& flag);

}  // namespace restage::transforms
