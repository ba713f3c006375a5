#include "batch/Discovery.h"

#include <algorithm>
#include <array>
#include <map>
#include <system_error>

#include "batch/GitFiles.h"

namespace restage::batch {

namespace fs = std::filesystem;

bool isDockerfileName(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kLeftovers = {
      ".dockerignore", ".orig", ".rej", ".bak", ".swp", ".restage-bak", "~"};
  if (name == "Dockerfile" || name == "dockerfile" || name == "Containerfile") return true;
  for (auto suffix : kLeftovers) {
    if (name.ends_with(suffix)) return false;
  }
  if (name.starts_with("Dockerfile.") && name.size() > 11) return true;
  for (std::string_view suffix : {std::string_view(".Dockerfile"), std::string_view(".dockerfile")}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) return true;
  }
  return false;
}

namespace {

bool isNeverEntered(std::string_view name) {
  return name == ".git" || name == "node_modules" || name == "vendor";
}

std::string_view lastComponent(std::string_view key) {
  auto slash = key.rfind('/');
  return slash == std::string_view::npos ? key : key.substr(slash + 1);
}

// True when some folder on the way to `key` is one that is never entered.
bool underNeverEntered(std::string_view key) {
  std::size_t start = 0;
  for (auto slash = key.find('/'); slash != std::string_view::npos; slash = key.find('/', start)) {
    if (isNeverEntered(key.substr(start, slash - start))) return true;
    start = slash + 1;
  }
  return false;
}

std::string join(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  std::string key;
  key.reserve(dir.size() + 1 + name.size());
  key.append(dir).append(1, '/').append(name);
  return key;
}

// Finds the Dockerfiles under one root folder.
class RootScanner {
 public:
  RootScanner(const fs::path& shown, const fs::path& real, const DiscoveryOptions& options,
              DiscoveryResult& out)
      : shown_(shown), real_(real), realPrefix_(real.string() + "/"), options_(options), out_(out) {}

  void scan(const std::string& dir, bool tryGit) {
    if (tryGit && options_.useGit) {
      if (auto git = listGitFiles(dir.empty() ? real_ : real_ / dir)) {
        fromGit(dir, *git);
        return;
      }
    }
    walk(dir);
  }

 private:
  fs::path shownPath(const std::string& key) const { return (shown_ / key).lexically_normal(); }

  void skip(const std::string& key, std::string code, std::string reason, bool error) {
    out_.skipped.push_back({shownPath(key), key, std::move(code), std::move(reason), error});
  }

  void addFile(const std::string& key) { out_.files.push_back({shownPath(key), real_ / key, key, false}); }

  void addSymlink(const std::string& key) {
    std::error_code ec;
    fs::path target = fs::canonical(real_ / key, ec);
    if (ec) {
      skip(key, "dangling-symlink", "symlink whose target does not exist", false);
      return;
    }
    if (!target.string().starts_with(realPrefix_)) {
      skip(key, "symlink-outside-root", "symlink to " + target.string() + ", outside " + shown_.string(), false);
      return;
    }
    out_.files.push_back({shownPath(key), target, key, true});
  }

  void fromGit(const std::string& dir, const GitFiles& git) {
    for (const auto& rel : git.files) {
      if (!isDockerfileName(lastComponent(rel)) || underNeverEntered(rel)) continue;
      std::string key = join(dir, rel);
      std::error_code ec;
      auto status = fs::symlink_status(real_ / key, ec);
      if (ec) continue;  // tracked but deleted from the work tree
      if (fs::is_symlink(status)) {
        addSymlink(key);
      } else if (fs::is_regular_file(status)) {
        addFile(key);
      }
    }
    for (const auto& rel : git.nestedRepos) {
      if (underNeverEntered(rel + "/") ) continue;
      std::string key = join(dir, rel);
      std::error_code ec;
      // A submodule that was never checked out is an empty folder: asking git
      // there would answer for the outer repository again.
      if (!fs::exists(real_ / key / ".git", ec)) continue;
      scan(key, true);
    }
  }

