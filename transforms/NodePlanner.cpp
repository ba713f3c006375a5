// Node.js planner.
//
// What: plans a runtime stage on the small variant of the builder's node
// image (node:20 -> node:20-slim, alpine stays alpine), with the app folder
// copied from the builder after its devDependencies are pruned (with the
// package manager's own production flag: NODE_ENV stays as the original set
// it, since apps pick configs by it) and the image's non-root `node` user. When the build context
// proves the app starts with a plain `node FILE`, the base is distroless
// nodejs instead (it has neither npm nor a shell).
// Why: node:20 is ~390 MB compressed, node:20-slim ~75 MB; compilers and
// devDependencies are not needed to run the app.
// Example:
//   FROM node:20                  ->  FROM node:20 AS builder
//   WORKDIR /app                      WORKDIR /app
//   COPY . .                          COPY . .
//   RUN npm ci && npm run build       RUN npm ci && npm run build
//   CMD ["npm", "start"]              RUN npm prune --omit=dev
//                                     FROM node:20-slim
//                                     WORKDIR /app
//                                     COPY --from=builder --chown=node:node /app /app
//                                     USER node
//                                     CMD ["npm", "start"]
#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "shell/ShellScript.h"
#include "transforms/AbiFloor.h"
#include "transforms/ContainerCommands.h"
#include "transforms/NodeNative.h"
#include "transforms/NodeSupport.h"
#include "migrate/DockerfileText.h"
#include "transforms/Planners.h"
#include "transforms/PlannerSupport.h"
#include "transforms/StartScript.h"

namespace restage::transforms {

namespace node {

bool isPackageManager(const std::string& p) { return p == "npm" || p == "yarn" || p == "pnpm"; }

bool isInstall(const std::vector<std::string>& argv) {
  if (argv.empty() || !isPackageManager(argv[0])) return false;
  if (argv[0] == "yarn" && (argv.size() == 1 || argv[1].rfind("--", 0) == 0)) return true;  // bare `yarn`
  if (argv.size() < 2) return false;
  const std::string& verb = argv[1];
  return verb == "install" || verb == "i" || verb == "ci" || verb == "add";
}

bool isGlobal(const std::vector<std::string>& argv) {
  for (const auto& a : argv) {
    if (a == "-g" || a == "--global" || a == "global") return true;
  }
  return false;
}

}  // namespace node

using migrate::CopyStep;
using migrate::RuntimePlan;
using namespace node;

namespace {

// The Node.js major version a tag names (`20`, `20.11-slim`); nullopt for
// names and for numbers no Node.js release has.
std::optional<int> majorOf(const std::string& tag) {
  int major = 0;
  auto [end, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), major);
  if (ec != std::errc() || end == tag.data() || major > 999) return std::nullopt;
  return major;
}

}  // namespace

