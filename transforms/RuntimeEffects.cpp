#include "transforms/RuntimeEffects.h"

#include <algorithm>
#include <map>
#include <set>

#include "config/Config.h"
#include "migrate/DockerfileText.h"
#include "glob/Wildcard.h"
#include "templates/Template.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

using analysis::Effect;
using analysis::isUnder;
using analysis::EffectKind;
using analysis::Need;
using migrate::CopyStep;

namespace {

std::string lineRef(const Effect& e) { return "line " + std::to_string(e.line); }

bool matchesAny(const std::vector<std::string>& patterns, const std::string& name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return config::segmentMatches(p, name); });
}

// A `find` test list: -name a -o -name 'b*' ..., wrapped to keep lines short.
std::string nameTests(const std::vector<std::string>& names) {
  std::string out, line;
  for (const auto& n : names) {
    std::string quoted = n.find_first_of("*?[") != std::string::npos ? "'" + n + "'" : n;
    std::string test = (line.empty() && out.empty() ? "" : "-o ") + std::string("-name ") + quoted;
    if (line.size() + test.size() > 56) {
      out += line + " \\\n        ";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + test;
  }
  return out + line;
}

// The context files the app folder receives that are not sources of the
// language, named by their first part below the app folder ("config/",
// ".env"); nullopt when the context is unknown and a folder was copied (then
// anything may be there). Only what the stage's COPY/ADD lines bring counts:
// `COPY lib ./lib` brings lib/'s files, not the rest of the context.
// `folder` and `only`: the entries one COPY brings into another folder (a
// COPY into / itself), relative to it.
std::optional<std::vector<std::string>> nonSourceEntries(const migrate::PlanInput& in, const migrate::RuntimePlan& /*plan*/,
                                                         const std::vector<std::string>& sourceFiles,
                                                         const std::vector<std::string>& sourceDirs,
                                                         const std::string& folder = {}, const Effect* only = nullptr) {
  const std::string& base = only ? folder : in.appFolder;
  // A path (relative, forward slashes) below a source folder, or a source file.
  auto isSource = [&](const std::string& path) {
    std::size_t from = 0;
    while (true) {
      std::size_t slash = path.find('/', from);
      std::string part = path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
      if (slash == std::string::npos) return matchesAny(sourceFiles, part);
      if (std::find(sourceDirs.begin(), sourceDirs.end(), part) != sourceDirs.end()) return true;
      from = slash + 1;
    }
  };
  auto copies = [&](const Effect& e) {
    return e.kind == EffectKind::Path && (only ? &e == only : e.inAppFolder) && (e.how == "COPY" || e.how == "ADD") &&
           !in.doc.instructions[e.instruction].flag("from");
  };
  if (!in.context.known()) {
    bool folderCopied = std::any_of(in.effects.effects.begin(), in.effects.effects.end(),
                                    [&](const Effect& e) { return copies(e) && e.directory; });
    if (folderCopied) return std::nullopt;
    return std::vector<std::string>{};
  }
  std::set<std::string> names;
  auto add = [&](const std::string& destRel, const std::string& rel) {
    if (isSource(rel)) return;
    std::string path = destRel.empty() ? rel : destRel + "/" + rel;
    std::size_t slash = path.find('/');
    names.insert(slash == std::string::npos ? path : path.substr(0, slash + 1));
  };
  for (const auto& e : in.effects.effects) {
    if (!copies(e)) continue;
    const auto* a = in.doc.instructions[e.instruction].as<ast::CopyArgs>();
    if (!a) continue;
    if (e.subject != base && !isUnder(e.subject, base)) continue;
    std::string destRel = e.subject == base ? "" : e.subject.substr(base == "/" ? 1 : base.size() + 1);
    for (const auto& src : a->sources) {
      std::string source = analysis::joinPath("/", src.text).substr(1);  // "" is the context's root
      if (source.empty() || in.context.hasDir(source)) {
        std::string prefix = source.empty() ? "" : source + "/";
        for (const auto& entry : in.context.entries()) {
          if (entry.ends_with('/') || !entry.starts_with(prefix) || in.context.ignored(entry)) continue;
          add(destRel, entry.substr(prefix.size()));
        }
      } else if (source.find_first_of("*?[") != std::string::npos) {
        std::string folder = source.find('/') == std::string::npos ? "" : source.substr(0, source.rfind('/') + 1);
        for (const auto& entry : in.context.entries()) {
          if (entry.ends_with('/') || !entry.starts_with(folder) || in.context.ignored(entry)) continue;
          if (entry.find('/', folder.size()) != std::string::npos) continue;
          if (!glob::pathMatches(source.substr(folder.size()), entry.substr(folder.size()))) continue;
          if (isSource(baseName(entry))) continue;
          add(e.directory ? destRel : "", e.directory ? baseName(entry) : destRel);
        }
      } else if (in.context.has(source) && !in.context.ignored(source) && !isSource(baseName(source))) {
        add(e.directory ? destRel : "", e.directory ? baseName(source) : destRel);
      }
    }
  }
  return std::vector<std::string>(names.begin(), names.end());
}

std::string joinList(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s;
}

}  // namespace

