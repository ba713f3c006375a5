#include "SuggestTestSupport.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "support/TestSupport.h"

namespace restage::suggest::test {

namespace fs = std::filesystem;

namespace {

std::string slurp(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  ::lseek(fd, 0, SEEK_SET);
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  return s;
}

int tempFile() {
  char name[] = "/tmp/restage-suggest-test-XXXXXX";
  int fd = ::mkstemp(name);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::unlink(name);
  return fd;
}

}  // namespace

Run runCommand(const std::vector<std::string>& argv, const fs::path& cwd) {
  int outFd = tempFile();
  int errFd = tempFile();
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    ::dup2(outFd, 1);
    ::dup2(errFd, 2);
    std::vector<std::string> copy = argv;
    std::vector<char*> cargv;
    for (auto& a : copy) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    ::execvp(cargv[0], cargv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  Run r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(outFd);
  r.err = slurp(errFd);
  ::close(outFd);
  ::close(errFd);
  return r;
}

std::string restageBinary() { return RESTAGE_BINARY; }

void writeText(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

const std::vector<CorpusFile>& corpusMigrations() {
  static const std::vector<CorpusFile> files = [] {
    std::vector<CorpusFile> all;
    fs::path root = restage::test::corpusDir() / "realworld";
    for (const char* lang : {"node", "go", "cpp"}) {
      std::vector<fs::path> found;
      for (const auto& e : fs::directory_iterator(root / lang)) {
        if (e.is_regular_file()) found.push_back(e.path());
      }
      std::sort(found.begin(), found.end());
      for (const auto& f : found) {
        all.push_back({fs::relative(f, root).generic_string(), f, migrate::migrateFile(f, {})});
      }
    }
    return all;
  }();
  return files;
}

std::string applyLinewise(const std::string& original, std::vector<LineEdit> edits) {
  // Line starts, and the end of each line's content (before its terminator).
  std::vector<std::size_t> start, contentEnd;
  for (std::size_t at = 0; at < original.size();) {
    std::size_t nl = original.find('\n', at);
    std::size_t end = nl == std::string::npos ? original.size() : nl;
    start.push_back(at);
    contentEnd.push_back(end > at && original[end - 1] == '\r' && nl != std::string::npos ? end - 1 : end);
    at = nl == std::string::npos ? original.size() : nl + 1;
  }
  std::sort(edits.begin(), edits.end(), [](const LineEdit& a, const LineEdit& b) { return a.startLine < b.startLine; });
  std::string out;
  std::size_t at = 0;
  for (const auto& e : edits) {
    if (e.startLine < 1 || e.endLine < e.startLine || e.endLine > start.size()) {
      throw std::invalid_argument("linewise edit outside the file");
    }
    std::size_t from = start[e.startLine - 1];
    std::size_t to = contentEnd[e.endLine - 1];  // the last line's terminator stays
    if (from < at) throw std::invalid_argument("overlapping linewise edits");
    out += original.substr(at, from - at);
    out += e.text;
    at = to;
  }
  out += original.substr(at);
  return out;
}

namespace {

// Byte offset of a SARIF (line, UTF-16 column) position.
std::size_t sarifOffset(const std::string& text, std::size_t line, std::size_t column) {
  std::size_t at = 0;
  for (std::size_t l = 1; l < line; ++l) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) throw std::invalid_argument("SARIF line past the end");
    at = nl + 1;
  }
  for (std::size_t units = 1; units < column; ++units) {
    if (at >= text.size() || text[at] == '\n') throw std::invalid_argument("SARIF column past the line");
    auto c = static_cast<unsigned char>(text[at]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    if (len == 4) ++units;  // a surrogate pair
    at += len;
  }
  return at;
}

}  // namespace

std::string applySarifReplacements(const std::string& original, const nlohmann::json& replacements) {
  struct Piece {
    std::size_t from, to;
    std::string text;
  };
  std::vector<Piece> pieces;
  for (const auto& r : replacements) {
    const auto& d = r.at("deletedRegion");
    std::size_t from = sarifOffset(original, d.at("startLine"), d.value("startColumn", 1));
    std::size_t to = sarifOffset(original, d.at("endLine"), d.at("endColumn"));
    pieces.push_back({from, to, r.contains("insertedContent") ? r["insertedContent"].value("text", "") : ""});
  }
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.from < b.from; });
  std::string out;
  std::size_t at = 0;
  for (const auto& p : pieces) {
    if (p.from < at || p.to < p.from) throw std::invalid_argument("overlapping SARIF replacements");
    out += original.substr(at, p.from - at) + p.text;
    at = p.to;
  }
  return out + original.substr(at);
}

fs::path schemasDir() { return restage::test::sharedDir() / "schemas"; }

fs::path testSourceDir() { return RESTAGE_SUGGEST_TEST_DIR; }

}  // namespace restage::suggest::test
