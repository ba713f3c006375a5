#include "suggest/ChangedFiles.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "Error.h"
#include "io/FileIO.h"
#include "io/Paths.h"

namespace restage::suggest {

namespace fs = std::filesystem;

std::string_view changeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Modified: return "modified";
    case ChangeKind::Renamed: return "renamed";
    case ChangeKind::Copied: return "copied";
    case ChangeKind::Deleted: return "deleted";
    case ChangeKind::TypeChanged: return "type-changed";
    case ChangeKind::Unmerged: return "unmerged";
    case ChangeKind::Untracked: return "untracked";
  }
  return "modified";
}

std::vector<ChangedFile> parseNameStatus(std::string_view output) {
  std::vector<std::string_view> fields;
  for (std::size_t at = 0; at < output.size();) {
    std::size_t nul = output.find('\0', at);
    if (nul == std::string_view::npos) throw Error("git diff: unterminated -z output");
    fields.push_back(output.substr(at, nul - at));
    at = nul + 1;
  }
  std::vector<ChangedFile> files;
  for (std::size_t k = 0; k < fields.size();) {
    std::string_view status = fields[k++];
    if (status.empty()) throw Error("git diff: empty status field");
    ChangedFile f{ChangeKind::Modified, {}, {}};
    bool twoPaths = false;
    switch (status[0]) {
      case 'A': f.kind = ChangeKind::Added; break;
      case 'M': f.kind = ChangeKind::Modified; break;
      case 'D': f.kind = ChangeKind::Deleted; break;
      case 'T': f.kind = ChangeKind::TypeChanged; break;
      case 'U': f.kind = ChangeKind::Unmerged; break;
      case 'R': f.kind = ChangeKind::Renamed; twoPaths = true; break;
      case 'C': f.kind = ChangeKind::Copied; twoPaths = true; break;
      default: throw Error("git diff: unknown status '" + std::string(status) + "'");
    }
    if (k + (twoPaths ? 2 : 1) > fields.size()) throw Error("git diff: missing path after status");
    if (twoPaths) f.oldPath = fields[k++];
    f.path = fields[k++];
    files.push_back(std::move(f));
  }
  return files;
}

namespace {

struct GitRun {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs git (no shell) in `dir` and collects its output.
GitRun runGit(const fs::path& dir, const std::vector<std::string>& args) {
  std::optional<std::vector<std::string>> command = io::gitCommand(dir, args);
  // As a failed exec: the callers say "needs git".
  if (!command) return GitRun{127, "", "git: not found on PATH (empty and relative PATH elements are skipped)\n"};
  int outPipe[2], errPipe[2];
  if (::pipe(outPipe) != 0) throw Error(std::string("cannot run git: ") + std::strerror(errno));
  if (::pipe(errPipe) != 0) {
    ::close(outPipe[0]);
    ::close(outPipe[1]);
    throw Error(std::string("cannot run git: ") + std::strerror(errno));
  }
  std::vector<std::string>& argv = *command;
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) throw Error(std::string("cannot run git: ") + std::strerror(errno));
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(outPipe[1], 1);
    ::dup2(errPipe[1], 2);
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    ::execv(cargv[0], cargv.data());
    const char msg[] = "cannot execute git\n";
    (void)!::write(2, msg, sizeof msg - 1);
    ::_exit(127);
  }
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  GitRun run;
  pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&run.out, &run.err};
  int open = 2;
  char buf[65536];
  while (open > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[k]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[k].fd);
        fds[k].fd = -1;
        --open;
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) ::close(f.fd);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

std::string firstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "no message" : line;
}

}  // namespace

