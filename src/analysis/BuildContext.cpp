#include "analysis/BuildContext.h"
#include "analysis/GoFiles.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace restage::analysis {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 6;
constexpr std::size_t kMaxEntries = 20000;
constexpr std::uintmax_t kMaxReadBytes = 1 << 20;

std::string readSmall(const fs::path& p) {
  std::error_code ec;
  // Never open a FIFO or device: reading one could block forever.
  if (!fs::is_regular_file(p, ec)) return {};
  auto size = fs::file_size(p, ec);
  if (ec || size > kMaxReadBytes) return {};
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

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
      ctx.buildFilesText_ += readSmall(entry.path());
      ctx.buildFilesText_ += '\n';
    }
  }
  if (ctx.has(".dockerignore")) {
    std::istringstream ignore(readSmall(dir / ".dockerignore"));
    for (std::string line; std::getline(ignore, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
      std::size_t start = line.find_first_not_of(" \t");
      if (start == std::string::npos || line[start] == '#') continue;
      line = line.substr(start);
      bool negated = line[0] == '!';
      std::string p = negated ? line.substr(1) : line;
      while (p.rfind("./", 0) == 0) p = p.substr(2);
      while (!p.empty() && p[0] == '/') p = p.substr(1);
      while (p.size() > 1 && p.back() == '/') p.pop_back();
      if (!p.empty()) ctx.ignorePatterns_.push_back((negated ? "!" : "") + p);
    }
  }
  if (ctx.has("package.json")) {
    ctx.packageJson_ = nlohmann::json::parse(readSmall(dir / "package.json"), nullptr, false);
    if (ctx.packageJson_.is_discarded()) ctx.packageJson_ = nullptr;
  }
  if (ctx.has("go.mod")) {
    std::istringstream mod(readSmall(dir / "go.mod"));
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

void BuildContext::scanGoFile(const fs::path& path, const std::string& relative) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > kMaxReadBytes) {
    ++unreadableGoFiles_;
    return;
  }
  std::string text = readSmall(path);
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

namespace {

// Docker's .dockerignore globs: `*` and `?` within one path element, `**`
// across any number of them.
bool ignoreMatch(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  if (pattern.rfind("**", 0) == 0) {
    std::string_view rest = pattern.substr(2);
    if (!rest.empty() && rest[0] == '/') rest = rest.substr(1);
    for (std::size_t i = 0; i <= path.size(); ++i) {
      if ((i == 0 || path[i - 1] == '/') && ignoreMatch(rest, path.substr(i))) return true;
    }
    return rest.empty();
  }
  if (pattern[0] == '*') {
    for (std::size_t i = 0; i <= path.size(); ++i) {
      if (ignoreMatch(pattern.substr(1), path.substr(i))) return true;
      if (i < path.size() && path[i] == '/') break;
    }
    return false;
  }
  if (path.empty()) return false;
  if (pattern[0] == '?' ? path[0] != '/' : pattern[0] == path[0]) return ignoreMatch(pattern.substr(1), path.substr(1));
  return false;
}

}  // namespace

bool BuildContext::ignored(const std::string& relative) const {
  bool out = false;
  for (const auto& raw : ignorePatterns_) {
    bool negated = raw[0] == '!';
    std::string_view pattern = negated ? std::string_view(raw).substr(1) : std::string_view(raw);
    // A pattern that names a folder leaves out everything below it.
    bool matched = ignoreMatch(pattern, relative);
    for (std::size_t slash = relative.find('/'); !matched && slash != std::string::npos; slash = relative.find('/', slash + 1)) {
      matched = ignoreMatch(pattern, std::string_view(relative).substr(0, slash));
    }
    if (matched) out = !negated;
  }
  return out;
}

std::string BuildContext::readText(const std::string& relative) const {
  if (!known_ || !has(relative)) return {};
  return readSmall(dir_ / relative);
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