migrate::RuntimeNeeds runtimeNeeds(const analysis::StageEffects& effects, const analysis::StageFacts& facts) {
  migrate::RuntimeNeeds needs;
  for (const Effect* e : effects.of(EffectKind::Package, Need::Runtime)) {
    needs.packageManager = e->manager;
    if (std::find(needs.packages.begin(), needs.packages.end(), e->subject) == needs.packages.end()) {
      needs.packages.push_back(e->subject);
    }
  }
  needs.accounts = !effects.of(EffectKind::User, Need::Runtime).empty() ||
                   !effects.of(EffectKind::Group, Need::Runtime).empty();
  std::set<std::string> created;
  for (const auto& e : effects.effects) {
    if (e.kind == EffectKind::User || e.kind == EffectKind::Group) created.insert(e.subject);
  }
  auto need = [&](const std::string& spec) {
    std::string name = spec.substr(0, spec.find(':'));
    bool numeric = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
    if (name.empty() || numeric || name == "root" || created.count(name) || name.find('$') != std::string::npos) return;
    if (std::find(needs.baseUsers.begin(), needs.baseUsers.end(), name) == needs.baseUsers.end()) needs.baseUsers.push_back(name);
  };
  if (facts.finalUser && !facts.runsAsRoot()) need(*facts.finalUser);
  for (const Effect* e : effects.of(EffectKind::Path, Need::Runtime)) {
    if (e->owner && !e->inAppFolder) need(*e->owner);
  }
  return needs;
}

void addRootNeeds(const analysis::StageFacts& facts, const analysis::Writability& writable, const AppCode& appCode,
                  migrate::RuntimeNeeds& needs) {
  if (auto port = facts.privilegedPort()) {
    needs.privilegedPort = migrate::RuntimeNeeds::Port{
        port->port, port->fromExpose ? "the image exposes port " + std::to_string(port->port)
                                     : "the app's PORT is " + std::to_string(port->port)};
  }
  // A folder the app may write that no user but root can be given.
  if (const auto* blocked = writable.firstBlocked()) {
    needs.rootWrite = migrate::RuntimeNeeds::RootWrite{
        blocked->path, "the app may write " + blocked->named() + ", " + blocked->blocked,
        "The app may write " + blocked->named() + ", which only root may."};
  }
  if (!needs.privilegedPort) {
    // A `PORT || 80` default counts only when the image does not set PORT.
    for (const auto& l : appCode.ports) {
      if (l.port >= 1024 || (l.fallback && facts.envValue("PORT"))) continue;
      needs.privilegedPort = migrate::RuntimeNeeds::Port{l.port, l.where + " listens on port " + std::to_string(l.port)};
      break;
    }
  }
}

