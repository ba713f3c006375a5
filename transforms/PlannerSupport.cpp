#include "transforms/PlannerSupport.h"

#include <algorithm>

#include "migrate/DockerfileText.h"
#include "shell/ShellScript.h"
#include "templates/Template.h"

namespace restage::transforms {

std::optional<std::vector<std::string>> simpleArgv(const std::string& script) {
  shell::Script parsed = shell::parse_shell(script);
  if (!parsed.ok() || parsed.commands.size() != 1) return std::nullopt;
  const auto& cmd = parsed.commands.front();
  if (!cmd.assignments.empty() || !cmd.redirects.empty() || cmd.scope != 0) return std::nullopt;
  std::vector<std::string> argv;
  for (const auto& w : cmd.words) {
    if (!w.is_literal()) return std::nullopt;
    argv.push_back(w.literal);
  }
  if (!argv.empty() && argv.front() == "exec") argv.erase(argv.begin());
  if (argv.empty()) return std::nullopt;
  return argv;
}

std::optional<std::vector<std::string>> startArgv(const analysis::StageFacts& facts) {
  auto start = facts.start();
  if (!start) return std::nullopt;
  if (start->shellForm) return simpleArgv(start->script);
  // ENTRYPOINT exec + CMD shell form arrives as [..., "/bin/sh", "-c", script].
  return start->argv;
}

std::optional<std::string> contextRootDestination(const ast::Document& doc, const analysis::StageFacts& facts) {
  return imagePathOf(doc, facts, ".");
}

void forEachContextCopy(const ast::Document& doc, const analysis::StageFacts& facts,
                        const std::function<void(const ast::CopyArgs&, const std::string& dest, bool destIsDir)>& visit) {
  std::string workdir = facts.imageWorkdir;
  for (std::size_t i = facts.stage->from + 1; i < facts.stage->end; ++i) {
    const auto& ins = doc.instructions[i];
    if (ins.kind == ast::InstructionKind::Workdir) {
      if (const auto* a = ins.as<ast::StringArgs>(); a && a->value) workdir = analysis::joinPath(workdir, a->value->text);
      continue;
    }
    if (ins.kind != ast::InstructionKind::Copy && ins.kind != ast::InstructionKind::Add) continue;
    const auto* a = ins.as<ast::CopyArgs>();
    if (!a || !a->destination || a->from) continue;
    bool destIsDir = a->sources.size() > 1 || a->destination->text.ends_with('/') ||
                     a->destination->text == "." || a->destination->text == "./";
    visit(*a, analysis::joinPath(workdir, a->destination->text), destIsDir);
  }
}

std::optional<std::string> imagePathOf(const ast::Document& doc, const analysis::StageFacts& facts,
                                       const std::string& contextPath, bool directory) {
  std::optional<std::string> found;
  forEachContextCopy(doc, facts, [&](const ast::CopyArgs& a, const std::string& dest, bool destIsDir) {
    for (const auto& src : a.sources) {
      std::string s = analysis::joinPath("/", src.text);  // normalised, rooted at the context
      if (s == "/") {
        // The whole context: contextPath lands below dest.
        found = contextPath == "." ? dest : analysis::joinPath(dest, contextPath);
      } else if (s == analysis::joinPath("/", contextPath)) {
        // COPY copies a folder's contents, not the folder: `COPY static/ ./static/`
        // makes ./static, and `COPY static /srv/` fills /srv. A file lands in
        // a folder destination under its own name.
        found = directory || !destIsDir ? dest : analysis::joinPath(dest, baseName(s));
      }
    }
  });
  return found;
}

std::optional<std::string> runtimeUser(const analysis::StageFacts& facts,
                                       const std::optional<catalog::RuntimeBase>& base,
                                       std::vector<std::string>& explanation,
                                       const analysis::StageEffects& effects, const migrate::RuntimeNeeds& needs) {
  const auto& original = facts.finalUser;
  if (!facts.runsAsRoot()) {
    bool numeric = original->find_first_not_of("0123456789:") == std::string::npos;
    std::string name = original->substr(0, original->find(':'));
    bool created = std::any_of(effects.effects.begin(), effects.effects.end(), [&](const analysis::Effect& e) {
      return e.kind == analysis::EffectKind::User && e.subject == name && e.need == analysis::Need::Runtime;
    });
    if (numeric || created || (base && base->hasUser(name))) return original;
    if (base && base->user) {
      explanation.push_back("USER " + *original + " is not defined on " + base->image + "; the runtime runs as its non-root user " + *base->user + ".");
      return base->user;
    }
    if (base && base->image == "scratch") return std::string("65532:65532");
    explanation.push_back("USER " + *original + " may not exist on " + (base ? base->image : std::string("the runtime base")) + "; kept as written.");
    return original;
  }
  bool canSwitch = (base && base->user) || (base && base->image == "scratch");
  std::optional<std::string> rootBecause;
  if (needs.privilegedPort) {
    rootBecause = needs.privilegedPort->why + ", and not every container engine lets a non-root user bind a port below 1024";
  } else if (needs.rootWrite) {
    rootBecause = needs.rootWrite->why + ", and a non-root user could not write there";
  }
  if (rootBecause && canSwitch) {
    explanation.push_back("The runtime keeps running as root, as the original did: " + *rootBecause + ".");
    // A base that runs as a non-root user by default needs USER root said.
    if (base && base->defaultUser) return std::string("root");
    return std::nullopt;
  }
  if (base && base->user) {
    explanation.push_back("The original ran as root; the runtime runs as " + *base->user + ", the base's non-root user.");
    return base->user;
  }
  if (base && base->image == "scratch") {
    explanation.push_back("The original ran as root; on scratch the runtime runs as uid 65532.");
    return std::string("65532:65532");
  }
  explanation.push_back("The runtime runs as root, as the original did: " +
                        (base ? base->image : std::string("the runtime base")) + " has no non-root user to switch to.");
  return std::nullopt;
}

namespace {

// The data both collect templates share: where files go, the package
// manager's owner lookup, and the libraries the base has already (case
// patterns, a few per line: ld-linux*|libc.so*|...), skipped when the base
// has no package manager, or always for a folder's files.
nlohmann::json collectData(const catalog::Catalog& catalog, bool closure, bool alwaysSkip,
                           const std::optional<catalog::RuntimeBase>& base, CollectStep& step) {
  const auto& cfg = catalog.languageConfig("cpp");
  step.stageDir = cfg.at("stage_dir").get<std::string>();
  std::string manager = base ? base->packages : std::string();
  bool owners = closure && (manager == "apt" || manager == "apk");
  if (owners) step.owners = cfg.at("owners_file").get<std::string>();
  nlohmann::json skip = nlohmann::json::array();
  std::string line;
  const auto& have = cfg.at("base_libraries");
  auto addSkip = [&](const std::string& key) {
    for (const auto& g : have.at(key)) {
      std::string pattern = g.get<std::string>();
      if (!line.empty() && line.size() + pattern.size() > 60) {
        skip.push_back(line);
        line.clear();
      }
      line += (line.empty() ? "" : "|") + pattern;
    }
  };
  if (!base || base->libc == "glibc") addSkip("glibc");
  if (!base || base->libc == "musl") addSkip("musl");
  if (base && base->libstdcxx) addSkip("libstdcxx");
  if (base && base->image.find("distroless/base") != std::string::npos) addSkip("distroless_base");
  if (!line.empty()) skip.push_back(line);
  return nlohmann::json{{"stage_dir", step.stageDir},
                        {"closure", closure},
                        {"owners", owners},
                        {"owners_file", cfg.at("owners_file").get<std::string>()},
                        {"apt", owners && manager == "apt"},
                        {"apk", owners && manager == "apk"},
                        {"skip", alwaysSkip || !owners},
                        {"skip_patterns", skip}};
}

}  // namespace

CollectStep collectStep(const catalog::Catalog& catalog, const std::string& path, const std::string& target,
                        bool copyProgram, bool closure, const std::optional<catalog::RuntimeBase>& base,
                        const std::vector<std::string>& skipDirs) {
  const auto& cfg = catalog.languageConfig("cpp");
  CollectStep step;
  nlohmann::json data = collectData(catalog, closure, false, base, step);
  // Named checks first, for a refusal that says what the value is; the
  // template checks every value again (templates/Template.h).
  migrate::shellPlainWord("the program's path", path);
  migrate::shellPlainWord("the program's path in the runtime", target);
  data["path"] = path;
  data["target"] = target;
  data["dir"] = dirName(target);
  data["copy"] = copyProgram;
  data["inside"] = skipDirs;
  data["library"] = templates::render(cfg.at("collect_library").get<std::string>(), data, templates::Context::Shell);
  step.run = templates::render(cfg.at("collect").get<std::string>(), data, templates::Context::Shell);
  return step;
}

CollectStep folderLibrariesStep(const catalog::Catalog& catalog, const std::string& folder,
                                const std::optional<catalog::RuntimeBase>& base) {
  const auto& cfg = catalog.languageConfig("cpp");
  CollectStep step;
  nlohmann::json data = collectData(catalog, true, true, base, step);
  migrate::shellPlainWord("the folder of the app's native files", folder);
  data["folder"] = folder;
  data["inside"] = nlohmann::json::array({folder});
  data["elf_list"] = cfg.at("elf_list").get<std::string>();
  data["library"] = templates::render(cfg.at("collect_library").get<std::string>(), data, templates::Context::Shell);
  step.run = templates::render(cfg.at("collect_folder").get<std::string>(), data, templates::Context::Shell);
  return step;
}

bool isPathLookup(const std::string& program) { return program.find('/') == std::string::npos; }

std::string baseName(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string dirName(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::optional<std::string> optionValue(const std::vector<std::string>& argv, const std::string& flag) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == flag && i + 1 < argv.size()) return argv[i + 1];
    if (argv[i].rfind(flag + "=", 0) == 0) return argv[i].substr(flag.size() + 1);
  }
  return std::nullopt;
}

}  // namespace restage::transforms
