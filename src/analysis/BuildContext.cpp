#include "analysis/BuildContext.h"
#include "analysis/GoFiles.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <sstream>

namespace restage::analysis {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 6;
constexpr std::size_t kMaxEntries = 20000;

// `path` is `root` or below it (both lexically normal, absolute).
bool isInside(const fs::path& path, const fs::path& root) {
  const std::string& p = path.native();
  const std::string& r = root.native();
  if (!p.starts_with(r)) return false;
  return p.size() == r.size() || r.ends_with('/') || p[r.size()] == '/';
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

bool skippedDir(const std::string& name) {
  return name == ".git" || name == "node_modules" || name == "vendor" || name == ".cache" ||
         name == "dist" || name == "build";
}

}  // namespace

BuildContext BuildContext::read(const fs::path& dir) {
  BuildContext ctx;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return ctx;
  ctx.known_ = true;
  ctx.dir_ = dir;
  ctx.realDir_ = fs::canonical(dir, ec);
  if (ec) ctx.realDir_ = fs::absolute(dir, ec).lexically_normal();
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ctx.entries_.size() >= kMaxEntries) break;
    const auto& entry = *it;
    // Lexical: resolving both paths on disk per entry cost more than the walk.
    std::string rel = entry.path().lexically_relative(dir).generic_string();
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec)) {
      if (skippedDir(name) || it.depth() >= kMaxDepth || entry.is_symlink(ec)) {
        // Folders like dist/ and build/ are recorded (they may be outputs) but not walked.
        if (name != ".git" && name != "node_modules") ctx.entries_.insert(rel + "/");
        it.disable_recursion_pending();
        continue;
      }
      ctx.entries_.insert(rel + "/");
      continue;
    }
    ctx.entries_.insert(rel);
    if (name.size() > 3 && name.ends_with(".go")) {
      ++ctx.goFiles_;
      ctx.scanGoFile(entry.path(), rel);
    }
    if (it.depth() == 0 && (name == "CMakeLists.txt" || name == "Makefile" || name == "makefile" ||
                            name == "GNUmakefile" || name == "meson.build")) {
      ctx.buildFilesText_ += ctx.readFile(entry.path()).value_or("");
      ctx.buildFilesText_ += '\n';
    }
  }
  if (ctx.has(".dockerignore")) {
    // Larger than kMaxIgnoreBytes: not read, nothing counts as ignored.
    ctx.ignore_ = IgnoreFile::parse(ctx.readFile(dir / ".dockerignore", kMaxIgnoreBytes).value_or(""));
  }
  if (ctx.has("package.json")) {
    ctx.packageJson_ = nlohmann::json::parse(ctx.readFile(dir / "package.json").value_or(""), nullptr, false);
    if (ctx.packageJson_.is_discarded()) ctx.packageJson_ = nullptr;
  }
  if (ctx.has("go.mod")) {
    std::istringstream mod(ctx.readFile(dir / "go.mod").value_or(""));
    std::string line;
    bool inRequire = false;
    while (std::getline(mod, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
      std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
      if (trimmed.rfind("module ", 0) == 0) ctx.goModule_ = trimmed.substr(7);
      if (trimmed == "require (") inRequire = true;
      else if (trimmed == ")") inRequire = false;
      else if (inRequire || trimmed.rfind("require ", 0) == 0) {
        std::string req = inRequire ? trimmed : trimmed.substr(8);
        req = req.substr(0, req.find_first_of(" \t"));
        if (!req.empty() && req.rfind("//", 0) != 0) ctx.goRequires_.push_back(req);
      }
    }
  }
  // Vendored packages are compiled into the binary: their cgo counts.
  if (ctx.hasDir("vendor")) {
    fs::recursive_directory_iterator vit(dir / "vendor", fs::directory_options::skip_permission_denied, ec);
    std::size_t seen = 0;
    for (; !ec && vit != fs::recursive_directory_iterator() && seen < kMaxEntries; vit.increment(ec), ++seen) {
      std::string vname = vit->path().filename().string();
      if (vit->is_symlink(ec)) continue;
      if (vname.size() > 3 && vname.ends_with(".go") && !vname.ends_with("_test.go")) {
        ctx.scanGoFile(vit->path(), vit->path().lexically_relative(dir).generic_string());
      }
    }
    if (seen >= kMaxEntries) ++ctx.unreadableGoFiles_;
  }
  return ctx;
}

