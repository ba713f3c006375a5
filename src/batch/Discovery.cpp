#include "batch/Discovery.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <array>
#include <unordered_map>
#include <system_error>

#include "batch/GitFiles.h"
#include "io/Paths.h"

namespace restage::batch {

namespace fs = std::filesystem;

bool isDockerfileName(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  // BuildKit's per-Dockerfile ignore files, and backup and merge leftovers.
  static constexpr std::array<std::string_view, 7> kLeftovers = {
      ".dockerignore", ".orig", ".rej", ".bak", ".swp", ".restage-bak", "~"};
  for (auto suffix : kLeftovers) {
    if (name.ends_with(suffix)) return false;
  }
  // Files about a Dockerfile (Dockerfile.md, dockerfile-lint.yml) and
  // templates that need filling in before they build (Dockerfile.j2).
  static constexpr std::array<std::string_view, 18> kOtherKinds = {
      ".md", ".txt", ".rst", ".yml", ".yaml", ".json", ".toml", ".sh", ".ps1", ".py",
      ".patch", ".diff", ".j2", ".jinja", ".jinja2", ".tpl", ".tmpl", ".template"};
  for (std::string_view stem : {std::string_view("dockerfile"), std::string_view("containerfile")}) {
    if (name == stem) return true;
    if (name.size() <= stem.size() + 1) continue;
    bool variant = (name.starts_with(stem) && (name[stem.size()] == '.' || name[stem.size()] == '-')) ||
                   (name.ends_with(stem) && name[name.size() - stem.size() - 1] == '.');
    if (!variant) continue;
    for (auto suffix : kOtherKinds) {
      if (name.ends_with(suffix)) return false;
    }
    return true;
  }
  return false;
}

namespace {

// The record getdents64 fills in (glibc declares no type for it).
struct LinuxDirent64 {
  ino64_t d_ino;
  off64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

// What a special file is, for the "not a regular file" reason.
std::string specialKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a file";
}

std::string specialKind(unsigned char type) {
  switch (type) {
    case DT_FIFO: return "a FIFO";
    case DT_SOCK: return "a socket";
    case DT_CHR: return "a character device";
    case DT_BLK: return "a block device";
    default: return "not a file";
  }
}

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

// One entry of a folder, as getdents64 gave it.
struct DirEntry {
  std::string name;
  unsigned char type;
};

constexpr std::size_t kGetdentsBytes = 32768;

// Reads every entry of an open folder but "." and "..". False (errno set)
// when the folder cannot be read.
bool readEntries(int fd, std::vector<char>& buf, std::vector<DirEntry>& entries) {
  for (;;) {
    long n = ::syscall(SYS_getdents64, fd, buf.data(), buf.size());
    if (n < 0) return false;
    if (n == 0) return true;
    for (long at = 0; at < n;) {
      auto* d = reinterpret_cast<const LinuxDirent64*>(buf.data() + at);
      at += d->d_reclen;
      std::string_view name(d->d_name);
      if (name == "." || name == "..") continue;
      unsigned char type = d->d_type;
      if (type == DT_UNKNOWN) {
        struct stat st {};
        if (::fstatat(fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG
               : S_ISFIFO(st.st_mode) ? DT_FIFO : S_ISSOCK(st.st_mode) ? DT_SOCK
               : S_ISCHR(st.st_mode) ? DT_CHR : S_ISBLK(st.st_mode) ? DT_BLK : DT_UNKNOWN;
      }
      entries.push_back({std::string(name), type});
    }
  }
}

// Folders in a key: "a/b" is 2 levels below the root.
std::size_t depthOf(std::string_view key) {
  return key.empty() ? 0 : static_cast<std::size_t>(std::count(key.begin(), key.end(), '/')) + 1;
}

// Finds the Dockerfiles under one root folder.
class RootScanner {
 public:
  RootScanner(const fs::path& shown, const fs::path& real, const DiscoveryOptions& options,
              DiscoveryResult& out)
      : shown_(shown), shownPrefix_(prefixOf(shown)), real_(real), realPrefix_(prefixOf(real)), options_(options),
        out_(out) {}

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
  // Keys are clean relative paths (no "." or ".."), so joining strings is
  // enough; only the root is normalised, once.
  std::string shownPath(const std::string& key) const { return shownPrefix_ + key; }

  void skip(const std::string& key, std::string code, std::string reason, bool error) {
    out_.skipped.push_back({shownPath(key), key, std::move(code), std::move(reason), error});
  }

  void addFile(const std::string& key) {
    out_.files.push_back({shownPath(key), realPrefix_ + key, key, false});
  }

  void addSymlink(const std::string& key) {
    std::error_code ec;
    fs::path target = fs::canonical(real_ / key, ec);
    if (ec) {
      // ELOOP is not a missing target: say which it is.
      skip(key, "dangling-symlink",
           ec == std::errc::too_many_symbolic_link_levels ? "symlink loop: its links lead back to themselves, so it has no target"
                                                          : "symlink whose target does not exist",
           false);
      return;
    }
    if (!target.string().starts_with(realPrefix_)) {
      skip(key, "symlink-outside-root", "symlink to " + target.string() + ", outside " + shown_.string(), false);
      return;
    }
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      // Reading a FIFO would wait for a writer forever; a device never ends.
      notRegular(key, "symlink to " + specialKind(st.st_mode));
      return;
    }
    out_.files.push_back({shownPath(key), target.string(), key, true});
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
      } else if (!fs::is_directory(status)) {
        struct stat st {};
        if (::lstat((real_ / key).c_str(), &st) == 0) notRegular(key, specialKind(st.st_mode));
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

  // Walks a folder with the descriptor-relative system calls: one open and a
  // few getdents per folder and no stat per entry (the kernel's d_type says
  // what each entry is). O_NOFOLLOW makes "never follow a symlinked folder"
  // hold even if the tree changes under us.
  //
  // Depth first with an explicit stack (no recursion per folder, so no depth
  // can overflow the call stack): each frame holds its folder's descriptor
  // and entries, so at most kMaxWalkDepth + 1 descriptors are open. A folder
  // deeper than kMaxWalkDepth below the root is not entered and is reported
  // as skipped [too-deep].
  void walk(const std::string& start) {
    struct Frame {
      std::string dir;
      int fd;
      std::vector<DirEntry> entries;
      std::size_t next = 0;
    };
    std::vector<Frame> stack;
    std::vector<char> buf(kGetdentsBytes);
    auto enter = [&](const std::string& dir, int parentFd) {
      // The walk's first folder is opened by its path (a nested repository
      // that git could not list starts a walk of its own), the others below
      // their parent's descriptor.
      int fd = dir.empty() ? ::open(real_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
               : parentFd == AT_FDCWD
                   ? ::open((real_ / dir).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                   : ::openat(parentFd, std::string(lastComponent(dir)).c_str(),
                              O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) {
        unreadable(dir, errno);
        return;
      }
      Frame frame{dir, fd, {}, 0};
      if (!readEntries(fd, buf, frame.entries)) {
        int err = errno;
        ::close(fd);
        unreadable(dir, err);
        return;
      }
      // A git work tree inside a plain folder is walked like any folder, its
      // .git left out: git runs only where the user pointed restage (the
      // root) and in what git itself lists there, since a nested
      // repository's config (core.fsmonitor) is a command anyone who wrote
      // the tree chose.
      stack.push_back(std::move(frame));
    };
    if (depthOf(start) > kMaxWalkDepth) {
      tooDeep(start);
      return;
    }
    enter(start, AT_FDCWD);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next == top.entries.size()) {
        ::close(top.fd);
        stack.pop_back();
        continue;
      }
      const DirEntry& e = top.entries[top.next++];
      std::string key = join(top.dir, e.name);
      if (e.type == DT_DIR) {
        if (isNeverEntered(e.name)) continue;
        if (depthOf(key) > kMaxWalkDepth) {
          tooDeep(key);
          continue;
        }
        enter(key, top.fd);  // may push: `top` is not used after this
      } else if (isDockerfileName(e.name)) {
        if (e.type == DT_LNK) {
          addSymlink(key);
        } else if (e.type == DT_REG) {
          addFile(key);
        } else {
          notRegular(key, specialKind(e.type));
        }
      }
    }
  }

  void tooDeep(const std::string& key) {
    skip(key, "too-deep",
         "folder more than " + std::to_string(kMaxWalkDepth) + " levels below the root, restage's limit; not searched",
         false);
  }

  void notRegular(const std::string& key, const std::string& what) {
    skip(key, "not-regular-file", "not a regular file (" + what + ")", false);
  }

  void unreadable(const std::string& dir, int err) {
    skip(dir.empty() ? "." : dir, "unreadable-directory",
         std::string("cannot read the folder: ") + std::strerror(err), true);
  }

  // "" for ".", else the normalised folder with one trailing slash.
  static std::string prefixOf(const fs::path& root) {
    std::string s = root.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    if (s == ".") return "";
    if (s.back() != '/') s += '/';
    return s;
  }

  fs::path shown_;
  std::string shownPrefix_;
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
  std::unordered_map<std::string, std::size_t> chosen;  // realPath -> index in files
  chosen.reserve(result.files.size());
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
                                "symlink to " + k.path + ", which is migrated on its own path", false});
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
    struct stat st {};
    if (::stat(real.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
      result.skipped.push_back({root, root.filename().string(), "not-regular-file",
                                "not a regular file (" + specialKind(st.st_mode) + ")", false});
      continue;
    }
    if (!fs::is_directory(real, ec)) {
      // A file named on the command line is taken whatever its name, but
      // not through a symlink out of its repository (io/Paths.h).
      if (auto escape = io::symlinkEscape(root)) {
        result.skipped.push_back({root, root.filename().string(), "symlink-outside-root", *escape, false});
        continue;
      }
      result.files.push_back({root.lexically_normal().string(), real.string(), root.filename().string(), false});
      continue;
    }
    RootScanner(root, real, options, result).scan("", true);
  }
  std::sort(result.files.begin(), result.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  dropDuplicates(result);
  std::sort(result.skipped.begin(), result.skipped.end(),
            [](const auto& a, const auto& b) { return byPath(a.path, b.path); });
  return result;
}

}  // namespace restage::batch
