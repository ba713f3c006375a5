#include "io/Paths.h"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <string_view>
#include <system_error>

namespace restage::io {

namespace fs = std::filesystem;

namespace {

bool underOrAt(const std::string& path, const std::string& dir) {
  if (dir == "/") return true;
  return path == dir || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

std::optional<std::string> resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) return std::nullopt;
  std::string s = r.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

bool isWithin(const fs::path& path, const fs::path& root) {
  auto p = resolved(path);
  auto r = resolved(root);
  return p && r && underOrAt(*p, *r);
}

std::optional<fs::path> repositoryTop(const fs::path& folder) {
  std::error_code ec;
  for (fs::path dir = folder.lexically_normal(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(fs::symlink_status(dir / ".git", ec))) return dir;
    if (dir == dir.root_path() || dir.parent_path() == dir) break;
  }
  return std::nullopt;
}

fs::path containmentRootFor(const fs::path& file) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec).lexically_normal();
  fs::path folder = abs.parent_path();
  fs::path root;
  if (auto top = repositoryTop(folder)) {
    root = *top;
  } else {
    fs::path cwd = fs::current_path(ec);
    root = !ec && underOrAt(abs.string(), cwd.string()) ? cwd : folder;
  }
  fs::path real = fs::weakly_canonical(root, ec);
  return ec ? root : real;
}

std::optional<std::string> symlinkEscape(const fs::path& file) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec).lexically_normal();
  if (ec) return std::nullopt;
  fs::path real = fs::canonical(abs, ec);
  if (ec) return std::nullopt;  // missing or a loop: reading it says so
  if (real == abs) return std::nullopt;  // no symlink on the way: taken as named
  // Special files reached through a link: /proc/self/environ holds the
  // job's secrets, a device may never end.
  static constexpr std::array<std::string_view, 3> kSystem = {"/proc", "/sys", "/dev"};
  for (auto dir : kSystem) {
    if (underOrAt(real.string(), std::string(dir))) {
      return "symlink to " + real.string() + ", a system file restage does not read";
    }
  }
  fs::path root = containmentRootFor(abs);
  if (!underOrAt(real.string(), root.string())) {
    return "symlink to " + real.string() + ", outside " + root.string();
  }
  return std::nullopt;
}

std::optional<std::string> findExecutable(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) return name;
  const char* env = std::getenv("PATH");
  // As execvp without PATH, minus its current folder.
  std::string_view path = env ? env : "/usr/bin:/bin";
  while (true) {
    auto colon = path.find(':');
    std::string_view dir = path.substr(0, colon);
    // An empty element means the current folder, as does any relative one:
    // in CI that is the checkout, whose files the pull request chose.
    if (!dir.empty() && dir.front() == '/') {
      std::string candidate(dir);
      if (candidate.back() != '/') candidate += '/';
      candidate += name;
      std::error_code ec;
      if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate, ec)) return candidate;
    }
    if (colon == std::string_view::npos) break;
    path.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> gitCommand(const fs::path& dir, const std::vector<std::string>& args) {
  auto git = findExecutable("git");
  if (!git) return std::nullopt;
  // `-c` outranks every config file, the repository's included.
  std::vector<std::string> argv = {*git, "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
                                   "-C", dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace restage::io