std::optional<migrate::Refusal> carryEffects(const migrate::PlanInput& in, migrate::RuntimePlan& plan,
                                             migrate::Contract& contract) {
  const auto& rules = in.catalog.effectRules();
  auto base = in.catalog.runtimeBase(plan.base);
  std::string baseName = plan.base;
  for (const auto& line : plan.carried) contract.carried.push_back(line);

  // Unknown effects: refuse, unless the user accepts the risk.
  auto unknown = in.effects.of(Need::Unknown);
  if (!unknown.empty()) {
    if (!in.options.acceptUnknown) {
      std::string more = unknown.size() > 1 ? " (and " + std::to_string(unknown.size() - 1) + " more)" : "";
      return migrate::Refusal{"runtime-effect-unknown",
                              unknown.front()->reason + more + "; use --accept-unknown to rewrite anyway"};
    }
    for (const Effect* e : unknown) {
      contract.risks.push_back(e->reason + (e->kind == EffectKind::Package ? "; the runtime stage does not install it"
                                                                            : "; what it wrote may be missing"));
    }
  }

  // Packages: the planner's own and the effects', with the base's manager.
  std::vector<std::string> packages = plan.packages;
  for (const auto& p : in.needs.packages) {
    if (std::find(packages.begin(), packages.end(), p) == packages.end()) packages.push_back(p);
  }
  if (!packages.empty() || plan.libraryOwners) {
    std::string manager = base ? base->packages : std::string();
    std::string wanted = plan.libraryOwners ? "" : in.needs.packageManager;
    if (manager.empty()) {
      return migrate::Refusal{"runtime-effect-uncarriable",
                              "the runtime base " + baseName + " has no package manager to install " +
                                  (packages.empty() ? std::string("the libraries' packages") : joinList(packages))};
    }
    if (!wanted.empty() && wanted != manager) {
      return migrate::Refusal{"runtime-effect-uncarriable",
                              "the build installs " + joinList(packages) + " with " + wanted + ", but the runtime base " +
                                  baseName + " uses " + manager};
    }
    std::string names;
    for (const auto& p : packages) names += " " + migrate::packageName(p);
    bool optional = plan.libraryOwners && plan.librariesMayBeNone && packages.empty();
    std::string key = manager + (optional ? "_with_optional_list" : plan.libraryOwners ? "_with_list" : "");
    std::string step = rules.at("runtime_install").at(key).get<std::string>();
    std::string list = "/tmp/restage-packages";
    // A package the build installed with its Recommends gets them again:
    // what they add (ghostscript for imagemagick, say) may be what the app uses.
    std::vector<std::string> withRecommends;
    for (const Effect* e : in.effects.of(EffectKind::Package, Need::Runtime)) {
      if (e->recommends) withRecommends.push_back(e->subject);
    }
    std::string noRecommends = withRecommends.empty() ? " --no-install-recommends" : "";
    if (auto at = step.find("{no_recommends}"); at != std::string::npos) step.replace(at, 15, noRecommends);
    if (!withRecommends.empty() && manager == "apt") {
      plan.explanation.push_back("The runtime installs " + joinList(withRecommends) +
                            " with recommended packages, as the build did (no --no-install-recommends).");
    }
    if (auto at = step.find("{packages}"); at != std::string::npos) step.replace(at, 10, names);
    for (auto at = step.find("{list}"); at != std::string::npos; at = step.find("{list}")) step.replace(at, 6, list);
    std::string comment = !plan.libraryOwners ? "# Distro packages the app uses at run time.\n"
                          : optional ? "# Packages of the libraries the app's native files link that the base lacks\n"
                                       "# (asked of the builder's package database), when there are any.\n"
                                     : "# Packages of the libraries the program links (asked of the builder's package\n"
                                       "# database)" + std::string(packages.empty() ? "" : " and the packages the app uses") + ".\n";
    if (plan.libraryOwners) {
      plan.early.push_back(CopyStep{*plan.libraryOwners, list, std::nullopt});
      std::string who = !plan.linkedBy.empty() ? plan.linkedBy : plan.builtBinary.value_or("the program");
      contract.carried.push_back("the packages that own the libraries " + who +
                                 " link" + (plan.linkedBy.empty() ? "s" : "") + ", found with the builder's " +
                                 (manager == "apt" ? "dpkg -S" : "apk info --who-owns") + " and installed with " + manager +
                                 (optional ? " (those the base lacks)" : ""));
    }
    plan.run.insert(plan.run.begin(), comment + "RUN " + step);
  }
  for (const Effect* e : in.effects.of(EffectKind::Package, Need::Runtime)) {
    contract.carried.push_back("package " + e->subject + " (" + lineRef(*e) + ", " + e->how + "): " + e->reason);
  }

  // Users and groups, created again with the build's own commands.
  std::vector<const Effect*> accounts;
  for (const auto& e : in.effects.effects) {
    if ((e.kind == EffectKind::User || e.kind == EffectKind::Group) && e.need == Need::Runtime) accounts.push_back(&e);
  }
  if (!accounts.empty()) {
    if (!base || !base->shell) {
      return migrate::Refusal{"runtime-effect-uncarriable",
                              "the runtime base " + baseName + " has no shell to create the user " + accounts.front()->subject +
                                  " again (" + lineRef(*accounts.front()) + ")"};
    }
    std::string step;
    for (const Effect* e : accounts) {
      if (base->hasUser(e->subject) && e->how != "usermod") {
        contract.carried.push_back(std::string(analysis::effectKindName(e->kind)) + " " + e->subject + " (" + lineRef(*e) +
                                   "): " + baseName + " has it already");
        continue;
      }
      std::string command = migrate::shellCommand("a word of the account command", e->argv);
      step += (step.empty() ? "RUN " : " \\\n    && ") + command;
      contract.carried.push_back(std::string(analysis::effectKindName(e->kind)) + " " + e->subject + " (" + lineRef(*e) +
                                 "): created again with `" + command + "`");
    }
    if (!step.empty()) plan.run.push_back("# The accounts the app runs as or owns files with.\n" + step);
  }

  // When the runtime runs as another user than the original's root, what
  // the original could write must stay writable.
  std::optional<std::string> newOwner;
  // (A base that runs as another user by default says `USER root`: no
  // --chown=root:root is needed for that.)
  if (in.facts.runsAsRoot() && plan.user && !analysis::isRootUser(*plan.user)) {
    newOwner = *plan.user + (plan.user->find(':') == std::string::npos ? ":" + *plan.user : "");
  }

  // Files and folders outside the app folder.
  std::vector<const Effect*> paths;
  for (const auto& e : in.effects.effects) {
    if (e.kind == EffectKind::Path && e.need == Need::Runtime && !e.inAppFolder) paths.push_back(&e);
  }
  std::sort(paths.begin(), paths.end(), [](const Effect* a, const Effect* b) { return a->subject < b->subject; });
  std::vector<std::string> copied;
  for (const Effect* e : paths) {
    bool delivered = std::any_of(plan.delivered.begin(), plan.delivered.end(), [&](const std::string& d) { return isUnder(e->subject, d); });
    bool covered = std::any_of(copied.begin(), copied.end(), [&](const std::string& d) { return isUnder(e->subject, d); }) ||
                   std::any_of(plan.copies.begin(), plan.copies.end(), [&](const CopyStep& c) { return c.to != "/" && isUnder(e->subject, c.to); });
    if (delivered || covered) continue;
    // Copying / would bring the builder's whole filesystem (compilers, its
    // /etc/passwd) over the runtime base's.
    if (e->subject == "/") {
      // With the context known, what a COPY from it adds to / is known by
      // name: those entries are carried one by one (sources left behind).
      std::optional<std::vector<std::string>> names;
      bool fromContext = (e->how == "COPY" || e->how == "ADD") && !in.doc.instructions[e->instruction].flag("from");
      if (fromContext && in.context.known()) {
        std::vector<std::string> dirs = plan.sourceDirs, files = plan.sourcePatterns;
        for (const auto& d : rules.at("common_source_dirs")) dirs.push_back(d.get<std::string>());
        for (const auto& f : rules.at("common_source_files")) files.push_back(f.get<std::string>());
        names = nonSourceEntries(in, plan, files, dirs, "/", e);
      }
      if (!names) {
        return migrate::Refusal{"runtime-effect-uncarriable",
                                lineRef(*e) + " copies into / itself: restage cannot tell which files that adds, and will "
                                              "not copy the builder's whole filesystem; copy them to their own folders"};
      }
      std::vector<std::string> carriedNames;
      for (const auto& name : *names) {
        bool dir = name.ends_with('/');
        std::string path = "/" + (dir ? name.substr(0, name.size() - 1) : name);
        bool done = std::any_of(plan.delivered.begin(), plan.delivered.end(), [&](const std::string& d) { return isUnder(path, d); }) ||
                    std::any_of(plan.copies.begin(), plan.copies.end(), [&](const CopyStep& c) { return c.to != "/" && isUnder(path, c.to); });
        if (done) continue;
        plan.copies.push_back(CopyStep{path, path, e->owner ? e->owner : newOwner, "", dir});
        carriedNames.push_back(path);
      }
      if (!carriedNames.empty()) {
        contract.carried.push_back(joinList(carriedNames) + " (" + lineRef(*e) + " " + e->how +
                                   "): the context's non-source files copied into /, carried by name");
        plan.explanation.push_back("The " + e->how + " on " + lineRef(*e) + " puts files of the build context into /: its non-source files (" +
                                   joinList(carriedNames) + ") are carried by name, not the builder's whole filesystem.");
      }
      continue;
    }
    // The owner it had last in the builder.
    std::optional<std::string> owner;
    for (const auto& other : in.effects.effects) {
      if (other.kind == EffectKind::Path && other.subject == e->subject && other.owner) owner = other.owner;
    }
    if (!owner && newOwner) owner = newOwner;
    if (owner && base) {
      std::string name = owner->substr(0, owner->find(':'));
      bool numeric = name.find_first_not_of("0123456789") == std::string::npos;
      bool created = std::any_of(accounts.begin(), accounts.end(), [&](const Effect* a) { return a->subject == name; });
      bool planned = plan.user && plan.user->substr(0, plan.user->find(':')) == name;
      if (!numeric && !created && !base->hasUser(name) && !planned) {
        return migrate::Refusal{"runtime-effect-uncarriable",
                                e->subject + " (" + lineRef(*e) + ") is owned by " + name + ", an account " + baseName +
                                    " does not have"};
      }
    }
    plan.copies.push_back(CopyStep{e->subject, e->subject, owner, "", e->directory});
    copied.push_back(e->subject);
    std::string from;
    for (const Effect* o : paths) {
      if (o->subject == e->subject) from += (from.empty() ? "" : ", ") + lineRef(*o) + " " + o->how;
    }
    contract.carried.push_back(e->subject + " (" + from + "): written outside the app folder" +
                               (owner ? ", owned by " + *owner : std::string()));
  }

  // The app folder's non-source files, for an app that is a compiled program.
  if (!plan.carriesAppFolder && in.appFolder != "/") {
    std::vector<std::string> dirs = plan.sourceDirs, files = plan.sourcePatterns;
    for (const auto& d : rules.at("common_source_dirs")) dirs.push_back(d.get<std::string>());
    for (const auto& f : rules.at("common_source_files")) files.push_back(f.get<std::string>());
    auto entries = nonSourceEntries(in, plan, files, dirs);
    bool written = std::any_of(in.effects.effects.begin(), in.effects.effects.end(), [&](const Effect& e) {
      bool output = plan.builtBinary && e.subject == *plan.builtBinary;
      return e.inAppFolder && !output && (e.how != "COPY" && e.how != "ADD");
    }) || std::any_of(in.effects.effects.begin(), in.effects.effects.end(), [&](const Effect& e) {
      return e.kind == EffectKind::Program;
    });
    if (!entries || !entries->empty() || written) {
      std::string stage = rules.at("app_folder_stage").get<std::string>();
      migrate::shellPlainWord("the app folder", in.appFolder);
      nlohmann::json data{{"stage", stage}, {"folder", in.appFolder}, {"dirs", nameTests(dirs)}, {"files", nameTests(files)}};
      if (plan.builtBinary && isUnder(*plan.builtBinary, in.appFolder)) {
        data["binary"] = nlohmann::json::array({plan.builtBinary->substr(in.appFolder.size() + 1)});
      }
      plan.builderFinale.push_back(templates::render(rules.at("app_folder_step").get<std::string>(), data, templates::Context::Shell));
      plan.copies.push_back(CopyStep{stage + "/", in.appFolder + "/", newOwner, "", true});
      std::string what = !entries ? "whatever the build context put there (the context is not known)"
                         : entries->empty() ? "what the build wrote there"
                                            : joinList(*entries);
      contract.carried.push_back("the app folder " + in.appFolder + " without its sources: " + what);
      plan.explanation.push_back("The app folder " + in.appFolder + "'s non-source files (" + what +
                                 ") are carried: the app may read them at run time.");
    }
  }

  // What stays behind.
  std::map<std::string, std::vector<std::string>> dropped;  // reason -> subjects
  std::vector<std::string> order;
  for (const auto& e : in.effects.effects) {
    if (e.need != Need::BuildOnly || e.kind == EffectKind::Program) continue;
    std::string key = std::string(analysis::effectKindName(e.kind)) + "|" + e.reason;
    if (!dropped.count(key)) order.push_back(key);
    dropped[key].push_back(e.subject + " (" + lineRef(e) + ")");
  }
  for (const auto& key : order) {
    std::string kind = key.substr(0, key.find('|'));
    std::string reason = key.substr(key.find('|') + 1);
    const auto& items = dropped[key];
    contract.dropped.push_back(kind + (items.size() > 1 ? "s " : " ") + joinList(items) + ": " + reason);
  }
  return std::nullopt;
}

}  // namespace restage::transforms