  void walk(const std::string& dir) {
    struct Entry {
      std::string name;
      fs::file_type type;
    };
    std::vector<Entry> entries;
    bool isRepository = false;
    std::error_code ec;
    fs::directory_iterator it(dir.empty() ? real_ : real_ / dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      fs::file_type type = it->symlink_status(ec).type();
      if (ec) break;
      if (name == ".git") isRepository = true;
      entries.push_back({std::move(name), type});
    }
    if (ec) {
      skip(dir.empty() ? "." : dir, "unreadable-directory", "cannot read the folder: " + ec.message(), true);
      return;
    }
    // A git work tree inside a plain folder: let git say what it ignores.
    if (isRepository && !dir.empty() && options_.useGit) {
      if (auto git = listGitFiles(real_ / dir)) {
        fromGit(dir, *git);
        return;
      }
    }
    for (const auto& e : entries) {
      if (e.type == fs::file_type::directory) {
        if (!isNeverEntered(e.name)) walk(join(dir, e.name));
      } else if (isDockerfileName(e.name)) {
        if (e.type == fs::file_type::symlink) {
          addSymlink(join(dir, e.name));
        } else if (e.type == fs::file_type::regular) {
          addFile(join(dir, e.name));
        }
      }
    }
  }

  fs::path shown_;
  fs::path real_;
  std::string realPrefix_;
  const DiscoveryOptions& options_;
  DiscoveryResult& out_;
};

bool byPath(const fs::path& a, const fs::path& b) { return a.native() < b.native(); }

// Keeps each real file once: the entry that is not a symlink if there is
// one, else the first path. A dropped symlink is reported; the same file seen
// through two overlapping roots is not.
void dropDuplicates(DiscoveryResult& result) {
  std::map<fs::path, std::size_t> chosen;  // realPath -> index in files
  std::vector<bool> keep(result.files.size(), true);
  for (std::size_t i = 0; i < result.files.size(); ++i) {
    auto [it, inserted] = chosen.emplace(result.files[i].realPath, i);
    if (inserted) continue;
    std::size_t& first = it->second;
    const auto& previous = result.files[first];
    const auto& current = result.files[i];
    bool preferCurrent = previous.symlink && !current.symlink;
    std::size_t dropped = preferCurrent ? first : i;
    keep[dropped] = false;
    const auto& d = result.files[dropped];
    const auto& k = result.files[preferCurrent ? i : first];
    if (d.symlink) {
      result.skipped.push_back({d.path, d.key, "duplicate-symlink",
                                "symlink to " + k.path.string() + ", which is migrated on its own path", false});
    }
    if (preferCurrent) first = i;
  }
  std::vector<DiscoveredFile> files;
  files.reserve(result.files.size());
  for (std::size_t i = 0; i < result.files.size(); ++i) {
    if (keep[i]) files.push_back(std::move(result.files[i]));
  }
  result.files = std::move(files);
}

}  // namespace

DiscoveryResult discover(const std::vector<fs::path>& roots, const DiscoveryOptions& options) {
  DiscoveryResult result;
  for (const auto& root : roots) {
    std::error_code ec;
    fs::path real = fs::canonical(root, ec);
    if (ec) {
      result.skipped.push_back({root, root.filename().string(), "not-found",
                                "cannot open: " + ec.message(), true});
      continue;
    }
    if (!fs::is_directory(real, ec)) {
      // A file named on the command line is taken whatever its name.
      result.files.push_back({root.lexically_normal(), real, root.filename().string(), false});
      continue;
    }
    RootScanner(root, real, options, result).scan("", true);
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const auto& a, const auto& b) { return byPath(a.path, b.path); });
  dropDuplicates(result);
  std::sort(result.skipped.begin(), result.skipped.end(),
            [](const auto& a, const auto& b) { return byPath(a.path, b.path); });
  return result;
}

}  // namespace restage::batch
