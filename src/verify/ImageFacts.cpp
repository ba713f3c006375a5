#include "verify/ImageFacts.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "Error.h"

namespace restage::verify {

namespace fs = std::filesystem;

namespace {

// Splits "/a/b/../c" into clean parts ("." and ".." applied, never above /).
std::vector<std::string> parts(const std::string& path) {
  std::vector<std::string> out;
  std::stringstream ss(path);
  std::string p;
  while (std::getline(ss, p, '/')) {
    if (p.empty() || p == ".") continue;
    if (p == "..") {
      if (!out.empty()) out.pop_back();
      continue;
    }
    out.push_back(p);
  }
  return out;
}

std::string join(const std::vector<std::string>& ps, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n && i < ps.size(); ++i) s += "/" + ps[i];
  return s.empty() ? "/" : s;
}

constexpr int kMaxLinks = 40;

// Resolves every symlink of `path` inside the image, with `linkOf` telling
// a path's symlink target (nullopt: not a link). Returns the clean path.
template <typename LinkOf>
std::optional<std::string> resolveIn(const std::string& path, LinkOf linkOf) {
  std::vector<std::string> todo = parts(path);
  int links = 0;
  for (std::size_t i = 0; i < todo.size();) {
    std::string here = join(todo, i + 1);
    auto target = linkOf(here);
    if (!target) {
      ++i;
      continue;
    }
    if (++links > kMaxLinks) return std::nullopt;
    std::vector<std::string> rest(todo.begin() + static_cast<long>(i) + 1, todo.end());
    std::string base = target->starts_with("/") ? *target : join(todo, i) + "/" + *target;
    todo = parts(base);
    i = 0;  // the new prefix may hold links again
    todo.insert(todo.end(), rest.begin(), rest.end());
  }
  return join(todo, todo.size());
}

}  // namespace

std::optional<fs::path> MountedRootFs::resolve(const std::string& path) const {
  auto clean = resolveIn(path, [&](const std::string& p) -> std::optional<std::string> {
    std::error_code ec;
    fs::path host = root_ / p.substr(1);
    if (!fs::is_symlink(fs::symlink_status(host, ec))) return std::nullopt;
    return fs::read_symlink(host, ec).string();
  });
  if (!clean) return std::nullopt;
  return root_ / clean->substr(1);
}

