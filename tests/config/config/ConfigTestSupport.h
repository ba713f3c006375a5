#pragma once
// A scratch folder tree for the configuration tests.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace restage::config::test {

class TempTree {
 public:
  TempTree() {
    std::string pattern = (std::filesystem::temp_directory_path() / "restage-config-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = std::filesystem::canonical(pattern);
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

  std::filesystem::path write(const std::string& rel, const std::string& content = "FROM scratch\n") const {
    auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + p.string());
    return p;
  }
  void mkdir(const std::string& rel) const { std::filesystem::create_directories(path_ / rel); }
  // Copies a folder (a test case's context) to `rel`.
  void copy(const std::filesystem::path& from, const std::string& rel) const {
    std::filesystem::create_directories(path_ / rel);
    std::filesystem::copy(from, path_ / rel, std::filesystem::copy_options::recursive);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace restage::config::test
