#include "io/FileIO.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "Error.h"

namespace restage::io {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error(path.string() + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot open: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(path.string() + ": read failed");
  return ss.str();
}

void writeFileAtomic(const fs::path& path, const std::string& content) {
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::random_device rd;
  // Built with append: GCC 12 reports a false -Wrestrict for "literal" + std::string&&.
  std::string tmpName = ".";
  tmpName.append(path.filename().string()).append(".restage-").append(std::to_string(rd())).append(".tmp");
  fs::path tmp = dir / tmpName;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, exists ? (st.st_mode & 07777) : 0644);
  if (fd < 0) throw Error(path.string() + ": cannot create temporary file: " + std::strerror(errno));
  auto fail = [&](const std::string& what) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
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
    ::unlink(tmp.c_str());
    throw Error(path.string() + ": close failed: " + std::strerror(err));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error(path.string() + ": cannot replace: " + std::strerror(err));
  }
}

}  // namespace restage::io
