#include "transforms/WritableFolders.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace restage::transforms {

namespace {

constexpr const char* kEmptyFolder = "/restage/empty";

std::string withoutSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string userName(const std::string& spec) { return spec.substr(0, spec.find(':')); }

// A user[:group] restage may put in a shell command as it is.
bool safeAccount(const std::string& spec) {
  return !spec.empty() && std::all_of(spec.begin(), spec.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
  });
}

std::size_t depth(const std::string& path) { return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')); }

}  // namespace

void ownWritableFolders(const migrate::PlanInput& in, const analysis::Writability& writable, migrate::RuntimePlan& plan,
                        migrate::Contract& contract) {
  if (!plan.user) return;
  std::string name = userName(*plan.user);
  if (name.empty() || analysis::isRootUser(*plan.user)) return;
  bool originalRoot = in.facts.runsAsRoot();
  // A user the original ran as keeps its spec; the base's user switched to
  // from root gets its own group, as the other carried files do.
  std::string owner = !originalRoot || plan.user->find(':') != std::string::npos ? *plan.user : *plan.user + ":" + *plan.user;
  std::string originalName = originalRoot ? "" : userName(*in.facts.finalUser);
  auto base = in.catalog.runtimeBase(plan.base);

  // A system folder the build gave to the original's non-root user (`chown
  // node /var/log`): no COPY can give it again, as the base has it already,
  // so a base with a shell runs the chown again; without one it is a risk.
  if (!originalRoot && name == originalName) {
    const auto& systemFolders = in.catalog.effectRules().at("writability").at("base_folders");
    std::vector<std::string> folders, named;
    std::string spec;
    for (const auto& e : in.effects.effects) {
      if (e.kind != analysis::EffectKind::Path || !e.owner || userName(*e.owner) != originalName || e.subject == "/" ||
          !safeAccount(*e.owner)) {
        continue;
      }
      bool system = std::any_of(systemFolders.begin(), systemFolders.end(),
                                [&](const nlohmann::json& v) { return v.get<std::string>() == e.subject; });
      if (!system || std::find(folders.begin(), folders.end(), e.subject) != folders.end()) continue;
      folders.push_back(e.subject);
      named.push_back(e.subject + " (line " + std::to_string(e.line) + ", " + e.how + ")");
      spec = *e.owner;
    }
    std::string list, names;
    for (std::size_t i = 0; i < folders.size(); ++i) {
      list += " " + folders[i];
      names += (i ? ", " : "") + named[i];
    }
    if (!folders.empty() && base && base->shell) {
      plan.run.push_back("# System folders the build gave to " + originalName +
                         ": a COPY cannot give a folder the base has.\nRUN chown " + spec + list);
      contract.carried.push_back("system folder " + names + " writable by " + originalName +
                                 ": the runtime runs the chown again, since a COPY cannot give a folder the base has");
    } else if (!folders.empty()) {
      contract.risks.push_back("the build gave " + names + " to " + originalName + ", but " + plan.base +
                               " has it owned by root and no shell to give it again: " + originalName + " cannot write there");
    }
  }

  std::vector<const analysis::WritableFolder*> wanted;
  for (const auto& f : writable.folders) {
    if (!f.blocked.empty()) continue;
    // The base's own account has its home already.
    if (base && base->hasUser(name) && f.path == "/home/" + name) continue;
    if (!originalRoot) {
      // A non-root original could write only what the build gave its user
      // (chown, COPY --chown, install -o).
      bool given = std::any_of(in.effects.effects.begin(), in.effects.effects.end(), [&](const analysis::Effect& e) {
        return e.kind == analysis::EffectKind::Path && e.owner && userName(*e.owner) == originalName &&
               analysis::isUnder(f.path, e.subject);
      });
      if (!given) continue;
    }
    wanted.push_back(&f);
  }
  if (wanted.empty()) return;

  // A staged tree copied to / (a program and its libraries) may hold one of
  // the folders (/restage/root/opt/srv for /opt/srv/server). buildah gives an
  // existing folder the owner its copy has in the tree, so the builder gives
  // it the runtime user's numeric id there first; BuildKit keeps the owner
  // of a folder that exists. Either way the folder stays the user's.
  std::string ids;
  if (plan.user->find_first_not_of("0123456789:") == std::string::npos) {
    ids = plan.user->find(':') == std::string::npos ? *plan.user + ":" + *plan.user : *plan.user;
  } else if (base && base->user == std::optional<std::string>(name) && base->uid > 0) {
    ids = std::to_string(base->uid) + ":" + std::to_string(base->uid);
  } else {
    // An account the build creates exists in the builder under its name.
    bool created = std::any_of(in.effects.effects.begin(), in.effects.effects.end(), [&](const analysis::Effect& e) {
      return e.kind == analysis::EffectKind::User && e.subject == name;
    });
    if (created && safeAccount(owner)) ids = owner;
  }
  // The staged tree that holds the program, when the program lives in one
  // of the folders: that COPY makes the folder, with the id given above.
  std::optional<std::size_t> tree;
  for (std::size_t i = 0; i < plan.copies.size(); ++i) {
    if (!tree && withoutSlash(plan.copies[i].to) == "/" && plan.copies[i].from.ends_with('/')) tree = i;
  }

  std::vector<bool> taken(plan.copies.size(), false);
  std::vector<migrate::CopyStep> front;
  std::vector<std::string> names;
  bool empty = false;
  for (const auto* f : wanted) {
    std::optional<std::size_t> maker;
    for (std::size_t i = 0; i < plan.copies.size() && !maker; ++i) {
      const auto& c = plan.copies[i];
      if (!taken[i] && c.folder && withoutSlash(c.to) == f->path && c.chown && userName(*c.chown) == name) maker = i;
    }
    std::string how;
    bool holdsProgram = plan.builtBinary && *plan.builtBinary != f->path && analysis::isUnder(*plan.builtBinary, f->path);
    if (!maker && tree && holdsProgram && !ids.empty()) {
      if (!taken[*tree]) front.push_back(plan.copies[*tree]);
      taken[*tree] = true;
      how = "made by the COPY of the builder's " + withoutSlash(plan.copies[*tree].from) + " (the program " + *plan.builtBinary +
            " and its libraries), where the builder gives it " + name + "'s id " + ids;
    } else if (maker) {
      taken[*maker] = true;
      front.push_back(plan.copies[*maker]);
      how = "made by the COPY of the builder's " + withoutSlash(plan.copies[*maker].from) + ", ahead of every other COPY into it";
    } else {
      front.push_back(migrate::CopyStep{std::string(kEmptyFolder) + "/", f->path + "/", owner, "", true});
      empty = true;
      how = "made by copying an empty folder from the builder, ahead of every other COPY into it";
    }
    names.push_back(f->named());
    contract.carried.push_back("folder " + f->named() + " writable by " + userName(owner) + ": " + how);
  }
  // A folder copy into a parent of one of them goes first too, so the
  // parent is not made on the way by a COPY with another owner.
  for (std::size_t i = 0; i < plan.copies.size(); ++i) {
    const auto& c = plan.copies[i];
    std::string to = withoutSlash(c.to);
    if (taken[i] || !c.folder || to == "/") continue;
    bool parent = std::any_of(wanted.begin(), wanted.end(), [&](const analysis::WritableFolder* f) {
      return f->path != to && analysis::isUnder(f->path, to);
    });
    if (!parent) continue;
    taken[i] = true;
    front.push_back(c);
  }
  std::stable_sort(front.begin(), front.end(), [](const migrate::CopyStep& a, const migrate::CopyStep& b) {
    return depth(withoutSlash(a.to)) < depth(withoutSlash(b.to));
  });
  bool owned = front.front().chown ? userName(*front.front().chown) == name : tree && withoutSlash(front.front().to) == "/";
  if (front.front().comment.empty() && owned) {
    front.front().comment = "Folders the app may write, owned by " + userName(owner) +
                            ": the first COPY into each makes it\n(a folder WORKDIR makes is root's).";
  }
  for (std::size_t i = 0; i < plan.copies.size(); ++i) {
    if (!taken[i]) front.push_back(plan.copies[i]);
  }
  plan.copies = std::move(front);
  std::string staged;
  for (const auto& c : plan.copies) {
    if (withoutSlash(c.to) != "/" || !c.from.ends_with('/')) continue;
    for (const auto* f : wanted) {
      bool never = std::any_of(plan.notStaged.begin(), plan.notStaged.end(),
                               [&](const std::string& d) { return analysis::isUnder(f->path, d); });
      if (!never) staged += " " + withoutSlash(c.from) + f->path;
    }
  }
  if (!staged.empty() && !ids.empty()) {
    plan.builderFinale.push_back("# The folders the app may write keep the runtime user's ownership when the staged\n"
                                 "# tree is copied to /.\nRUN for d in" + staged + "; do \\\n"
                                 "      if [ -d \"$d\" ]; then chown " + ids + " \"$d\"; fi; \\\n    done");
  } else if (!staged.empty()) {
    contract.risks.push_back("the staged tree copied to / may hold a folder the app writes, and restage does not know " + name +
                             "'s numeric id to give it there");
  }
  if (empty) {
    plan.builderFinale.push_back("# An empty folder: copied into the runtime stage, it makes folders owned by the\n"
                                 "# user the app runs as.\nRUN mkdir -p " + std::string(kEmptyFolder));
  }
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
  plan.explanation.push_back("The folders the app may write are " + userName(owner) + "'s in the runtime: " + list +
                             ". Each is made by the first COPY into it, before the WORKDIR line, since a folder WORKDIR "
                             "makes belongs to root and a later COPY does not change its owner.");
}

}  // namespace restage::transforms