std::optional<std::string> BuildContext::readFile(const fs::path& path, std::size_t maxBytes) const {
  if (bytesRead_ >= kMaxTotalBytes) return std::nullopt;
  // Resolve every symlink on the way; the file must still be in the context
  // (a link to /proc/kmsg or to the runner's home is not read).
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec || !isInside(real, realDir_)) return std::nullopt;
  // O_NONBLOCK: opening a FIFO does not wait for a writer; O_NOFOLLOW: the
  // path resolved above is not swapped for a link in between.
  Fd f{::open(real.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)};
  if (f.fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  // Count what is read: st_size is 0 for /proc files and may be stale.
  std::size_t limit = std::min(maxBytes, kMaxTotalBytes - bytesRead_);
  // One byte past the limit says the file is larger; it is read, not counted.
  auto spend = [&](std::size_t n) { bytesRead_ = std::min(kMaxTotalBytes, bytesRead_ + n); };
  std::string text;
  char buf[65536];
  while (true) {
    std::size_t want = std::min(sizeof buf, limit + 1 - text.size());
    ssize_t n = ::read(f.fd, buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      spend(text.size());
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > limit) {
      spend(text.size());
      return std::nullopt;
    }
  }
  spend(text.size());
  return text;
}

void BuildContext::scanGoFile(const fs::path& path, const std::string& relative) {
  auto read = readFile(path);
  if (!read) {
    ++unreadableGoFiles_;
    return;
  }
  std::string text = std::move(*read);
  // A file go build leaves out on Linux (a vendored zsyscall_aix_ppc.go, a
  // test) says nothing about the binary.
  if (!goFileBuildsOnLinux(path.filename().string(), text)) return;
  auto imports = goImportPaths(text);
  bool vendored = relative.rfind("vendor/", 0) == 0;
  if (!vendored && goImports_.size() < kMaxEntries) goImports_.insert(imports.begin(), imports.end());
  if (!usesCgo_ && std::find(imports.begin(), imports.end(), "C") != imports.end()) {
    usesCgo_ = true;
    cgoSource_ = relative;
  }
}

IgnoreFile IgnoreFile::parse(std::string_view text) {
  IgnoreFile out;
  std::size_t at = 0;
  while (at < text.size() && out.patterns_.size() < kMaxPatterns) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || line[start] == '#') continue;
    line.remove_prefix(start);
    bool negated = line[0] == '!';
    std::string_view p = negated ? line.substr(1) : line;
    while (p.starts_with("./")) p.remove_prefix(2);
    while (!p.empty() && p[0] == '/') p.remove_prefix(1);
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    if (p.empty()) continue;
    out.patterns_.push_back({glob::Wildcard(p, glob::Syntax::DockerIgnore), negated});
    out.states_ += out.patterns_.back().wildcard.states();
  }
  return out;
}

bool IgnoreFile::ignored(std::string_view relative, std::size_t* cost) const {
  // From the last pattern back: the first that matches decides.
  for (auto p = patterns_.rbegin(); p != patterns_.rend(); ++p) {
    if (p->wildcard.matchesPathOrFolder(relative, cost)) return !p->negated;
  }
  return false;
}

bool BuildContext::ignored(const std::string& relative) const {
  if (ignore_.empty()) return false;
  auto found = ignoredMemo_.find(relative);
  if (found != ignoredMemo_.end()) return found->second;
  bool out = ignoreSteps_ < kMaxIgnoreSteps && ignore_.ignored(relative, &ignoreSteps_);
  if (ignoredMemo_.size() < 4 * kMaxEntries) ignoredMemo_.emplace(relative, out);
  return out;
}

std::string BuildContext::readText(const std::string& relative) const {
  if (!known_ || !has(relative)) return {};
  return readFile(dir_ / relative).value_or("");
}

std::optional<std::string> BuildContext::packageScript(const std::string& name) const {
  if (!packageJson_.is_object()) return std::nullopt;
  auto scripts = packageJson_.find("scripts");
  if (scripts == packageJson_.end() || !scripts->is_object()) return std::nullopt;
  auto s = scripts->find(name);
  if (s == scripts->end() || !s->is_string()) return std::nullopt;
  return s->get<std::string>();
}

}  // namespace restage::analysis