namespace node {

std::optional<std::string> slimTag(const std::string& tag) {
  if (tag.find("alpine") != std::string::npos || tag.find("slim") != std::string::npos) return tag;
  if (tag.empty() || tag == "latest") return std::string("slim");
  if (tag == "lts" || tag == "current") return tag + "-slim";
  static const std::vector<std::string> releases{"bookworm", "bullseye", "buster", "trixie", "stretch"};
  for (const auto& r : releases) {
    if (tag == r || tag.ends_with("-" + r)) return tag + "-slim";
  }
  bool versionLike = std::all_of(tag.begin(), tag.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
  if (versionLike) return tag + "-slim";
  if (tag.rfind("lts-", 0) == 0 || tag.rfind("current-", 0) == 0) return tag + "-slim";
  return std::nullopt;
}

bool isPlainNode(const std::vector<std::string>& argv) {
  return argv.size() >= 2 && argv[0] == "node" && argv[1].rfind("-", 0) != 0;
}

}  // namespace node

namespace {

// The package that installed Node.js on a distro image (`apk add nodejs npm`,
// `apt-get install -y nodejs`), when the base is one of the distro images
// node.json names and the build used its package manager.
std::optional<std::string> distroNodePackage(const analysis::StageFacts& f, const analysis::DistroPackages& packages,
                                             const nlohmann::json& cfg) {
  const auto& distros = cfg.at("distro_images");
  auto manager = distros.find(f.base.name);
  if (manager == distros.end() || packages.manager != manager->get<std::string>()) return std::nullopt;
  for (const char* name : {"nodejs", "nodejs-current"}) {
    if (packages.has(name)) return std::string(name);
  }
  return std::nullopt;
}

// The distroless nodejs image for a Node.js major version.
std::string distrolessImage(const nlohmann::json& cfg, int major) {
  std::string image = cfg.at("distroless").get<std::string>();
  image.replace(image.find("{major}"), 7, std::to_string(major));
  return image;
}

}  // namespace

namespace node {

bool isBuildOrTestFile(const std::string& path) {
  static const std::vector<std::string> dirs{"node_modules/", "test/", "tests/", "__tests__/", "__mocks__/", "spec/",
                                             "e2e/", "cypress/", ".storybook/", "scripts/"};
  for (const auto& d : dirs) {
    if (path.rfind(d, 0) == 0 || path.find("/" + d) != std::string::npos) return true;
  }
  std::string name = baseName(path);
  for (const char* marker : {".test.", ".spec.", ".config.", ".stories.", ".d.ts"}) {
    if (name.find(marker) != std::string::npos) return true;
  }
  for (const char* prefix : {".eslintrc", "gulpfile.", "Gruntfile.", "jest.", "babel.", "webpack.", "rollup.", "vite.",
                             "vitest.", "tsup.", "esbuild.", "karma.", "playwright.", "prettier."}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

bool isAppSourceFile(const std::string& path) {
  static const std::vector<std::string> exts{".js", ".cjs", ".mjs", ".ts", ".cts", ".mts", ".jsx", ".tsx"};
  bool code = std::any_of(exts.begin(), exts.end(), [&](const std::string& e) { return path.ends_with(e); });
  return code && !isBuildOrTestFile(path);
}

PackageManagerStart readStart(const std::vector<std::string>& start, const analysis::BuildContext& context) {
  PackageManagerStart how;
  if (start.empty()) return how;
  const std::string& pm = start[0];
  std::string verb = start.size() >= 2 ? start[1] : "";
  std::string next = start.size() >= 3 ? start[2] : "";
  if (pm == "npx") {
    std::size_t i = 1;
    while (i < start.size() && start[i].rfind("-", 0) == 0) ++i;
    if (i < start.size()) how.binary = start[i];
    return how;
  }
  if (!isPackageManager(pm)) return how;
  if (verb == "exec" || (pm == "npm" && verb == "x")) {
    how.binary = next == "--" && start.size() >= 4 ? start[3] : next;
  } else if (verb == "run" || verb == "run-script") {
    how.script = next;
  } else if (pm == "yarn" && verb == "node") {
    how.builtinNode = true;
  } else if (verb.empty() || verb == "start") {
    how.script = "start";
  } else if (pm != "npm" && !context.packageScript(verb) && verb.rfind("-", 0) != 0) {
    // `yarn tsx server.ts`: yarn and pnpm run a binary when no script has the name.
    how.binary = context.known() ? verb : "";
    how.script = context.known() ? "" : verb;
  } else {
    how.script = verb;
  }
  return how;
}

}  // namespace node

namespace {

// Package names a JavaScript or TypeScript file loads: require('x'),
// import ... from 'x', import('x'), import 'x' (type-only imports excepted).
std::set<std::string> importedPackages(const std::string& text) {
  std::set<std::string> names;
  auto take = [&](std::size_t at) {
    if (at >= text.size() || (text[at] != '\'' && text[at] != '"' && text[at] != '`')) return;
    char quote = text[at];
    std::size_t end = text.find(quote, at + 1);
    if (end == std::string::npos) return;
    std::string spec = text.substr(at + 1, end - at - 1);
    if (spec.empty() || spec[0] == '.' || spec[0] == '/' || spec.rfind("node:", 0) == 0) return;
    std::size_t slash = spec.find('/');
    if (spec[0] == '@' && slash != std::string::npos) slash = spec.find('/', slash + 1);
    names.insert(spec.substr(0, slash));
  };
  auto skipBlank = [&](std::size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
    return at;
  };
  for (const char* call : {"require(", "import("}) {
    for (std::size_t at = text.find(call); at != std::string::npos; at = text.find(call, at + 1)) {
      take(skipBlank(at + std::string(call).size()));
    }
  }
  for (std::size_t at = text.find("from"); at != std::string::npos; at = text.find("from", at + 1)) {
    bool word = (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]))) && at + 4 < text.size() &&
                !std::isalnum(static_cast<unsigned char>(text[at + 4]));
    if (!word) continue;
    // `import type { X } from 'y'` is erased by TypeScript.
    std::size_t stmt = text.rfind("import", at);
    std::size_t lineStart = text.rfind('\n', at);
    if (stmt != std::string::npos && (lineStart == std::string::npos || stmt > lineStart) &&
        text.compare(stmt, 12, "import type ") == 0) {
      continue;
    }
    take(skipBlank(at + 4));
  }
  for (std::size_t at = text.find("import "); at != std::string::npos; at = text.find("import ", at + 1)) {
    take(skipBlank(at + 7));
  }
  return names;
}

// A file of the app's own code that reads a variable npm, yarn or pnpm set
// for the scripts they run (npm_package_version, npm_lifecycle_event,
// npm_config_*): "server.js reads npm_package_version". Starting the app
// with node directly would leave it unset.
std::optional<std::string> readsPackageManagerEnvironment(const analysis::BuildContext& context) {
  std::size_t scanned = 0;
  for (const auto& entry : context.entries()) {
    if (!isAppSourceFile(entry)) continue;
    if (++scanned > 5000) return std::string("the context has too many source files to check");
    std::string text = context.readText(entry);
    for (const char* prefix : {"npm_package_", "npm_lifecycle_", "npm_config_"}) {
      std::size_t at = text.find(prefix);
      if (at == std::string::npos) continue;
      std::size_t end = at;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      return entry + " reads " + text.substr(at, end - at);
    }
  }
  return std::nullopt;
}

// The packages node loads before the app through its options: `-r X`,
// `--require X`, `--import X`, `--loader X`, `--experimental-loader X` (also
// with `=`), as written in a node command line or in NODE_OPTIONS.
// `-r ts-node/register` gives ts-node, `--import @swc-node/register/esm`
// gives @swc-node/register.
std::vector<std::string> preloadedPackages(const std::vector<std::string>& words) {
  static const std::vector<std::string> options{"-r", "--require", "--import", "--loader", "--experimental-loader"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string spec;
    for (const auto& o : options) {
      if (words[i] == o && i + 1 < words.size()) spec = words[i + 1];
      else if (words[i].starts_with(o + "=")) spec = words[i].substr(o.size() + 1);
    }
    if (spec.empty() || spec[0] == '.' || spec[0] == '/' || spec.starts_with("node:")) continue;
    std::size_t slash = spec.find('/');
    if (spec[0] == '@' && slash != std::string::npos) slash = spec.find('/', slash + 1);
    out.push_back(spec.substr(0, slash));
  }
  return out;
}

// The scripts npm and Yarn 1 run around a script (`prestart`, `poststart`):
// name and body. pnpm (without enable-pre-post-scripts) and Yarn 2+ run none.
std::vector<std::pair<std::string, std::string>> hookScripts(const std::string& pm, const std::string& script,
                                                             const analysis::BuildContext& context) {
  std::vector<std::pair<std::string, std::string>> out;
  bool runsHooks = pm == "npm" || (pm == "yarn" && !context.has(".yarnrc.yml"));
  if (!runsHooks || script.empty()) return out;
  for (const char* prefix : {"pre", "post"}) {
    if (auto body = context.packageScript(prefix + script)) out.emplace_back(prefix + script, *body);
  }
  return out;
}

// The devDependency that provides a program of node_modules/.bin (`tsc`
// from typescript, by the `binary_packages` table, else its own name); ""
// when none does.
std::string devPackageOf(const std::string& program, const nlohmann::json& dev) {
  if (dev.contains(program)) return program;
  const auto& table = catalog::Catalog::get().languageConfig("node").at("binary_packages");
  if (table.contains(program)) {
    std::string package = table.at(program).get<std::string>();
    if (dev.contains(package)) return package;
  }
  return "";
}

std::optional<std::string> wordsNeedDevDependency(const std::string& label, const std::string& body,
                                                  const std::vector<std::string>& argv,
                                                  const analysis::BuildContext& context, const nlohmann::json& dev,
                                                  int runLevels);

// Why a package.json script needs a devDependency: the tool it runs is one
// (`tsc`, `npx prisma migrate deploy`), or a script it runs through the
// package manager does (`npm run build`, followed `runLevels` deep); a body
// that needs a shell cannot be checked, so it counts.
std::optional<std::string> scriptNeedsDevDependency(const std::string& name, const std::string& body,
                                                    const analysis::BuildContext& context, const nlohmann::json& dev,
                                                    int runLevels) {
  auto words = simpleArgv(body);
  if (!words) return "the " + name + " script `" + body + "` needs a shell, so restage cannot check what it runs";
  return wordsNeedDevDependency("the " + name + " script", body, *words, context, dev, runLevels);
}

// The same for one command of a script, as its words; `label` names the
// script ("the start script").
std::optional<std::string> wordsNeedDevDependency(const std::string& label, const std::string& body,
                                                  const std::vector<std::string>& argv,
                                                  const analysis::BuildContext& context, const nlohmann::json& dev,
                                                  int runLevels) {
  const std::vector<std::string>* words = &argv;
  std::string tool = words->front();
  if (tool == "npx" && words->size() >= 2) tool = (*words)[1];
  if (auto package = devPackageOf(tool, dev); !package.empty()) {
    std::string from = package == tool ? "" : " (from " + package + ")";
    return label + " runs `" + tool + "`" + from + ", a devDependency";
  }
  if (isPackageManager(tool) && words->size() >= 3 && (*words)[1] == "run" && runLevels > 0) {
    auto inner = context.packageScript((*words)[2]);
    if (!inner) return label + " runs `" + (*words)[2] + "`, which package.json does not define";
    auto why = scriptNeedsDevDependency((*words)[2], *inner, context, dev, runLevels - 1);
    if (why) return label + " runs `" + body + "`, and " + *why;
    return std::nullopt;
  }
  return std::nullopt;
}

// Why devDependencies must stay in the runtime, or nullopt when they need not.
// `start`: the start command; `nodeOptions`: NODE_OPTIONS as the image sets it.
std::optional<std::string> devDependencyAtRunTime(const PackageManagerStart& how, const std::optional<std::string>& scriptBody,
                                                  const analysis::BuildContext& context,
                                                  const std::vector<std::string>& start,
                                                  const std::optional<std::string>& nodeOptions) {
  if (!context.known()) {
    if (!how.script.empty()) return std::string("without the build context the start script cannot be checked");
    if (!how.binary.empty()) return "without the build context restage cannot tell where `" + how.binary + "` comes from";
    return std::nullopt;
  }
  const auto& pkg = context.packageJson();
  if (!pkg.is_object() || !pkg.contains("devDependencies") || !pkg["devDependencies"].is_object() ||
      pkg["devDependencies"].empty()) {
    return std::nullopt;
  }
  const auto& dev = pkg["devDependencies"];
  // Preloaded by node itself: the start command, its script, NODE_OPTIONS.
  std::vector<std::pair<std::string, std::vector<std::string>>> nodeLines;
  if (!start.empty() && baseName(start[0]) == "node") nodeLines.emplace_back("the start command", start);
  if (scriptBody) {
    if (auto words = simpleArgv(*scriptBody); words && baseName(words->front()) == "node") {
      nodeLines.emplace_back("the start script", *words);
    }
  }
  if (nodeOptions) {
    if (auto words = simpleArgv(*nodeOptions)) nodeLines.emplace_back("NODE_OPTIONS", *words);
  }
  for (const auto& [who, words] : nodeLines) {
    for (const auto& name : preloadedPackages(words)) {
      if (dev.contains(name)) return who + " preloads `" + name + "`, a devDependency";
    }
  }
  if (!how.script.empty() && !scriptBody) {
    if (!context.has("package.json")) {
      return "the build context has no package.json, so restage cannot check what the `" + how.script + "` script runs";
    }
    return "package.json has no `" + how.script + "` script, so restage cannot check what the start runs";
  }
  // The start script itself as written (its own `npm run` is not followed);
  // the pre/post scripts around it two `npm run` levels deep.
  if (scriptBody) {
    if (auto why = scriptNeedsDevDependency("start", *scriptBody, context, dev, 0)) return why;
  }
  // A start command that is shell text (`sh -c "npx prisma migrate deploy &&
  // node dist/server.js"`, or a shell-form CMD): each command in it is
  // checked as a script's would be; text restage cannot read counts.
  if (start.size() >= 3 && isShellName(start[0]) && start[1] == "-c") {
    shell::Script text = shell::parse_shell(start[2]);
    if (!text.ok()) return "the start command's shell text cannot be read, so restage cannot check what it runs";
    for (const auto& command : text.commands) {
      std::vector<std::string> words = shell::argv_literals(command);
      if (words.empty()) continue;
      std::string line;
      for (const auto& w : words) line += (line.empty() ? "" : " ") + w;
      if (auto why = wordsNeedDevDependency("the start command's shell text", line, words, context, dev, 2)) {
        return why;
      }
    }
  }
  if (!start.empty()) {
    for (const auto& [name, body] : hookScripts(start[0], how.script, context)) {
      if (auto why = scriptNeedsDevDependency(name, body, context, dev, 2)) return why;
    }
  }
  if (!how.binary.empty()) {
    if (dev.contains(how.binary)) return "the start command runs `" + how.binary + "`, a devDependency";
    bool dependency = pkg.contains("dependencies") && pkg["dependencies"].is_object() && pkg["dependencies"].contains(how.binary);
    if (!dependency) return "the start command runs `" + how.binary + "`, which package.json does not list, so it is not checked";
  }
  // The app's own code: a devDependency it imports is needed at run time.
  std::size_t scanned = 0;
  for (const auto& entry : context.entries()) {
    if (!isAppSourceFile(entry)) continue;
    if (++scanned > 5000) return std::string("the context has too many source files to check their imports");
    for (const auto& name : importedPackages(context.readText(entry))) {
      if (dev.contains(name)) return entry + " imports `" + name + "`, a devDependency";
    }
  }
  return std::nullopt;
}

}  // namespace