namespace {

// The commit changes are counted from: the merge base of `ref` and HEAD, or
// `ref` itself when there is none.
std::string baseCommit(const std::string& ref, const fs::path& dir) {
  if (ref.empty() || ref.starts_with('-')) throw UsageError("--changed-from: '" + ref + "' is not a revision");
  GitRun commit = runGit(dir, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"});
  if (commit.status != 0) {
    if (commit.status == 127) throw Error("--changed-from needs git: " + firstLine(commit.err));
    throw Error("--changed-from: '" + ref + "' names no commit in " + dir.string() +
                (commit.err.empty() ? "" : ": " + firstLine(commit.err)));
  }
  std::string base = commit.out.substr(0, commit.out.find('\n'));
  GitRun mergeBase = runGit(dir, {"merge-base", base, "HEAD"});
  if (mergeBase.status == 0) base = mergeBase.out.substr(0, mergeBase.out.find('\n'));
  return base;
}

}  // namespace

std::vector<ChangedFile> changedFiles(const std::string& ref, const fs::path& dir) {
  std::string base = baseCommit(ref, dir);
  GitRun diff = runGit(dir, {"diff", "--name-status", "-z", "--find-renames", "--relative", "--no-ext-diff",
                             base, "--"});
  if (diff.status != 0) throw Error("git diff " + ref + ": " + firstLine(diff.err));
  std::vector<ChangedFile> files = parseNameStatus(diff.out);

  GitRun untracked = runGit(dir, {"ls-files", "--others", "--exclude-standard", "-z", "--", "."});
  if (untracked.status != 0) throw Error("git ls-files: " + firstLine(untracked.err));
  std::string_view rest = untracked.out;
  while (!rest.empty()) {
    std::size_t nul = rest.find('\0');
    std::string_view path = rest.substr(0, nul);
    if (!path.empty()) files.push_back({ChangeKind::Untracked, std::string(path), {}});
    rest = nul == std::string_view::npos ? std::string_view{} : rest.substr(nul + 1);
  }
  return files;
}

namespace {

// The number at text[k..] (advancing k), nullopt when there is none or it overflows.
std::optional<std::size_t> number(std::string_view text, std::size_t& k) {
  if (k >= text.size() || !std::isdigit(static_cast<unsigned char>(text[k]))) return std::nullopt;
  std::size_t n = 0;
  while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) {
    if (n > 100000000) return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(text[k++] - '0');
  }
  return n;
}

// `@@ -a[,b] +c[,d] @@...`: the old and new line counts and the new start.
struct HunkHeader {
  std::size_t oldCount = 1, newStart = 0, newCount = 1;
};
std::optional<HunkHeader> hunkHeader(std::string_view line) {
  if (!line.starts_with("@@ -")) return std::nullopt;
  HunkHeader h;
  std::size_t k = 4;
  if (!number(line, k)) return std::nullopt;
  if (k < line.size() && line[k] == ',') {
    ++k;
    auto c = number(line, k);
    if (!c) return std::nullopt;
    h.oldCount = *c;
  }
  if (line.substr(k, 2) != " +") return std::nullopt;
  k += 2;
  auto start = number(line, k);
  if (!start) return std::nullopt;
  h.newStart = *start;
  if (k < line.size() && line[k] == ',') {
    ++k;
    auto c = number(line, k);
    if (!c) return std::nullopt;
    h.newCount = *c;
  }
  if (line.substr(k, 3) != " @@") return std::nullopt;
  return h;
}

}  // namespace

std::map<std::string, std::vector<LineSpan>> parseAddedLines(std::string_view diff) {
  std::map<std::string, std::vector<LineSpan>> added;
  enum class State { Outside, Headers, Hunks } state = State::Outside;
  std::string current;  // empty: a file whose name git quoted, or deleted
  std::size_t oldLeft = 0, newLeft = 0;  // lines of the current hunk still to come
  std::string_view rest = diff;
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (oldLeft > 0 || newLeft > 0) {
      // Inside a hunk: every line is content, whatever it looks like.
      if (line.starts_with('+') && newLeft > 0) --newLeft;
      else if (line.starts_with('-') && oldLeft > 0) --oldLeft;
      else if (line.starts_with(' ') && oldLeft > 0 && newLeft > 0) --oldLeft, --newLeft;
      else if (!line.starts_with('\\')) oldLeft = newLeft = 0, state = State::Outside;  // not git's output
      continue;
    }
    if (line.starts_with("diff --git ")) {
      state = State::Headers;
      current.clear();
      continue;
    }
    if (state == State::Headers) {
      if (line.starts_with("+++ ")) {
        current = line.starts_with("+++ b/") ? std::string(line.substr(6)) : std::string();
        if (!current.empty()) added[current];
      } else if (auto h = hunkHeader(line)) {
        state = State::Hunks;
      } else {
        continue;  // index, mode, rename, similarity, ---, Binary files ...
      }
    }
    if (state == State::Hunks) {
      auto h = hunkHeader(line);
      if (!h) {
        if (!line.starts_with('\\')) state = State::Outside;
        continue;
      }
      oldLeft = h->oldCount;
      newLeft = h->newCount;
      if (!current.empty() && h->newCount > 0) added[current].push_back({h->newStart, h->newStart + h->newCount - 1});
    }
  }
  return added;
}

std::map<std::string, std::vector<LineSpan>> addedLines(const std::string& ref, const fs::path& dir) {
  std::string base = baseCommit(ref, dir);
  GitRun diff = runGit(dir, {"diff", "-U0", "--no-color", "--no-ext-diff", "--find-renames", "--relative",
                             "--src-prefix=a/", "--dst-prefix=b/", base, "--"});
  if (diff.status != 0) throw Error("git diff " + ref + ": " + firstLine(diff.err));
  std::map<std::string, std::vector<LineSpan>> added = parseAddedLines(diff.out);
  // Untracked files are added whole.
  for (const auto& f : changedFiles(ref, dir)) {
    if (f.kind != ChangeKind::Untracked) continue;
    std::string text;
    try {
      text = io::readFile(dir / f.path);
    } catch (const Error&) {
      continue;
    }
    std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n') ++lines;
    if (lines > 0) added[f.path] = {{1, lines}};
  }
  return added;
}

std::vector<std::string> changedDockerfiles(const std::string& ref, const fs::path& dir) {
  std::vector<std::string> paths;
  for (const auto& f : changedFiles(ref, dir)) {
    if (f.kind == ChangeKind::Deleted || !isDockerfileName(f.path)) continue;
    std::error_code ec;
    if (!fs::is_regular_file(dir / f.path, ec)) continue;  // e.g. deleted from the work tree only
    paths.push_back(f.path);
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

}  // namespace restage::suggest
