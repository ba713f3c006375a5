#include "migrate/RuntimeCheck.h"

#include <algorithm>
#include <set>

#include "analysis/StageFacts.h"
#include "catalog/Catalog.h"
#include "syntax/GoText.h"

namespace restage::migrate {

namespace {

// The image a stage finally rests on, following FROM <earlier stage>.
std::string resolveBase(const ast::Document& doc, std::size_t stageIndex) {
  std::string base = doc.stages[stageIndex].base;
  for (int hops = 0; hops < 64; ++hops) {
    std::string lower = syntax::asciiLower(base);
    bool found = false;
    for (std::size_t i = 0; i < stageIndex; ++i) {
      if (doc.stages[i].name && *doc.stages[i].name == lower) {
        base = doc.stages[i].base;
        stageIndex = i;
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  return base;
}

bool isShellProgram(const std::string& p) {
  static const std::set<std::string> shells{"sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/bash", "/usr/bin/sh", "ash", "/bin/ash", "dash"};
  return shells.count(p) > 0;
}

bool isNpmProgram(const std::string& p) { return p == "npm" || p == "npx" || p == "yarn" || p == "pnpm"; }

// What the stage's own RUN steps add to the base: Node.js, npm or a shell
// installed from the distro's packages (`apk add nodejs npm`).
void addInstalledPackages(const analysis::StageFacts& facts, catalog::RuntimeBase& base) {
  auto packages = analysis::installedPackages(facts);
  if (packages.has("nodejs") || packages.has("nodejs-current")) base.node = true;
  if (packages.has("npm")) base.npm = true;
  if (packages.has("bash") || packages.has("busybox")) base.shell = true;
}

// A WebAssembly image (platform wasi/wasm) names its module as the
// command; a wasm runtime loads it from the image's root, with no PATH
// lookup by the kernel.
bool isWasmModule(const std::string& program) {
  return program.size() > 5 && syntax::asciiLower(program.substr(program.size() - 5)) == ".wasm";
}

std::string withoutTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// Whether the stage may have put `program` on its PATH: it copies a file of
// that name into a folder on the PATH, or copies anything into such a folder
// itself (a source may be a folder whose contents land there, so its names
// cannot be told), or its destination uses a variable.
bool copiedOntoPath(const ast::Document& doc, const ast::Stage& stage, const analysis::StageFacts& facts,
                    const std::string& program) {
  std::vector<std::string> folders = facts.pathFolders();
  auto onPath = [&](const std::string& folder) {
    return std::find(folders.begin(), folders.end(), withoutTrailingSlashes(folder)) != folders.end();
  };
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const auto* copy = doc.instructions[i].as<ast::CopyArgs>();
    if (!copy || !copy->destination || copy->destination->text.empty()) continue;
    const std::string& dest = copy->destination->text;
    if (dest.find('$') != std::string::npos || onPath(dest)) return true;
    std::size_t slash = dest.find_last_of('/');
    std::string folder = slash == std::string::npos ? "" : dest.substr(0, slash + 1);
    if (dest.substr(slash == std::string::npos ? 0 : slash + 1) == program && !folder.empty() && onPath(folder)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> checkRuntimeStage(const ast::Document& doc) {
  std::vector<std::string> problems;
  if (doc.stages.empty()) return problems;
  std::size_t last = doc.stages.size() - 1;
  std::string baseImage = resolveBase(doc, last);
  std::optional<catalog::RuntimeBase> base;
  if (baseImage == "scratch") {
    base = catalog::RuntimeBase{};
    base->image = "scratch";
  } else {
    base = catalog::Catalog::get().runtimeBase(baseImage);
  }
  if (!base) return problems;  // an image restage knows nothing about

  auto facts = analysis::analyzeStage(doc, doc.stages[last]);
  if (base->shell) addInstalledPackages(facts, *base);  // RUN needs the shell
  // A stage that sets no command inherits the base's: distroless nodejs
  // runs node, an image with a shell its shell (debian, ubuntu, alpine,
  // node: a toolbox, not a broken one); scratch and the other distroless
  // images have none.
  auto start = facts.start();
  std::string where = "the runtime stage (FROM " + doc.stages[last].base + ")";
  if (!start) {
    if (!base->shell && !base->node) {
      problems.push_back(where + " sets no CMD or ENTRYPOINT, and " + base->image + " has no command of its own");
    }
    return problems;
  }
  if (!base->shell && start->shellForm) {
    problems.push_back(where + " uses a shell-form " + std::string(start->fromEntrypoint ? "ENTRYPOINT" : "CMD") +
                       ", but " + base->image + " has no /bin/sh");
    return problems;
  }
  if (start->shellForm) return problems;
  if (start->argv.empty()) {
    problems.push_back(where + " has an empty command");
    return problems;
  }
  std::string program = start->argv.front();
  bool implicitNode = base->node && !base->shell && !facts.entrypoint;  // distroless nodejs: node is the entrypoint
  if (implicitNode) return problems;
  if (program.empty()) {
    problems.push_back(where + " starts an empty program name");
  } else if (program.find_first_of(" \t") != std::string::npos && facts.start()->argv.size() == 1) {
    problems.push_back(where + " starts the exec-form program `" + program +
                       "`: exec form runs it as one file name, spaces included (meant [\"" +
                       program.substr(0, program.find_first_of(" \t")) + "\", ...]?)");
  } else if (!base->shell && isShellProgram(program)) {
    problems.push_back(where + " starts " + program + ", but " + base->image + " has no shell");
  } else if (!base->npm && isNpmProgram(program)) {
    problems.push_back(where + " starts `" + program + "`, but " + base->image + " has no " + program);
  } else if (!base->node && program == "node") {
    problems.push_back(where + " starts node, but " + base->image + " has no Node.js");
  } else if (base->image == "scratch" && program.find('/') == std::string::npos &&
             !isWasmModule(program) && !copiedOntoPath(doc, doc.stages[last], facts, program)) {
    problems.push_back(where + " starts `" + program + "` by PATH lookup, but no file of that name is " +
                       "copied into a folder on its PATH (" + facts.path() + ")");
  }
  return problems;
}

std::vector<std::string> checkStageReferences(const ast::Document& doc) {
  std::vector<std::string> problems;
  for (std::size_t s = 0; s < doc.stages.size(); ++s) {
    const auto& stage = doc.stages[s];
    for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
      const auto& ins = doc.instructions[i];
      const ast::Flag* from = ins.flag("from");
      if (!from || !from->value || ins.kind != ast::InstructionKind::Copy) continue;
      std::string ref = syntax::asciiLower(*from->value);
      bool ok = false;
      for (std::size_t p = 0; p < s; ++p) {
        if ((doc.stages[p].name && *doc.stages[p].name == ref) || std::to_string(p) == ref) ok = true;
      }
      // An image reference (contains ':' or '/') is allowed too.
      if (!ok && (ref.find(':') != std::string::npos || ref.find('/') != std::string::npos)) ok = true;
      if (!ok) {
        problems.push_back("COPY --from=" + *from->value + " on line " + std::to_string(ins.startLine) +
                           " names no earlier stage");
      }
    }
  }
  return problems;
}

}  // namespace restage::migrate
