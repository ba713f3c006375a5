#include "transforms/ContainerCommands.h"

#include <algorithm>
#include <map>
#include <set>

#include "catalog/Catalog.h"
#include "transforms/NodeSupport.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

namespace {

// Programs that run the command after their own options and assignments.
bool isWrapper(const std::string& program) {
  static const std::set<std::string> names{"env", "exec", "nohup", "nice", "timeout", "tini", "dumb-init"};
  return names.count(baseName(program)) > 0;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

// Drops repeated names, keeping the first of each in place.
void unique(std::vector<std::string>& names) {
  std::set<std::string> seen;
  names.erase(std::remove_if(names.begin(), names.end(), [&](const std::string& n) { return !seen.insert(n).second; }),
              names.end());
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// Reads an exec-form command line into `out`.
void readArgv(const ast::Document& doc, const analysis::StageFacts& facts, const analysis::BuildContext& context,
              const std::vector<std::string>& argv, CommandPrograms& out) {
  std::size_t i = 0;
  while (i < argv.size() && isWrapper(argv[i])) {
    std::string wrapper = baseName(argv[i]);
    out.programs.push_back(argv[i]);
    ++i;
    auto isOption = [&](const std::string& w) {
      return w.starts_with("-") || (wrapper == "env" && w.find('=') != std::string::npos);
    };
    while (i < argv.size() && isOption(argv[i])) ++i;
    if (wrapper == "timeout" && i < argv.size()) ++i;  // the duration
  }
  if (i >= argv.size()) return;
  std::vector<std::string> rest(argv.begin() + static_cast<std::ptrdiff_t>(i), argv.end());
  out.programs.push_back(rest[0]);
  out.invocations.push_back(rest);
  if (auto script = scriptRun(doc, facts, context, rest)) {
    append(out.programs, script->programs);
    if (script->path == "-c" && rest.size() >= 3) {
      if (auto inner = simpleArgv(rest[2])) out.invocations.push_back(*inner);
    }
    out.script = std::move(script);
    return;
  }
  // A package manager runs a package.json script or a node_modules binary.
  if (node::isPackageManager(rest[0]) || rest[0] == "npx") {
    node::PackageManagerStart how = node::readStart(rest, context);
    if (!how.binary.empty()) {
      out.programs.push_back(how.binary);
      for (std::size_t k = 1; k < rest.size(); ++k) {
        if (rest[k] == how.binary) {
          out.invocations.emplace_back(rest.begin() + static_cast<std::ptrdiff_t>(k), rest.end());
          break;
        }
      }
    }
    if (!how.script.empty()) {
      if (auto body = context.packageScript(how.script)) {
        append(out.programs, shellScriptPrograms(*body).programs);
        if (auto words = simpleArgv(*body)) out.invocations.push_back(*words);
      }
    }
  }
}

}  // namespace

namespace {

// Shell text that always runs through /bin/sh, even one simple command: a
// HEALTHCHECK's shell form (CMD-SHELL) and Node's exec and execSync.
bool alwaysShell(const migrate::ContainerCommand& c) { return c.key == "app" || c.key == "healthcheck"; }

}  // namespace

std::vector<CommandPrograms> containerPrograms(const ast::Document& doc, const analysis::StageFacts& facts,
                                               const analysis::BuildContext& context,
                                               const std::vector<migrate::ContainerCommand>& commands) {
  // Each distinct command is read once: compose services that share one
  // healthcheck through a YAML alias (or simply repeat it) cost one shell
  // parse, not one per service.
  std::map<std::string, CommandPrograms> readings;
  std::vector<CommandPrograms> out;
  for (const auto& c : commands) {
    std::string key = c.key == "app" ? "a" : c.key == "healthcheck" ? "h" : "c";
    if (c.shell) {
      key += "s" + *c.shell;
    } else {
      key += "x";
      for (const auto& w : c.argv) key.append(w).push_back('\0');
    }
    auto [it, fresh] = readings.try_emplace(std::move(key));
    CommandPrograms& cp = it->second;
    if (fresh) {
      if (c.shell) {
        auto words = simpleArgv(*c.shell);
        if (words) {
          readArgv(doc, facts, context, *words, cp);
        } else {
          StartScript text = shellScriptPrograms(*c.shell);
          cp.programs = text.programs;
          cp.script = std::move(text);
        }
        cp.shellText = alwaysShell(c) || !words;
      } else {
        readArgv(doc, facts, context, c.argv, cp);
      }
      // Each program once, in order: `a;a;a;...` names one program.
      unique(cp.programs);
      if (cp.script) unique(cp.script->programs);
    }
    CommandPrograms copy = cp;
    copy.command = &c;
    out.push_back(std::move(copy));
  }
  return out;
}

std::string devServerIn(const std::vector<std::string>& argv, const nlohmann::json& devServers) {
  if (argv.empty()) return "";
  for (const auto& entry : devServers) {
    std::string text = entry.get<std::string>();
    auto words = split(text);
    if (words.empty() || baseName(argv[0]) != words[0]) continue;
    if (words.size() == 1) return text;
    const std::string& second = words[1];
    if (second.starts_with("-")) {
      for (std::size_t k = 1; k < argv.size(); ++k) {
        if (argv[k] == second || argv[k].starts_with(second + "=")) return text;
      }
    } else if (argv.size() > 1 && argv[1] == second) {
      return text;
    }
  }
  return "";
}

std::string devServerOf(const CommandPrograms& cp, const nlohmann::json& devServers) {
  for (const auto& inv : cp.invocations) {
    if (auto tool = devServerIn(inv, devServers); !tool.empty()) return tool;
  }
  // What a script file runs is known by name only.
  for (const auto& p : cp.programs) {
    if (auto tool = devServerIn({p}, devServers); !tool.empty()) return tool;
  }
  return "";
}

std::optional<migrate::Refusal> devServerRefusal(const std::vector<CommandPrograms>& commands,
                                                 const nlohmann::json& languageConfig) {
  if (!languageConfig.contains("dev_servers")) return std::nullopt;
  const auto& devServers = languageConfig.at("dev_servers");
  for (const auto& cp : commands) {
    // What runs the container: not a healthcheck, nor a program the app
    // starts (AppPrograms.h).
    if (cp.command->key != "entrypoint" && cp.command->key != "command") continue;
    std::string tool = devServerOf(cp, devServers);
    if (tool.empty()) continue;
    return migrate::Refusal{
        "dev-server",
        cp.command->source + " runs `" + tool + "`, " + languageConfig.at("dev_server_kind").get<std::string>() +
            ": the compose file runs this image for development, so this single-stage Dockerfile is a development "
            "image, not one to split"};
  }
  return std::nullopt;
}

void addCommandNeeds(const std::vector<CommandPrograms>& commands, migrate::RuntimeNeeds& needs) {
  for (const auto& cp : commands) {
    bool shellText = cp.shellText;
    bool runsShell = false;
    for (const auto& inv : cp.invocations) runsShell |= isShellName(inv.front());
    if ((shellText || runsShell) && needs.shellFor.empty()) needs.shellFor = cp.command->source;
  }
}

namespace {

// The program a command runs first, past its wrappers; "" when none.
std::string firstProgram(const CommandPrograms& cp) {
  if (!cp.invocations.empty()) return cp.invocations.front().front();
  if (!cp.programs.empty()) return cp.programs.front();
  return "";
}

// A program in a system folder (/usr/bin/curl) is the program of that name.
bool inSystemFolder(const std::string& path) {
  std::string folder = path.substr(0, path.rfind('/'));
  return folder == "/bin" || folder == "/usr/bin" || folder == "/sbin" || folder == "/usr/sbin";
}

// The package manager whose table names the packages to install.
std::string installManager(const analysis::StageEffects& effects, const catalog::BuilderInfo& builder) {
  std::string manager = effects.packageManager();
  if (manager.empty()) manager = builder.libc == "musl" ? "apk" : builder.libc == "glibc" ? "apt" : "";
  return manager;
}

}  // namespace

std::vector<InstalledTool> addInstallablePrograms(const std::vector<CommandPrograms>& commands,
                                                  const analysis::StageEffects& effects,
                                                  const catalog::BuilderInfo& builder, const nlohmann::json& rules,
                                                  migrate::RuntimeNeeds& needs) {
  std::vector<InstalledTool> tools;
  std::string manager = installManager(effects, builder);
  if (manager.empty() || !rules.contains("installable_programs") || !rules["installable_programs"].contains(manager)) {
    return tools;
  }
  const auto& table = rules["installable_programs"][manager];
  for (const auto& cp : commands) {
    std::string program = firstProgram(cp);
    if (inSystemFolder(program)) program = baseName(program);
    if (program.empty() || !table.contains(program)) continue;
    // A package the build installs provides it: the effect model carries it.
    bool built = false;
    for (const auto& e : effects.effects) {
      if (e.kind != analysis::EffectKind::Package) continue;
      auto provided = analysis::programsOf(e.subject, rules);
      built = built || std::find(provided.begin(), provided.end(), program) != provided.end();
    }
    std::string package = table[program].get<std::string>();
    bool listed = std::find(needs.packages.begin(), needs.packages.end(), package) != needs.packages.end();
    if (built || listed) continue;
    needs.packages.push_back(package);
    tools.push_back({cp.command->source, program, package});
  }
  return tools;
}

std::optional<migrate::Refusal> checkCommandsRunnable(const std::vector<CommandPrograms>& commands,
                                                      const migrate::PlanInput& in, const migrate::RuntimePlan& plan,
                                                      migrate::Contract& contract) {
  if (plan.base == in.facts.base.raw) return std::nullopt;  // the same image, the same programs
  auto base = in.catalog.runtimeBase(plan.base);
  const auto& rules = in.catalog.effectRules();
  auto available = [&](const std::string& program) {
    if (program.find('/') != std::string::npos || program.find('$') != std::string::npos) return true;
    if (base && base->node && program == "node") return true;
    bool packageManager = program == "npm" || program == "npx" || program == "yarn" || program == "corepack";
    if (base && base->npm && packageManager) return true;
    if (base && base->shell && (program == "sh" || (program == "bash" && base->libc == "glibc"))) return true;
    for (const auto* e : in.effects.of(analysis::EffectKind::Package, analysis::Need::Runtime)) {
      auto provided = analysis::programsOf(e->subject, rules);
      if (std::find(provided.begin(), provided.end(), program) != provided.end()) return true;
    }
    if (std::find(plan.packages.begin(), plan.packages.end(), program) != plan.packages.end()) return true;
    // A tool addInstallablePrograms had the runtime stage install.
    const auto& installable = rules.contains("installable_programs") ? rules["installable_programs"] : nlohmann::json::object();
    std::string manager = base ? base->packages : std::string();
    if (installable.contains(manager) && installable[manager].contains(program)) {
      std::string package = installable[manager][program].get<std::string>();
      const auto& wanted = in.needs.packages;
      if (std::find(wanted.begin(), wanted.end(), package) != wanted.end()) return true;
    }
    for (const auto& run : plan.run) {
      // A global npm tool installed again: named like its package.
      if (run.find(" -g ") == std::string::npos && run.find(" global ") == std::string::npos) continue;
      for (const auto& word : split(run)) {
        std::string pkg = baseName(word.substr(0, word.find('@', 1)));
        if (!pkg.empty() && (program == pkg || program.starts_with(pkg + "-"))) return true;
      }
    }
    for (const auto& c : plan.copies) {
      if (baseName(c.to) == program) return true;
    }
    return false;
  };
  // A HEALTHCHECK that runs a file by its path (the app's own binary) runs
  // only if the rewrite puts that file in the runtime stage: a copy to it or
  // to a folder above it. A system folder's program is checked by name.
  auto pathCarried = [&](const std::string& path) {
    auto under = [&](const std::string& folder) {
      std::string f = folder;
      while (f.size() > 1 && f.back() == '/') f.pop_back();
      return path == f || f == "/" || path.starts_with(f + "/");
    };
    for (const auto& c : plan.copies) {
      if (under(c.to)) return true;
    }
    for (const auto& d : plan.delivered) {
      if (under(d)) return true;
    }
    return plan.carriesAppFolder && under(in.appFolder);
  };
  for (const auto& cp : commands) {
    std::string first = firstProgram(cp);
    if (cp.command->key == "healthcheck" && first.find('/') != std::string::npos && first.find('$') == std::string::npos) {
      std::string path = analysis::joinPath(in.facts.finalWorkdir, first);
      bool system = inSystemFolder(path);
      if (system ? !available(baseName(path)) : !pathCarried(path)) {
        std::string reason = cp.command->source + " runs " + path + (system ? ", which the runtime base " + plan.base +
                                                                                  " is not known to have"
                                                                            : ", which the rewrite does not carry to the runtime stage");
        if (!in.options.acceptUnknown) {
          return migrate::Refusal{"runtime-effect-unknown", reason + "; use --accept-unknown to rewrite anyway"};
        }
        contract.risks.push_back(reason);
      }
    }
  }
  for (const auto& cp : commands) {
    // Node's exec and execSync always go through /bin/sh.
    bool shellText = cp.shellText;
    if (shellText && (!base || !base->shell)) {
      std::string reason = cp.command->source + " is shell text, and the runtime base " + plan.base + " has no shell";
      if (!in.options.acceptUnknown) {
        return migrate::Refusal{"runtime-effect-unknown", reason + "; use --accept-unknown to rewrite anyway"};
      }
      contract.risks.push_back(reason);
    }
    std::string first = firstProgram(cp);
    if (first.empty() || available(first)) continue;
    std::string reason = cp.command->source + " runs `" + first + "`, which the runtime base " + plan.base +
                         " is not known to have and the rewrite does not install";
    if (!in.options.acceptUnknown) {
      return migrate::Refusal{"runtime-effect-unknown", reason + "; use --accept-unknown to rewrite anyway"};
    }
    contract.risks.push_back(reason);
  }
  return std::nullopt;
}

}  // namespace restage::transforms
