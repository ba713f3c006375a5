#include "batch/GitFiles.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "io/Paths.h"

extern char** environ;

namespace restage::batch {

namespace {

// Runs argv (argv[0] an absolute path) and returns its standard output, or nothing
// when it cannot start or exits non-zero. stdin and stderr are /dev/null.
std::optional<std::string> capture(const std::optional<std::vector<std::string>>& command) {
  if (!command) return std::nullopt;  // no git on PATH
  const std::vector<std::string>& args = *command;
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);

  std::vector<char*> argv;
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  // A caller running inside a git hook may have GIT_DIR and friends set for
  // another repository; they would redirect `git -C dir`.
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) {
    std::string_view var(*e);
    if (var.starts_with("GIT_DIR=") || var.starts_with("GIT_WORK_TREE=") ||
        var.starts_with("GIT_INDEX_FILE=") || var.starts_with("GIT_COMMON_DIR=")) {
      continue;
    }
    env.push_back(*e);
  }
  env.push_back(nullptr);

  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipeFds[1]);
  if (rc != 0) {
    ::close(pipeFds[0]);
    return std::nullopt;
  }
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(pipeFds[0], buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(pipeFds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

template <typename Fn>
void forEachRecord(std::string_view out, Fn fn) {
  while (!out.empty()) {
    auto nul = out.find('\0');
    std::string_view record = out.substr(0, nul);
    if (!record.empty()) fn(record);
    if (nul == std::string_view::npos) break;
    out.remove_prefix(nul + 1);
  }
}

}  // namespace

std::optional<GitFiles> listGitFiles(const std::filesystem::path& dir) {
  // Tracked entries with their modes (to tell submodules, mode 160000, from
  // files), then the untracked files git does not ignore.
  auto staged = capture(io::gitCommand(dir, {"ls-files", "-z", "--stage"}));
  if (!staged) return std::nullopt;
  auto others = capture(io::gitCommand(dir, {"ls-files", "-z", "--others", "--exclude-standard"}));
  if (!others) return std::nullopt;

  GitFiles result;
  forEachRecord(*staged, [&](std::string_view record) {
    // "<mode> <object> <stage>\t<path>"
    auto tab = record.find('\t');
    if (tab == std::string_view::npos) return;
    std::string path(record.substr(tab + 1));
    if (record.starts_with("160000 ")) {
      result.nestedRepos.push_back(std::move(path));
    } else {
      result.files.push_back(std::move(path));
    }
  });
  forEachRecord(*others, [&](std::string_view record) {
    // An untracked folder that is a repository of its own ends with '/'.
    if (record.ends_with('/')) {
      record.remove_suffix(1);
      result.nestedRepos.emplace_back(record);
    } else {
      result.files.emplace_back(record);
    }
  });
  // A file in a merge conflict is listed once per stage.
  std::sort(result.files.begin(), result.files.end());
  result.files.erase(std::unique(result.files.begin(), result.files.end()), result.files.end());
  std::sort(result.nestedRepos.begin(), result.nestedRepos.end());
  result.nestedRepos.erase(std::unique(result.nestedRepos.begin(), result.nestedRepos.end()),
                           result.nestedRepos.end());
  return result;
}

}  // namespace restage::batch
