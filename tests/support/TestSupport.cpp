#include "support/TestSupport.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace restage::test {

namespace fs = std::filesystem;

fs::path sharedDir() {
  if (const char* env = std::getenv("RESTAGE_SHARED")) return env;
  return RESTAGE_DEFAULT_SHARED_DIR;
}

fs::path corpusDir() {
  fs::path dir = sharedDir() / "corpus";
  if (!fs::is_directory(dir)) throw std::runtime_error("shared corpus not found at " + dir.string());
  return dir;
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> dockerfilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name == "Dockerfile" || name.ends_with(".Dockerfile")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

namespace {
std::string slurp(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}
}  // namespace

RunResult runRestage(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  char outTemplate[] = "/tmp/restage-test-out-XXXXXX";
  char errTemplate[] = "/tmp/restage-test-err-XXXXXX";
  int outFd = ::mkstemp(outTemplate);
  int errFd = ::mkstemp(errTemplate);
  if (outFd < 0 || errFd < 0) throw std::runtime_error("mkstemp failed");
  ::unlink(outTemplate);
  ::unlink(errTemplate);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(127);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    ::dup2(outFd, 1);
    ::dup2(errFd, 2);
    std::vector<char*> argv;
    std::string binary = RESTAGE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  ::lseek(outFd, 0, SEEK_SET);
  ::lseek(errFd, 0, SEEK_SET);
  r.out = slurp(outFd);
  r.err = slurp(errFd);
  ::close(outFd);
  ::close(errFd);
  return r;
}

std::map<std::string, std::string> outcomesByPath(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  for (const auto& f : report.at("files")) {
    out[f.at("path").get<std::string>()] = f.at("status").get<std::string>() + " " + f.at("code").get<std::string>();
  }
  return out;
}

TempTree::TempTree() {
  std::string pattern = (fs::temp_directory_path() / "restage-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = fs::canonical(pattern);
}

TempTree::~TempTree() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempTree::write(const std::string& rel, const std::string& content) const {
  auto p = path_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + p.string());
  return p;
}

void TempTree::mkdir(const std::string& rel) const { fs::create_directories(path_ / rel); }

void TempTree::copy(const fs::path& from, const std::string& rel) const {
  fs::create_directories(path_ / rel);
  fs::copy(from, path_ / rel, fs::copy_options::recursive);
}

void TempTree::symlink(const std::string& target, const std::string& rel) const {
  auto p = path_ / rel;
  fs::create_directories(p.parent_path());
  fs::create_symlink(target, p);
}

}  // namespace restage::test
