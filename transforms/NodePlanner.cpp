// Node.js planner.
//
// What: plans a runtime stage on the small variant of the builder's node
// image (node:20 -> node:20-slim, alpine stays alpine), with the app folder
// copied from the builder after its devDependencies are pruned, NODE_ENV set
// to production and the image's non-root `node` user. When the build context
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
//                                     ENV NODE_ENV=production
//                                     WORKDIR /app
//                                     COPY --from=builder --chown=node:node /app /app
//                                     USER node
//                                     CMD ["npm", "start"]
#include <algorithm>
#include <cctype>
#include <set>

#include "transforms/Planners.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

using migrate::CopyStep;
using migrate::RuntimePlan;

namespace {

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

std::optional<int> majorOf(const std::string& tag) {
  if (tag.empty() || !std::isdigit(static_cast<unsigned char>(tag[0]))) return std::nullopt;
  return std::stoi(tag.substr(0, tag.find_first_not_of("0123456789")));
}

// The small variant of a node image tag, on the same libc family.
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

// `node FILE [args]` with no node options.
bool isPlainNode(const std::vector<std::string>& argv) {
  return argv.size() >= 2 && argv[0] == "node" && argv[1].rfind("-", 0) != 0;
}

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

// The runtime RUN step that installs `list` with the build's package manager.
std::string distroInstall(const nlohmann::json& cfg, const std::string& manager, const std::string& list) {
  std::string install = cfg.at("distro_install").at(manager).get<std::string>();
  install.replace(install.find("{packages}"), 10, list);
  return install;
}

// The distroless nodejs image for a Node.js major version.
std::string distrolessImage(const nlohmann::json& cfg, int major) {
  std::string image = cfg.at("distroless").get<std::string>();
  image.replace(image.find("{major}"), 7, std::to_string(major));
  return image;
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
  for (const auto& rc : f.commands) {
    const auto& a = rc.argv;
    if (a.empty()) continue;
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
  bool viaScript = !start.empty() && isPackageManager(start[0]);
  std::optional<std::string> scriptBody;
  if (viaScript && in.context.known()) {
    std::string script = start.size() >= 2 && start[1] == "run" && start.size() >= 3 ? start[2]
                         : start.size() >= 2 && start[1] != "run" ? start[1] : "start";
    scriptBody = in.context.packageScript(script);
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
  if (isPlainNode(start)) plainNode = start;
  else if (scriptBody) {
    if (auto s = simpleArgv(*scriptBody); s && isPlainNode(*s)) plainNode = s;
  }
  bool distroless = false;
  if (!in.options.runtimeBase && plainNode && in.context.known() && major && in.builder.libc == "glibc" &&
      globalInstalls.empty() && !inRoot && !distroNode) {
    const auto& majors = cfg.at("distroless_majors");
    bool supported = std::find(majors.begin(), majors.end(), *major) != majors.end();
    std::string file = (*plainNode)[1];
    std::string rel = analysis::joinPath("/", file).substr(1);
    bool fileKnown = in.context.has(rel) || in.context.has(rel + ".js") ||
                     (hasBuild && (rel.rfind("dist/", 0) == 0 || rel.rfind("build/", 0) == 0 || rel.rfind("lib/", 0) == 0));
    // Only images the catalog knows (their user, their entrypoint).
    distroless = supported && fileKnown && in.catalog.runtimeBase(distrolessImage(cfg, *major)).has_value();
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

  // Production dependencies only.
  bool startNeedsDevDeps = false;
  if (viaScript && !scriptBody) startNeedsDevDeps = true;  // unknown script: keep everything
  if (scriptBody && in.context.packageJson().contains("devDependencies")) {
    auto s = simpleArgv(*scriptBody);
    std::string tool = s && !s->empty() ? (*s)[0] : "";
    if (!tool.empty() && in.context.packageJson()["devDependencies"].contains(tool)) startNeedsDevDeps = true;
  }
  if (productionOnly) {
    plan.explanation.push_back("Dependencies are already installed for production; nothing to prune.");
  } else if (startNeedsDevDeps) {
    plan.explanation.push_back(in.context.known()
                                   ? "devDependencies are kept: the start script uses one of them."
                                   : "devDependencies are kept: without the build context the start script cannot be checked.");
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
      plan.run.push_back(distroInstall(cfg, packages.manager, program));
      plan.explanation.push_back("The start command's `" + program + "` came from the builder's " + packages.manager +
                                 " packages; the runtime installs it too.");
    }
  }
  // Global tools the start command needs are installed again in the runtime.
  if (!start.empty() && !globalInstalls.empty() && !distroless) {
    std::string program = start[0];
    bool needed = program != "node" && program != "npm" && program != "npx";
    if (program == "yarn") needed = false;  // node images ship yarn
    if (needed) {
      for (const auto* rc : globalInstalls) {
        std::string cmd;
        for (const auto& a : rc->argv) cmd += (cmd.empty() ? "" : " ") + a;
        plan.run.push_back(cmd);
      }
      plan.explanation.push_back("Globally installed tools are installed again in the runtime stage, since the start command `" + program + "` comes from one.");
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
    if (scriptBody && bareScript) direct = simpleArgv(*scriptBody);
    if (direct && (*direct)[0] == "node") {
      plan.cmd = migrate::execForm(*direct);
      if (f.entrypoint) plan.entrypoint = std::string("[]");
      plan.explanation.push_back("The start script is a plain `" + *scriptBody + "`: the runtime runs it directly, since " + start[0] +
                                 " comes from corepack and would be downloaded at every start.");
    } else if (!f.finalUser || *f.finalUser == "root" || *f.finalUser == "0") {
      plan.run.push_back("corepack enable");
      plan.copies.push_back(CopyStep{"/root/.cache/node/corepack", "/root/.cache/node/corepack", std::nullopt});
      keepRoot = true;
      plan.explanation.push_back(start[0] + " comes from corepack: the runtime gets the builder's corepack cache and keeps running as root, "
                                 "whose cache it is, so nothing is downloaded at start.");
    } else {
      return RuntimePlan::refuse("start-needs-download",
                                 "the start command runs " + start[0] + " through corepack as " + *f.finalUser +
                                     ", which would download it at every start in a fresh runtime stage");
    }
  }

  if (distroNode) {
    // The same distro image with only the runtime packages: Node.js, and the
    // package manager when the start command runs through it.
    std::string list = *distroNode;
    if (!start.empty() && isPackageManager(start[0]) && packages.has(start[0])) list += " " + start[0];
    plan.run.push_back(distroInstall(cfg, packages.manager, list));
    plan.explanation.push_back("Node.js came from " + f.base.raw + "'s own packages; the runtime stage is the same image with only " +
                               list + " installed (" + packages.manager + "), without the build's other packages.");
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
  // The app folder, and files the build put elsewhere from the context.
  // Owned by the base's non-root user, when it has one (a distro image may not).
  std::optional<std::string> owner;
  if (base && base->user) owner = *base->user + ":" + *base->user;
  else if (!distroNode) owner = "node:node";
  plan.copies.push_back(CopyStep{f.finalWorkdir, f.finalWorkdir, owner});
  for (const auto& dest : f.copyDestinations) {
    bool inside = dest == f.finalWorkdir || dest.rfind(f.finalWorkdir + "/", 0) == 0;
    bool covered = std::any_of(plan.copies.begin(), plan.copies.end(), [&](const CopyStep& c) {
      return dest == c.from || dest.rfind(c.from + "/", 0) == 0;
    });
    if (!inside && !covered && dest != "/") plan.copies.push_back(CopyStep{dest, dest, std::nullopt});
  }
  }

  if (f.envValue("NODE_ENV") != std::optional<std::string>("production")) {
    for (const auto& e : cfg.at("runtime_env")) plan.env.push_back(e.get<std::string>());
    plan.explanation.push_back("The runtime sets NODE_ENV=production, which the original did not: frameworks such as "
                               "Express then run in production mode.");
  }
  if (!inRoot && !keepRoot) plan.user = runtimeUser(f, base, plan.explanation);

  if (distroless) {
    std::vector<std::string> args(plainNode->begin() + 1, plainNode->end());
    plan.cmd = migrate::execForm(args);
    if (f.entrypoint) plan.entrypoint = std::string("[]");
    plan.keepHealthcheck = false;
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