RuntimePlan planNode(const migrate::PlanInput& in) {
  const auto& f = in.facts;
  const auto& cfg = in.catalog.languageConfig("node");
  RuntimePlan plan;

  // An app that lives in / (no WORKDIR) cannot be copied as one folder: its
  // COPY/ADD steps run again in the runtime stage instead, and only what the
  // build made (node_modules, the build output) comes from the builder.
  bool inRoot = f.finalWorkdir == "/";
  if (inRoot) {
    for (std::size_t i = f.stage->from + 1; i < f.stage->end; ++i) {
      if (in.doc.instructions[i].kind == ast::InstructionKind::Workdir) {
        return RuntimePlan::refuse("no-workdir",
                                   "the WORKDIR goes back to /, so restage cannot tell which files belong to the app");
      }
    }
  }

  // Package manager and how dependencies are installed.
  std::string pm;
  bool productionOnly = false;
  bool hasBuild = false;
  std::vector<const analysis::RunCommand*> globalInstalls;
  std::optional<std::size_t> installInstruction;
  // The build deletes the app's node_modules after its last package-manager
  // command (serving a static build, say): nothing is left to prune.
  const analysis::RunCommand* nodeModulesRemoved = nullptr;
  std::string nodeModules = analysis::joinPath(f.finalWorkdir, "node_modules");
  for (const auto& rc : f.commands) {
    const auto& a = rc.argv;
    if (a.empty()) continue;
    if (isPackageManager(a[0])) nodeModulesRemoved = nullptr;
    if (a[0] == "rm") {
      for (std::size_t i = 1; i < a.size(); ++i) {
        std::string target = a[i];
        while (target.size() > 1 && target.back() == '/') target.pop_back();
        if (!target.starts_with('-') && analysis::joinPath(rc.cwd, target) == nodeModules) {
          nodeModulesRemoved = &rc;
        }
      }
    }
    if (isInstall(a) && !isGlobal(a)) {
      if (pm.empty()) pm = a[0];
      if (!installInstruction) installInstruction = rc.instruction;
      for (const auto& marker : cfg.at("production_install_markers")) {
        if (std::find(a.begin(), a.end(), marker.get<std::string>()) != a.end()) productionOnly = true;
      }
    } else if (isPackageManager(a[0]) && isGlobal(a)) {
      globalInstalls.push_back(&rc);
    }
    bool runBuild = a.size() >= 2 && isPackageManager(a[0]) &&
                    ((a[1] == "run" && a.size() >= 3 && a[2].find("build") != std::string::npos) || a[1] == "build");
    if (runBuild || a[0] == "tsc" || (a[0] == "npx" && a.size() >= 2 && a[1] == "tsc")) hasBuild = true;
  }
  if (pm.empty()) {
    if (in.context.has("pnpm-lock.yaml")) pm = "pnpm";
    else if (in.context.has("yarn.lock")) pm = "yarn";
    else pm = "npm";
  }
  if (f.envValue("NODE_ENV") == std::optional<std::string>("production") && installInstruction) {
    // NODE_ENV=production before the install already leaves devDependencies out.
    for (std::size_t i = f.stage->from; i < *installInstruction; ++i) {
      const auto& ins = in.doc.instructions[i];
      if (ins.kind != ast::InstructionKind::Env) continue;
      if (const auto* kv = ins.as<ast::KeyValueArgs>()) {
        for (const auto& p : kv->pairs) {
          if (p.key.text == "NODE_ENV" && p.value.text.find("production") != std::string::npos) productionOnly = true;
        }
      }
    }
  }

  // How the app starts.
  auto argv = startArgv(f);
  std::vector<std::string> start = argv.value_or(std::vector<std::string>{});
  PackageManagerStart how = readStart(start, in.context);
  bool viaScript = !how.script.empty();
  std::optional<std::string> scriptBody;
  if (viaScript) scriptBody = in.context.packageScript(how.script);
  // The start command read as the compose commands are: past wrappers
  // (`tini --`), into the package.json script or a script file it runs.
  std::vector<migrate::ContainerCommand> ownStart;
  if (!start.empty()) {
    ownStart.push_back(migrate::ContainerCommand{"the start command", "command", start, std::nullopt, ""});
  }
  std::vector<CommandPrograms> startPrograms = containerPrograms(in.doc, f, in.context, ownStart);
  // What compose services run in its containers, read once.
  std::vector<CommandPrograms> composePrograms = containerPrograms(in.doc, f, in.context, in.options.runCommands);
  // A live-reload server (nodemon, next dev, node --watch) restarts the app
  // from its sources: a development image, which a pruned production
  // runtime would break.
  for (const auto& cp : startPrograms) {
    std::string tool = devServerOf(cp, cfg.at("dev_servers"));
    if (!tool.empty()) {
      return RuntimePlan::refuse("dev-server", "the start command runs `" + tool + "`, " +
                                                   cfg.at("dev_server_kind").get<std::string>() +
                                                   "; this is a development image, not one to split");
    }
  }

  // Base image.
  std::optional<int> major = majorOf(in.builder.known ? in.facts.base.tag : "");
  const analysis::DistroPackages packages = analysis::installedPackages(f);
  std::optional<std::string> distroNode;  // the distro package Node.js came from
  if (in.facts.base.name != "node") {
    distroNode = distroNodePackage(f, packages, cfg);
    if (!distroNode) {
      return RuntimePlan::refuse("unknown-node-base",
                                 "the builder image " + in.facts.base.raw +
                                     " is neither an official node image nor a distro image that installs Node.js from its packages, "
                                     "so restage cannot name a matching small runtime base");
    }
  }
  auto slim = distroNode ? std::optional<std::string>(in.facts.base.tag) : slimTag(in.facts.base.tag);
  if (!slim) {
    return RuntimePlan::refuse("unknown-node-tag", "restage does not know the small variant of " + in.facts.base.raw);
  }

  // Distroless nodejs only when the context proves a plain `node FILE` start.
  std::optional<std::vector<std::string>> plainNode;
  // The app reads what the package manager sets: it keeps starting through it.
  std::optional<std::string> managerEnvironment;
  std::vector<std::pair<std::string, std::string>> hooks;
  if (!start.empty()) hooks = hookScripts(start[0], how.script, in.context);
  if (isPlainNode(start)) {
    plainNode = start;
  } else if (scriptBody && !hooks.empty()) {
    // A plain `node` start would skip them.
    managerEnvironment = "it runs the " + hooks.front().first + " script";
    const auto& [hook, body] = hooks.front();
    std::string when = hook.starts_with("pre") ? "before " : "after ";
    plan.explanation.push_back("The start keeps going through " + start[0] + ": it runs the " + hook + " script (`" +
                               body + "`) " + when + how.script + ".");
  } else if (scriptBody) {
    managerEnvironment = readsPackageManagerEnvironment(in.context);
    if (auto s = simpleArgv(*scriptBody); s && isPlainNode(*s) && !managerEnvironment) plainNode = s;
    if (managerEnvironment) {
      plan.explanation.push_back("The start keeps going through " + start[0] + ": " + *managerEnvironment +
                                 ", which " + start[0] + " sets and a plain `node` start would not.");
    }
  }
  bool distroless = false;
  bool distroNeeds = in.needs.needsPackageManager() || in.needs.needsShell();
  // Native addons, engines and bundled .so files load libraries a small base
  // may lack: they need a base with a package manager to install them.
  std::optional<std::string> native = nativeCodeEvidence(in);
  // Compose commands (distroless passes a `command` to its node entrypoint,
  // and has no npm or other tools) keep the slim image, as does the
  // Dockerfile's HEALTHCHECK (Migrator passes it with them): distroless
  // has node only as its entrypoint, at /nodejs/bin/node, not on its PATH.
  bool otherCommands = !in.options.runCommands.empty();
  if (!in.options.runtimeBase && plainNode && in.context.known() && major &&
      in.builder.libc == "glibc" && globalInstalls.empty() && !inRoot && !distroNode && !distroNeeds && !native) {
    const auto& majors = cfg.at("distroless_majors");
    bool supported = std::find(majors.begin(), majors.end(), *major) != majors.end();
    std::string file = (*plainNode)[1];
    std::string rel = analysis::joinPath("/", file).substr(1);
    bool fileKnown = in.context.has(rel) || in.context.has(rel + ".js") ||
                     (hasBuild && (rel.rfind("dist/", 0) == 0 || rel.rfind("build/", 0) == 0 || rel.rfind("lib/", 0) == 0));
    // Only images the catalog knows (their user, their entrypoint).
    auto image = in.catalog.runtimeBase(distrolessImage(cfg, *major));
    distroless = supported && fileKnown && image.has_value() && in.needs.usersExistOn(image);
    if (distroless && otherCommands) {
      distroless = false;
      const auto& first = in.options.runCommands.front();
      plan.explanation.push_back(
          "Not distroless nodejs: " + first.source +
          (first.key == "healthcheck" ? " runs a program by name, and distroless nodejs has node only as its entrypoint "
                                        "(/nodejs/bin/node, not on its PATH) and no other programs."
                                      : " would go to distroless's node entrypoint as arguments, and distroless has no "
                                        "npm or other programs."));
    }
  }

  if (in.options.runtimeBase) {
    plan.base = *in.options.runtimeBase;
  } else if (distroless) {
    plan.base = distrolessImage(cfg, *major);
  } else if (distroNode) {
    plan.base = f.base.raw;
  } else {
    plan.base = "node:" + *slim;
  }
  auto base = in.catalog.runtimeBase(plan.base);

  // Production dependencies only, unless the start or the app's code needs
  // a devDependency at run time.
  std::optional<std::string> keepDevDeps;
  // A shell-form start that is more than one simple command is checked as
  // the shell text it is.
  std::vector<std::string> startRead = start;
  if (start.empty() && f.start() && f.start()->shellForm) startRead = {"/bin/sh", "-c", f.start()->script};
  if (!productionOnly) keepDevDeps = devDependencyAtRunTime(how, scriptBody, in.context, startRead, f.envValue("NODE_OPTIONS"));
  // A compose command that runs one (`npm test` running jest, `npx ts-node`).
  const auto& packageJson = in.context.packageJson();
  if (!productionOnly && !keepDevDeps && packageJson.is_object() && packageJson.contains("devDependencies") &&
      packageJson["devDependencies"].is_object()) {
    for (const auto& cp : composePrograms) {
      for (const auto& p : cp.programs) {
        if (!keepDevDeps && packageJson["devDependencies"].contains(baseName(p))) {
          keepDevDeps = cp.command->source + " runs `" + baseName(p) + "`, a devDependency";
        }
      }
    }
  }
  if (productionOnly) {
    plan.explanation.push_back("Dependencies are already installed for production; nothing to prune.");
  } else if (nodeModulesRemoved) {
    plan.explanation.push_back("The build removes node_modules itself (line " +
                               std::to_string(in.doc.instructions[nodeModulesRemoved->instruction].startLine) +
                               "); nothing to prune.");
  } else if (keepDevDeps) {
    plan.explanation.push_back("devDependencies are kept: " + *keepDevDeps + ".");
  } else if (pm == "yarn" && in.context.has(".yarnrc.yml")) {
    plan.explanation.push_back("devDependencies are kept: Yarn Berry has no in-place production prune.");
  } else {
    std::string key = pm;
    if (pm == "npm" && major && *major < 16) key = "npm_legacy";
    plan.builderFinale.push_back("RUN " + cfg.at("prune").at(key).get<std::string>());
    plan.explanation.push_back("The builder prunes devDependencies (" + cfg.at("prune").at(key).get<std::string>() +
                               ") before " + std::string(inRoot ? "node_modules is" : "the app folder is") + " copied.");
  }

  // The start program must exist on the runtime: node and the package
  // managers do; a file of the app is copied with it; a global npm tool or a
  // distro package (dumb-init, tini) is installed again; anything else is a guess.
  if (!start.empty() && !distroless) {
    const std::string& program = start[0];
    static const std::set<std::string> shipped{"node", "npm", "npx", "yarn", "pnpm", "corepack", "sh", "/bin/sh", "bash", "/bin/bash"};
    bool fromPackages = packages.has(program);
    // (An empty program name is left to the runtime check, which names it.)
    if (!program.empty() && !shipped.count(program) && isPathLookup(program) && globalInstalls.empty() && !fromPackages) {
      return RuntimePlan::refuse("unknown-binary",
                                 "the start command runs `" + program +
                                     "`, which is neither Node.js, a package manager, a global npm tool nor a distro package the build installed");
    }
    if (fromPackages && !distroNode && !shipped.count(program)) {
      plan.packages.push_back(program);
      plan.explanation.push_back("The start command's `" + program + "` came from the builder's " + packages.manager +
                                 " packages; the runtime installs it too.");
    }
  }
  // Global tools the start command needs are installed again in the runtime.
  bool globalsAgain = false;
  if (!start.empty() && !globalInstalls.empty() && !distroless) {
    std::string program = start[0];
    auto script = startScript(in.doc, f, in.context);
    // A bare name not shipped with node images may be a global tool's, and
    // a script may call one; a path to anything else is the app's own file.
    bool needed = script || (isPathLookup(program) && program != "node" && program != "npm" && program != "npx" &&
                             program != "yarn");
    if (needed) {
      globalsAgain = true;
      for (const auto* rc : globalInstalls) {
        plan.run.push_back("RUN " + migrate::shellCommand("a word of the global install", rc->argv));
      }
      plan.explanation.push_back(
          script ? (script->path == "-c"
                        ? std::string("Globally installed tools are installed again in the runtime stage, since the start "
                                      "command runs shell text, which may call them.")
                        : "Globally installed tools are installed again in the runtime stage, since the start command runs "
                          "the script " + script->path + ", which may call them.")
                 : "Globally installed tools are installed again in the runtime stage, since the start command `" + program +
                       "` may come from one.");
    }
  }
  // The start past its wrappers (`tini -- pm2-runtime`), or a compose
  // entrypoint, command or healthcheck, that runs a global tool (named like
  // its package: pm2-runtime from pm2) needs it too.
  if (!globalsAgain && !globalInstalls.empty() && !distroless) {
    std::set<std::string> globalPackages;
    for (const auto* rc : globalInstalls) {
      for (std::size_t i = 1; i < rc->argv.size(); ++i) {
        const std::string& w = rc->argv[i];
        if (w.starts_with("-") || w == "install" || w == "i" || w == "add" || w == "global") continue;
        std::string name = w.substr(0, w.find('@', 1));  // name@version, @scope/name@version
        globalPackages.insert(baseName(name));
      }
    }
    std::string user;
    std::string tool;
    std::vector<CommandPrograms> commands = startPrograms;
    commands.insert(commands.end(), composePrograms.begin(), composePrograms.end());
    for (const auto& cp : commands) {
      for (const auto& p : cp.programs) {
        std::string name = baseName(p);
        for (const auto& pkg : globalPackages) {
          if (tool.empty() && isPathLookup(p) && (name == pkg || name.starts_with(pkg + "-"))) {
            tool = name;
            user = cp.command->source;
          }
        }
      }
    }
    if (!tool.empty()) {
      for (const auto* rc : globalInstalls) {
        plan.run.push_back("RUN " + migrate::shellCommand("a word of the global install", rc->argv));
      }
      plan.explanation.push_back("Globally installed tools are installed again in the runtime stage, since " + user + " runs `" +
                                 tool + "`, which one of them provides.");
    }
  }
  // pnpm/yarn from corepack are downloaded on first use into the user's
  // cache: the builder's root has them, a fresh runtime user would fetch them
  // over the network at every container start.
  bool corepack = std::any_of(f.commands.begin(), f.commands.end(), [](const analysis::RunCommand& rc) {
    return rc.argv.size() >= 2 && rc.argv[0] == "corepack" && rc.argv[1] == "enable";
  });
  bool keepRoot = false;
  if (corepack && !start.empty() && (start[0] == "pnpm" || start[0] == "yarn") && !distroless) {
    bool bareScript = start.size() == 2 || (start.size() == 3 && start[1] == "run");
    std::optional<std::vector<std::string>> direct;
    if (scriptBody && bareScript && !managerEnvironment) direct = simpleArgv(*scriptBody);
    if (direct && (*direct)[0] == "node") {
      plan.cmd = migrate::execForm(*direct);
      if (f.entrypoint) plan.entrypoint = std::string("[]");
      plan.explanation.push_back("The start script is a plain `" + *scriptBody + "`: the runtime runs it directly, since " + start[0] +
                                 " comes from corepack and would be downloaded at every start.");
    } else if (f.runsAsRoot()) {
      plan.run.push_back("RUN corepack enable");
      if (base && base->user == std::optional<std::string>("node") && !f.envValue("COREPACK_HOME")) {
        // The node images' user has its home in /home/node, where corepack
        // looks for its cache when that user runs it.
        plan.copies.push_back(CopyStep{"/root/.cache/node/corepack", "/home/node/.cache/node/corepack",
                                       std::string("node:node")});
        plan.explanation.push_back(start[0] + " comes from corepack: the builder's corepack cache goes to the home of "
                                   "node, the user the runtime runs as, so nothing is downloaded at start.");
      } else {
        plan.copies.push_back(CopyStep{"/root/.cache/node/corepack", "/root/.cache/node/corepack", std::nullopt});
        keepRoot = true;
        plan.explanation.push_back(start[0] + " comes from corepack: the runtime gets the builder's corepack cache and keeps "
                                   "running as root, whose cache it is, so nothing is downloaded at start.");
      }
    } else {
      return RuntimePlan::refuse("start-needs-download",
                                 "the start command runs " + start[0] + " through corepack as " + *f.finalUser +
                                     ", which would download it at every start in a fresh runtime stage");
    }
  }

  if (distroNode) {
    // The same distro image with only the runtime packages: Node.js, and the
    // package manager when the start command runs through it.
    plan.packages.push_back(*distroNode);
    if (!start.empty() && isPackageManager(start[0]) && packages.has(start[0])) plan.packages.push_back(start[0]);
    std::string list;
    for (const auto& p : plan.packages) list += (list.empty() ? "" : " ") + p;
    plan.explanation.push_back("Node.js came from " + f.base.raw + "'s own packages; the runtime stage is the same image with " +
                               list + " installed again (" + packages.manager + "), without the build's tools.");
  }

  if (inRoot) {
    for (std::size_t i : f.copies) plan.replay.push_back(i);
    if (installInstruction) {
      plan.copies.push_back(CopyStep{"/node_modules", "/node_modules", std::nullopt});
      // An install with nothing to install leaves no node_modules to copy.
      const auto& pkg = in.context.packageJson();
      bool hasDependencies = pkg.contains("dependencies") && !pkg["dependencies"].empty();
      if (!hasDependencies) plan.builderFinale.push_back("RUN mkdir -p /node_modules");
    }
    std::string what = installInstruction ? "node_modules" : "";
    if (hasBuild) {
      if (!plainNode) {
        return RuntimePlan::refuse("no-workdir",
                                   "the app lives in / (no WORKDIR) and has a build step, but the start command does not name the file it runs, "
                                   "so restage cannot tell where the build output is");
      }
      std::string file = analysis::joinPath("/", (*plainNode)[1]);
      std::string top = file.substr(0, file.find('/', 1));
      plan.copies.push_back(CopyStep{top, top, std::nullopt});
      what += (what.empty() ? "" : " and ") + top.substr(1) + " (the build output the start command runs)";
    }
    plan.explanation.push_back("The app lives in / (no WORKDIR): its COPY/ADD steps run again in the runtime stage" +
                               (what.empty() ? std::string(".") : ", and " + what + " come from the builder.") +
                               " It keeps running as root, since a non-root user could not write where the original could.");
  } else {
  // The app folder, owned by the base's non-root user when it has one (a
  // distro image may not). Files the build put elsewhere are the
  // runtime-effects pass's business.
  std::optional<std::string> owner;
  if (base && base->user) owner = *base->user + ":" + *base->user;
  else if (!distroNode) owner = "node:node";
  plan.copies.push_back(CopyStep{f.finalWorkdir, f.finalWorkdir, owner, "", true});
  plan.delivered.push_back(f.finalWorkdir);
  }
  // Every ELF file the carried app has (node_modules' addons and engines)
  // gets its libraries resolved as a compiled program's are.
  // On the builder's own image every library the build found is there already.
  if (native && !distroless && plan.base != f.base.raw) {
    std::string folder = inRoot ? std::string("/node_modules") : f.finalWorkdir;
    auto step = folderLibrariesStep(in.catalog, folder, base);
    plan.builderFinale.push_back(step.run);
    plan.copies.push_back(CopyStep{step.stageDir + "/", "/", std::nullopt});
    plan.libraryOwners = step.owners;
    plan.librariesMayBeNone = true;
    plan.linkedBy = "the ELF files under " + folder;
    plan.notStaged.push_back(folder);
    plan.explanation.push_back("The app may hold native code (" + *native + "): the builder lists the libraries the ELF files under " +
                               folder + " link, and the runtime " +
                               (step.owners ? "installs the packages that own those " + plan.base + " lacks."
                                            : "gets those " + plan.base + " lacks copied from the builder."));
    if (in.options.runtimeBase) {
      plan.abiFloor = programFloor(in.builder, false);
      if (auto refusal = meetFloor(in, plan, *plan.abiFloor, "the native code under " + folder)) {
        return RuntimePlan::refuse(refusal->code, refusal->reason);
      }
    }
  }
  plan.carriesAppFolder = true;
  if (inRoot) {
    // The replayed COPY steps and what comes from the builder.
    for (const auto& dest : f.copyDestinations) plan.delivered.push_back(dest);
    for (const auto& c : plan.copies) plan.delivered.push_back(c.to);
  }

  // NODE_ENV stays as the original had it (its ENV is carried): an app may
  // pick its database config or cookie settings by it, so setting it would
  // change what the app does. The prune above passes its own production flag.
  if (!f.envValue("NODE_ENV")) {
    plan.explanation.push_back("NODE_ENV stays unset, as in the original: restage does not set it, since an app may pick its "
                               "config or cookie settings by it; set NODE_ENV=production yourself once the app is ready for it.");
  }
  if (!inRoot && !keepRoot) plan.user = runtimeUser(f, base, plan.explanation, in.effects, in.needs);

  if (distroless) {
    std::vector<std::string> args(plainNode->begin() + 1, plainNode->end());
    plan.cmd = migrate::execForm(args);
    if (f.entrypoint) plan.entrypoint = std::string("[]");
    plan.explanation.push_back("Runtime base " + plan.base + ": the app starts with a plain `node " + args[0] +
                               "`, so it needs neither npm nor a shell (the image's entrypoint is node).");
  } else if (!distroNode && plan.base == f.base.raw) {
    plan.explanation.push_back("Runtime base " + plan.base + ": the builder's own image, already the small variant.");
  } else if (!distroNode) {
    plan.explanation.push_back("Runtime base " + plan.base + ": the small variant of " + f.base.raw +
                               ", same Node.js version and C library.");
  }
  return plan;
}

}  // namespace restage::transforms
