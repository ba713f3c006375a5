#include "io/FileIO.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>
#include <random>
#include <streambuf>

#include "Error.h"

namespace restage::io {

namespace fs = std::filesystem;

namespace {

std::atomic<std::size_t> gMaxFileBytes{kDefaultMaxFileBytes};
std::atomic<std::size_t> gMaxLines{kDefaultMaxLines};
std::atomic<std::size_t> gMaxWords{kDefaultMaxWords};

std::string kindOf(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a file";
}

std::string tooLarge(const fs::path& path, std::size_t size, std::size_t maxBytes, bool atLeast) {
  return path.string() + ": file too large: " + (atLeast ? "more than " : "") + std::to_string(size) +
         " bytes, over the limit of " + describeBytes(maxBytes) + " (change it with --max-file-size)";
}

// Closes the descriptor on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::size_t maxFileBytes() { return gMaxFileBytes.load(std::memory_order_relaxed); }
void setMaxFileBytes(std::size_t bytes) { gMaxFileBytes.store(bytes, std::memory_order_relaxed); }

std::size_t maxLines() { return gMaxLines.load(std::memory_order_relaxed); }
void setMaxLines(std::size_t lines) { gMaxLines.store(lines, std::memory_order_relaxed); }

std::size_t maxWords() { return gMaxWords.load(std::memory_order_relaxed); }
void setMaxWords(std::size_t words) { gMaxWords.store(words, std::memory_order_relaxed); }

std::string describeBytes(std::size_t bytes) {
  if (bytes != 0 && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes != 0 && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::size_t parseByteSize(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string unit = text.substr(digits);
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t shift = 0;
  if (unit.empty() || unit == "b") shift = 0;
  else if (unit == "k" || unit == "kb" || unit == "kib") shift = 10;
  else if (unit == "m" || unit == "mb" || unit == "mib") shift = 20;
  else if (unit == "g" || unit == "gb" || unit == "gib") shift = 30;
  else digits = 0;
  if (digits == 0 || digits > 12) {
    throw UsageError("--max-file-size: '" + text + "' is not a size (for example 4MiB, 512KiB, 100000)");
  }
  std::size_t n = std::stoull(text.substr(0, digits));
  if (n == 0 || n > (std::numeric_limits<std::size_t>::max() >> 31)) {
    throw UsageError("--max-file-size: '" + text + "' is out of range");
  }
  return n << shift;
}

std::string readFile(const fs::path& path) { return readFile(path, maxFileBytes()); }

std::string readFile(const fs::path& path, std::size_t maxBytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer. It changes
  // nothing for a regular file, the only kind read below.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (f.fd < 0) throw Error(path.string() + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw Error(path.string() + ": cannot read: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Error(path.string() + ": is a directory");
  if (!S_ISREG(st.st_mode)) throw Error(path.string() + ": not a regular file (" + kindOf(st.st_mode) + ")");
  if (static_cast<std::size_t>(st.st_size) > maxBytes) {
    throw Error(tooLarge(path, static_cast<std::size_t>(st.st_size), maxBytes, false));
  }
  std::string out;
  out.resize(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t done = 0;
  for (;;) {
    if (done == out.size()) {
      // The file grew since fstat: keep reading, within the limit.
      if (done > maxBytes) throw Error(tooLarge(path, maxBytes, maxBytes, true));
      out.resize(std::min(out.size() * 2, maxBytes + 1));
    }
    ssize_t n = ::read(f.fd, out.data() + done, out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(path.string() + ": read failed: " + std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done > maxBytes) throw Error(tooLarge(path, maxBytes, maxBytes, true));
  out.resize(done);
  return out;
}

void writeFileAtomic(const fs::path& path, const std::string& content, const std::string* expectedOriginal) {
  // lstat: a symlink at `path` is replaced, never followed, so its target
  // (which the repository may point anywhere) is neither written nor
  // consulted for permissions. The new file is then 0644.
  struct stat st {};
  bool exists = ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::random_device rd;
  // Built with append: GCC 12 reports a false -Wrestrict for "literal" + std::string&&.
  std::string tmpName = ".";
  tmpName.append(path.filename().string()).append(".restage-").append(std::to_string(rd())).append(".tmp");
  // The temporary file and the rename go through one descriptor of the
  // folder, so both happen in the same folder; O_EXCL|O_NOFOLLOW: a file or
  // symlink already at the temporary name is an error, never opened.
  Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd < 0) throw Error(path.string() + ": cannot open its folder: " + std::strerror(errno));
  std::string name = path.filename().string();
  int fd = ::openat(d.fd, tmpName.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    exists ? (st.st_mode & 07777) : 0644);
  if (fd < 0) throw Error(path.string() + ": cannot create temporary file: " + std::strerror(errno));
  auto fail = [&](const std::string& what) {
    int err = errno;
    ::close(fd);
    ::unlinkat(d.fd, tmpName.c_str(), 0);
    throw Error(path.string() + ": " + what + ": " + std::strerror(err));
  };
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write failed");
    }
    done += static_cast<std::size_t>(n);
  }
  if (exists) {
    if (::fchmod(fd, st.st_mode & 07777) != 0) fail("cannot set permissions");
    if (::fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM) fail("cannot set owner");
  }
  if (::fsync(fd) != 0) fail("fsync failed");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlinkat(d.fd, tmpName.c_str(), 0);
    throw Error(path.string() + ": close failed: " + std::strerror(err));
  }
  if (expectedOriginal != nullptr) {
    // The last look before the rename: someone may have saved the file
    // while restage worked on it, and their edit must not be lost.
    bool same = false;
    try {
      same = readFile(path, expectedOriginal->size()) == *expectedOriginal;
    } catch (const Error&) {
      same = false;
    }
    if (!same) {
      ::unlinkat(d.fd, tmpName.c_str(), 0);
      throw Error(path.string() + ": changed since restage read it; not replaced (run restage again)");
    }
  }
  if (::renameat(d.fd, tmpName.c_str(), d.fd, name.c_str()) != 0) {
    int err = errno;
    ::unlinkat(d.fd, tmpName.c_str(), 0);
    throw Error(path.string() + ": cannot replace: " + std::strerror(err));
  }
  // The rename is an entry of the folder: sync it too. Some file systems
  // cannot sync a folder (EINVAL); there is nothing more to do on those.
  if (::fsync(d.fd) != 0 && errno != EINVAL && errno != EROFS) {
    throw Error(path.string() + ": replaced, but syncing its folder failed: " + std::strerror(errno));
  }
}

bool isNormalAbsolute(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  // Each element between slashes: not empty, not `.`, not `..`.
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view element = path.substr(start, end - start);
    if (element.empty() || element == "." || element == "..") return false;
    start = end + 1;
  }
  return true;
}

namespace {

// A stream buffer over a descriptor; write errors are kept for commit().
class FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
  int error() const { return error_; }

