#include "batch/BuildContexts.h"

#include <algorithm>

#include <system_error>

#include "io/FileIO.h"
#include "io/Paths.h"

namespace restage::batch {

namespace fs = std::filesystem;

std::string_view contextSourceName(ContextSource source) {
  switch (source) {
    case ContextSource::Folder: return "folder";
    case ContextSource::Compose: return "compose";
    case ContextSource::ContextMap: return "context_map";
  }
  return "folder";
}

namespace {

std::string normal(const fs::path& p) {
  if (io::isNormalAbsolute(p.native())) return p.native();
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// The folder above a normalised absolute folder; "" above "/".
std::string parentOf(const std::string& dir) {
  if (dir == "/") return "";
  auto slash = dir.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : dir.substr(0, slash);
}

bool isUnderOrAt(const std::string& path, const std::string& dir) {
  return dir == "/" || path == dir || path.starts_with(dir + "/");
}

}  // namespace

// The first folder from `folder` upward that holds `.git`, if any; what
// each folder on the way learned is kept for the next file.
std::optional<std::string> BuildContexts::gitTop(const std::string& folder) {
  std::vector<std::string> visited;
  std::optional<std::string> found;
  for (std::string key = folder; !key.empty(); key = parentOf(key)) {
    if (auto it = gitTops_.find(key); it != gitTops_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(key);
    std::error_code ec;
    if (fs::exists(fs::path(key) / ".git", ec)) {
      found = key;
      break;
    }
  }
  for (const auto& v : visited) gitTops_.emplace(v, found);
  return found;
}

void BuildContexts::prepare(const fs::path& dockerfile, const fs::path& top) {
  std::string folder = normal(dockerfile.parent_path());
  auto known = tops_.find(folder);
  if (known == tops_.end()) {
    // Every file of a batch root has the same top: normalised once.
    auto given = normalTops_.find(top.native());
    if (given == normalTops_.end()) given = normalTops_.emplace(top.native(), normal(fs::absolute(top))).first;
    std::string limit = given->second;
    if (auto git = gitTop(folder)) limit = *git;
    // A top that is not above the file (a Dockerfile given by itself, or
    // one reached through a symlink): only its own folder.
    if (!isUnderOrAt(folder, limit)) limit = folder;
    known = tops_.emplace(folder, limit).first;
  }
  const std::string& limit = known->second;
  for (std::string key = folder; !key.empty(); key = parentOf(key)) {
    if (!projects_.count(key)) {
      auto project = readComposeFolder(key);
      if (project) {
        for (const auto& f : project->files) composeFiles_.push_back(f);
        for (const auto& s : project->skipped) skipped_.push_back(s);
      }
      projects_.emplace(key, std::move(project));
    }
    if (key == limit) break;
  }
}

ResolvedContext BuildContexts::resolve(const fs::path& dockerfile) const {
  ResolvedContext r;
  std::string file = normal(dockerfile);
  std::string folder = normal(dockerfile.parent_path());
  r.context = folder;
  // The nearest compose project that builds this file.
  const ComposeBuild* build = nullptr;
  if (auto top = tops_.find(folder); top != tops_.end()) {
    for (std::string key = folder; !key.empty() && !build; key = parentOf(key)) {
      auto it = projects_.find(key);
      if (it != projects_.end() && it->second) {
        for (const auto& b : it->second->builds) {
          if (normal(b.dockerfile) != file) continue;
          if (!build) {
            build = &b;
          } else {
            r.otherServices.push_back(b.service);
          }
          r.services.push_back(b);
        }
      }
      if (key == top->second) break;
    }
  }
  if (build) {
    r.buildArgs = build->args;
    r.service = build->service;
    r.composeFile = build->composeFile;
  }
  if (const ContextMap::Entry* entry = map_.entryFor(file)) {
    r.context = entry->context;
    r.source = ContextSource::ContextMap;
    r.from = entry->mapFile;
  } else if (build) {
    r.context = build->context;
    r.source = ContextSource::Compose;
    r.from = build->composeFile;
  }
  if (r.source != ContextSource::Folder) {
    auto top = tops_.find(folder);
    // prepare() found the limit (the git top, else the folder given);
    // without it, the same rule for a file named by itself.
    fs::path limit = top != tops_.end() ? fs::path(top->second) : io::containmentRootFor(dockerfile);
    if (!io::isWithin(r.context, limit)) {
      r.contextNote = std::string(r.source == ContextSource::ContextMap ? "the context map" : "compose") +
                      " names the context " + r.context.string() + ", outside " + limit.string() +
                      ": not used";
      r.context = folder;
      r.source = ContextSource::Folder;
      r.from.clear();
    }
  }
  return r;
}

std::vector<migrate::ContainerCommand> runCommands(const ResolvedContext& r,
                                                  const std::function<std::string(const fs::path&)>& show) {
  std::vector<migrate::ContainerCommand> out;
  for (const auto& b : r.services) {
    auto add = [&](const std::optional<ComposeCommand>& c, const std::string& key) {
      if (!c || c->form == ComposeCommand::Form::None) return;
      migrate::ContainerCommand cc;
      cc.source = show(c->file.empty() ? b.composeFile : c->file) + " service " + b.service + " " + key;
      cc.key = key;
      if (c->form == ComposeCommand::Form::Shell) cc.shell = c->text;
      else cc.argv = c->argv;
      if (!c->problem.empty()) {
        cc.note = c->problem + "; restage read what it could of it";
      } else if (c->unresolved) {
        cc.note = "it names variables Compose fills from the environment, which restage cannot resolve; read as written";
      }
      out.push_back(std::move(cc));
    };
    add(b.entrypoint, "entrypoint");
    add(b.command, "command");
    add(b.healthcheck, "healthcheck");
  }
  return out;
}

void applyContext(const ResolvedContext& r, migrate::Options& options,
                  const std::function<std::string(const fs::path&)>& show) {
  if (r.source != ContextSource::Folder && !options.context) options.context = r.context;
  for (const auto& arg : r.buildArgs) {
    // (Not a structured binding: clang 14 cannot capture one in a lambda.)
    bool given = std::any_of(options.buildArgs.begin(), options.buildArgs.end(),
                             [&](const auto& set) { return set.first == arg.first; });
    if (!given) options.buildArgs.push_back(arg);
  }
  auto commands = runCommands(r, show);
  options.runCommands.insert(options.runCommands.end(), commands.begin(), commands.end());
}

}  // namespace restage::batch
