#pragma once
// Reads the attack-surface figures from an image's root filesystem: the
// user it runs as (named through its /etc/passwd), its installed package
// count (the dpkg and apk databases, as scanners read them) and whether a
// shell, a compiler or a package manager is present.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "verify/Observation.h"

namespace restage::verify {

// A read-only view of an image's files: a mounted root folder, or an
// index built from a `docker export` tar stream.
class RootFs {
 public:
  virtual ~RootFs() = default;
  // The file's content when `path` (absolute inside the image, symlinks
  // resolved inside the image) is a regular file; nullopt otherwise.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // Whether `path` resolves to something that is not a directory.
  virtual bool isFile(const std::string& path) const = 0;
  // Names in a directory (empty when it is not one).
  virtual std::vector<std::string> list(const std::string& dir) const = 0;
};

// A root folder on this machine (buildah/podman mount). Symlinks are
// resolved against that folder, never against the host's /.
class MountedRootFs : public RootFs {
 public:
  explicit MountedRootFs(std::filesystem::path root) : root_(std::move(root)) {}
  std::optional<std::string> read(const std::string& path) const override;
  bool isFile(const std::string& path) const override;
  std::vector<std::string> list(const std::string& dir) const override;

 private:
  std::optional<std::filesystem::path> resolve(const std::string& path) const;
  std::filesystem::path root_;
};

// An image filesystem read from a tar stream (docker export): regular
// files up to a size limit kept when their content is needed, symlinks and
// the set of names kept for every entry.
class TarRootFs : public RootFs {
 public:
  // Reads the archive at `tarFile`, streaming. Throws restage::Error on a
  // file that is not a tar archive.
  explicit TarRootFs(const std::filesystem::path& tarFile);
  std::optional<std::string> read(const std::string& path) const override;
  bool isFile(const std::string& path) const override;
  std::vector<std::string> list(const std::string& dir) const override;

 private:
  struct Entry {
    char type = '0';  // '0' file, '2' symlink, '5' dir, '1' hard link
    std::string link;
    std::optional<std::string> content;
  };
  std::optional<std::string> resolve(const std::string& path) const;
  std::map<std::string, Entry> entries_;
};

// Fills the filesystem figures of `facts` (user name, packages, shells,
// compilers, package managers); `facts.user` must already be set.
void readImageFacts(const RootFs& fs, ImageFacts& facts);

// Counts installed packages in a dpkg status file ("Status: install ok installed").
int countDpkgInstalled(const std::string& status);
// Counts packages in an apk database (lines "P:").
int countApkInstalled(const std::string& installed);

}  // namespace restage::verify