std::optional<std::string> MountedRootFs::read(const std::string& path) const {
  auto p = resolve(path);
  std::error_code ec;
  if (!p || !fs::is_regular_file(fs::symlink_status(*p, ec))) return std::nullopt;
  std::ifstream in(*p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool MountedRootFs::isFile(const std::string& path) const {
  auto p = resolve(path);
  std::error_code ec;
  auto st = p ? fs::symlink_status(*p, ec) : fs::file_status{};
  return p && fs::exists(st) && !fs::is_directory(st);
}

std::vector<std::string> MountedRootFs::list(const std::string& dir) const {
  std::vector<std::string> names;
  auto p = resolve(dir);
  std::error_code ec;
  if (!p || !fs::is_directory(fs::symlink_status(*p, ec))) return names;
  for (const auto& e : fs::directory_iterator(*p, ec)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

// The files whose content the facts need.
bool wanted(const std::string& path) {
  return path == "/etc/passwd" || path == "/var/lib/dpkg/status" || path == "/lib/apk/db/installed" ||
         path.starts_with("/var/lib/dpkg/status.d/");
}

long long octal(const char* p, std::size_t n) {
  long long v = 0;
  for (std::size_t i = 0; i < n && p[i]; ++i) {
    if (p[i] == ' ') continue;
    if (p[i] < '0' || p[i] > '7') break;
    v = v * 8 + (p[i] - '0');
  }
  return v;
}

std::string field(const char* p, std::size_t n) { return std::string(p, strnlen(p, n)); }

}  // namespace

TarRootFs::TarRootFs(const fs::path& tarFile) {
  std::ifstream in(tarFile, std::ios::binary);
  if (!in) throw Error("cannot read " + tarFile.string());
  char h[512];
  std::string longName, longLink;
  // Even an empty archive has its two zero blocks.
  if (in.peek() == std::char_traits<char>::eof() || !in.read(h, 512)) {
    throw Error(tarFile.string() + ": not a tar archive");
  }
  in.seekg(0);
  while (in.read(h, 512)) {
    if (std::all_of(h, h + 512, [](char c) { return c == 0; })) break;
    if (std::string(h + 257, 5) != "ustar") throw Error(tarFile.string() + ": not a tar archive");
    long long size = octal(h + 124, 12);
    char type = h[156] ? h[156] : '0';
    std::string name = field(h, 100);
    std::string prefix = field(h + 345, 155);
    if (!prefix.empty()) name = prefix + "/" + name;
    std::string link = field(h + 157, 100);
    long long padded = (size + 511) / 512 * 512;
    if (type == 'L' || type == 'K') {  // GNU long name / long link
      std::string data(static_cast<std::size_t>(size), '\0');
      in.read(data.data(), size);
      in.ignore(padded - size);
      (type == 'L' ? longName : longLink) = data.c_str();
      continue;
    }
    if (type == 'x' || type == 'g') {  // pax headers: path= and linkpath=
      std::string data(static_cast<std::size_t>(size), '\0');
      in.read(data.data(), size);
      in.ignore(padded - size);
      std::stringstream ss(data);
      std::string rec;
      while (std::getline(ss, rec)) {
        auto sp = rec.find(' ');
        if (sp == std::string::npos) continue;
        std::string kv = rec.substr(sp + 1);
        if (kv.starts_with("path=")) longName = kv.substr(5);
        if (kv.starts_with("linkpath=")) longLink = kv.substr(9);
      }
      continue;
    }
    if (!longName.empty()) name = longName;
    if (!longLink.empty()) link = longLink;
    longName.clear();
    longLink.clear();
    std::string path = join(parts(name), parts(name).size());
    Entry e;
    e.type = type;
    e.link = link;
    if (type == '0' || type == '7') {
      if (wanted(path) && size <= (64 << 20)) {
        std::string data(static_cast<std::size_t>(size), '\0');
        in.read(data.data(), size);
        in.ignore(padded - size);
        e.content = std::move(data);
      } else {
        in.ignore(padded);
      }
      e.type = '0';
    } else {
      in.ignore(padded);
    }
    if (type == '1') e.link = join(parts(link), parts(link).size());
    entries_[path] = std::move(e);
  }
}

std::optional<std::string> TarRootFs::resolve(const std::string& path) const {
  return resolveIn(path, [&](const std::string& p) -> std::optional<std::string> {
    auto it = entries_.find(p);
    if (it == entries_.end() || it->second.type != '2') return std::nullopt;
    return it->second.link;
  });
}

std::optional<std::string> TarRootFs::read(const std::string& path) const {
  auto p = resolve(path);
  if (!p) return std::nullopt;
  auto it = entries_.find(*p);
  if (it != entries_.end() && it->second.type == '1') it = entries_.find(it->second.link);
  if (it == entries_.end() || it->second.type != '0') return std::nullopt;
  return it->second.content;
}

bool TarRootFs::isFile(const std::string& path) const {
  auto p = resolve(path);
  if (!p) return false;
  auto it = entries_.find(*p);
  return it != entries_.end() && it->second.type != '5';
}

std::vector<std::string> TarRootFs::list(const std::string& dir) const {
  std::vector<std::string> names;
  auto p = resolve(dir);
  if (!p) return names;
  std::string prefix = *p == "/" ? "/" : *p + "/";
  for (auto it = entries_.lower_bound(prefix); it != entries_.end() && it->first.starts_with(prefix); ++it) {
    std::string rest = it->first.substr(prefix.size());
    if (!rest.empty() && rest.find('/') == std::string::npos) names.push_back(rest);
  }
  return names;
}

int countDpkgInstalled(const std::string& status) {
  int n = 0;
  std::stringstream ss(status);
  std::string line;
  while (std::getline(ss, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("Status:") && line.ends_with(" installed") && line.find(" ok ") != std::string::npos) ++n;
  }
  return n;
}

int countApkInstalled(const std::string& installed) {
  int n = 0;
  std::stringstream ss(installed);
  std::string line;
  while (std::getline(ss, line)) {
    if (line.starts_with("P:")) ++n;
  }
  return n;
}

namespace {

const std::vector<std::string> kBinDirs = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
                                           "/sbin", "/bin", "/usr/local/go/bin", "/busybox"};

std::vector<std::string> present(const RootFs& fs, const std::vector<std::string>& names) {
  std::vector<std::string> found;
  for (const auto& n : names) {
    for (const auto& d : kBinDirs) {
      if (fs.isFile(d + "/" + n)) {
        found.push_back(n);
        break;
      }
    }
  }
  return found;
}

}  // namespace

void readImageFacts(const RootFs& fs, ImageFacts& facts) {
  // The user: "" is root; NAME or UID, optionally ":GROUP".
  std::string u = facts.user.substr(0, facts.user.find(':'));
  facts.userName = u.empty() ? "root" : u;
  facts.runsAsRoot = u.empty() || u == "root" || u == "0";
  if (auto passwd = fs.read("/etc/passwd")) {
    std::stringstream ss(*passwd);
    std::string line;
    while (std::getline(ss, line)) {
      std::vector<std::string> cols;
      std::stringstream ls(line);
      std::string c;
      while (std::getline(ls, c, ':')) cols.push_back(c);
      if (cols.size() < 3) continue;
      if (!u.empty() && (cols[0] == u || cols[2] == u)) {
        facts.userName = cols[0];
        facts.runsAsRoot = cols[2] == "0";
        break;
      }
    }
  }

  facts.packages.reset();
  facts.packageDatabase.clear();
  if (auto status = fs.read("/var/lib/dpkg/status")) {
    facts.packages = countDpkgInstalled(*status);
    facts.packageDatabase = "dpkg";
  }
  // distroless: one status file per package in status.d (and *.md5sums).
  auto statusD = fs.list("/var/lib/dpkg/status.d");
  int perFile = 0;
  for (const auto& n : statusD) {
    if (!n.ends_with(".md5sums")) ++perFile;
  }
  if (perFile > 0) {
    facts.packages = facts.packages.value_or(0) + perFile;
    facts.packageDatabase = "dpkg";
  }
  if (auto apk = fs.read("/lib/apk/db/installed")) {
    facts.packages = facts.packages.value_or(0) + countApkInstalled(*apk);
    facts.packageDatabase = facts.packageDatabase.empty() ? "apk" : facts.packageDatabase + "+apk";
  }

  facts.shells.clear();
  facts.shells = present(fs, {"sh", "bash", "dash", "ash", "zsh", "busybox"});
  facts.compilers = present(fs, {"gcc", "g++", "cc", "c++", "clang", "clang++", "go", "rustc", "javac", "tsc"});
  facts.packageManagers = present(fs, {"apt-get", "apt", "dpkg", "apk", "dnf", "yum", "microdnf", "rpm"});
}

}  // namespace restage::verify