 protected:
  int overflow(int c) override {
    if (!flushBuffer()) return traits_type::eof();
    if (c != traits_type::eof()) {
      *pptr() = static_cast<char>(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flushBuffer() ? 0 : -1; }

 private:
  bool flushBuffer() {
    const char* p = pbase();
    while (p < pptr()) {
      ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      p += n;
    }
    setp(buf_, buf_ + sizeof buf_);
    return true;
  }
  int fd_;
  int error_ = 0;
  char buf_[1 << 16];
};

}  // namespace

struct ReplacingFile::State {
  fs::path path;
  std::string name;
  std::string tmpName;
  Fd dir{-1};
  Fd file{-1};
  std::unique_ptr<FdBuf> buf;
  std::unique_ptr<std::ostream> out;
  bool committed = false;
};

ReplacingFile::ReplacingFile(const fs::path& path) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.path = path;
  s.name = path.filename().string();
  if (s.name.empty() || s.name == "." || s.name == "..") throw Error(path.string() + ": not a file name");
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  s.dir.fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (s.dir.fd < 0) throw Error(path.string() + ": cannot open its folder: " + std::strerror(errno));
  std::random_device rd;
  std::string tmpName(1, '.');
  tmpName.append(s.name).append(".restage-").append(std::to_string(rd())).append(".tmp");
  s.tmpName = std::move(tmpName);
  s.file.fd = ::openat(s.dir.fd, s.tmpName.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (s.file.fd < 0) throw Error(path.string() + ": cannot create temporary file: " + std::strerror(errno));
  s.buf = std::make_unique<FdBuf>(s.file.fd);
  s.out = std::make_unique<std::ostream>(s.buf.get());
}

ReplacingFile::~ReplacingFile() {
  if (state_ && !state_->committed && state_->dir.fd >= 0) ::unlinkat(state_->dir.fd, state_->tmpName.c_str(), 0);
}

std::ostream& ReplacingFile::stream() { return *state_->out; }

void ReplacingFile::commit() {
  State& s = *state_;
  s.out->flush();
  auto fail = [&](const std::string& what, int err) {
    throw Error(s.path.string() + ": " + what + ": " + std::strerror(err));
  };
  if (s.buf->error() != 0) fail("write failed", s.buf->error());
  if (!*s.out) fail("write failed", EIO);
  if (::fsync(s.file.fd) != 0) fail("fsync failed", errno);
  int fd = s.file.fd;
  s.file.fd = -1;
  if (::close(fd) != 0) fail("close failed", errno);
  if (::renameat(s.dir.fd, s.tmpName.c_str(), s.dir.fd, s.name.c_str()) != 0) fail("cannot replace", errno);
  s.committed = true;
  if (::fsync(s.dir.fd) != 0 && errno != EINVAL && errno != EROFS) {
    fail("replaced, but syncing its folder failed", errno);
  }
}

}  // namespace restage::io
