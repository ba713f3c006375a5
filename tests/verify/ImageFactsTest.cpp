// The attack-surface figures, read from a root folder and from a tar stream.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "verify/ImageFacts.h"

using namespace restage::verify;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// A small Debian-like root: merged /bin -> usr/bin (absolute link, which must
// resolve inside the root), a shell, gcc, apt-get, two packages, user app.
fs::path makeRoot() {
  fs::path root = fs::temp_directory_path() / ("restage-verify-root-" + std::to_string(::getpid()));
  fs::remove_all(root);
  put(root / "usr/bin/dash", "#!");
  fs::create_directory_symlink("/usr/bin", root / "bin");
  fs::create_symlink("dash", root / "usr/bin/sh");
  put(root / "usr/bin/gcc-12", "elf");
  fs::create_symlink("gcc-12", root / "usr/bin/gcc");
  put(root / "usr/bin/apt-get", "elf");
  fs::create_symlink("/nonexistent/go", root / "usr/bin/go");  // dangling: not present
  put(root / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
  put(root / "var/lib/dpkg/status",
      "Package: libc6\nStatus: install ok installed\n\nPackage: gcc-12\nStatus: install ok installed\n\n"
      "Package: old\nStatus: deinstall ok config-files\n");
  return root;
}

}  // namespace

TEST_CASE("package databases", "[facts]") {
  CHECK(countDpkgInstalled("Status: install ok installed\n\nStatus: deinstall ok config-files\n"
                           "Status: install ok installed\r\n") == 2);
  CHECK(countApkInstalled("C:x\nP:musl\nV:1\n\nP:busybox\n") == 2);
}

TEST_CASE("a mounted root: links resolve inside it", "[facts]") {
  fs::path root = makeRoot();
  MountedRootFs fs(root);
  CHECK(fs.isFile("/bin/sh"));
  CHECK(fs.read("/bin/sh") == std::string("#!"));
  CHECK_FALSE(fs.isFile("/usr/bin/go"));
  CHECK_FALSE(fs.isFile("/etc/shadow"));  // the host's, if any, is never read
  CHECK_FALSE(fs.read("/../../etc/hostname"));
  ImageFacts f;
  f.user = "1000:1000";
  readImageFacts(fs, f);
  CHECK(f.userName == "app");
  CHECK_FALSE(f.runsAsRoot);
  REQUIRE(f.packages);
  CHECK(*f.packages == 2);
  CHECK(f.packageDatabase == "dpkg");
  CHECK(f.shells == std::vector<std::string>{"sh", "dash"});
  CHECK(f.compilers == std::vector<std::string>{"gcc"});
  CHECK(f.packageManagers == std::vector<std::string>{"apt-get"});
  fs::remove_all(root);
}

TEST_CASE("an empty root: nonroot user, no database, nothing present", "[facts]") {
  fs::path root = fs::temp_directory_path() / ("restage-verify-empty-" + std::to_string(::getpid()));
  fs::create_directories(root / "etc");
  put(root / "etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n");
  put(root / "var/lib/dpkg/status.d/base-files", "Package: base-files\n");
  put(root / "var/lib/dpkg/status.d/base-files.md5sums", "x\n");
  put(root / "var/lib/dpkg/status.d/tzdata", "Package: tzdata\n");
  MountedRootFs fs(root);
  ImageFacts f;
  f.user = "65532";
  readImageFacts(fs, f);
  CHECK(f.userName == "nonroot");
  CHECK_FALSE(f.runsAsRoot);
  CHECK(f.packages == 2);  // distroless keeps one status file per package
  CHECK(f.shells.empty());
  CHECK(f.compilers.empty());
  ImageFacts r;
  readImageFacts(fs, r);  // no USER: root
  CHECK(r.userName == "root");
  CHECK(r.runsAsRoot);
  fs::remove_all(root);
}

TEST_CASE("a tar stream (docker export) reads like the folder", "[facts]") {
  fs::path root = makeRoot();
  fs::path tar = root.string() + ".tar";
  std::string cmd = "tar -C " + root.string() + " -cf " + tar.string() + " .";
  REQUIRE(std::system(cmd.c_str()) == 0);
  TarRootFs fs(tar);
  CHECK(fs.isFile("/bin/sh"));
  CHECK(fs.read("/etc/passwd").has_value());
  ImageFacts f;
  f.user = "app";
  readImageFacts(fs, f);
  CHECK(f.userName == "app");
  CHECK(f.packages == 2);
  CHECK(f.shells == std::vector<std::string>{"sh", "dash"});
  CHECK(f.compilers == std::vector<std::string>{"gcc"});
  CHECK(f.packageManagers == std::vector<std::string>{"apt-get"});
  std::ofstream(tar) << "not a tar archive at all, but long enough to hold a header block? no.";
  CHECK_THROWS(TarRootFs(tar));
  fs::remove_all(root);
  fs::remove(tar);
}
