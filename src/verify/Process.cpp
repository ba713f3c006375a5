#include "verify/Process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "Error.h"
#include "io/Paths.h"

extern char** environ;

namespace restage::verify {

namespace {

std::atomic<int> gSignal{0};

void onSignal(int sig) { gSignal.store(sig); }

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

void installInterruptHandlers() {
  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking poll() returns EINTR at once
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
  // A reader that goes away (| head) must not kill restage before clean-up.
  signal(SIGPIPE, SIG_IGN);
}

bool interrupted() { return gSignal.load() != 0; }
int interruptSignal() { return gSignal.load(); }

Process::Process(const Argv& argv, const std::string& outputFile) {
  if (argv.empty()) throw Error("internal: empty command");
  // Resolved here, not by execvp: an empty or relative PATH element would
  // run a program of the current folder (the checkout) of that name.
  std::optional<std::string> program = io::findExecutable(argv[0]);
  if (!program) {
    throw Error("cannot run '" + argv[0] + "': not found on PATH (empty and relative PATH elements are skipped)");
  }
  int outPipe[2], errPipe[2], execPipe[2];
  if (pipe2(outPipe, O_CLOEXEC) != 0 || pipe2(errPipe, O_CLOEXEC) != 0 || pipe2(execPipe, O_CLOEXEC) != 0) {
    throw Error(std::string("pipe: ") + std::strerror(errno));
  }
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw Error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    setpgid(0, 0);
    // Children get default signal dispositions back.
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) signal(sig, SIG_DFL);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    if (!outputFile.empty()) {
      int fd = open(outputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd < 0) _exit(126);
      dup2(fd, 1);
      dup2(fd, 2);
    } else {
      dup2(outPipe[1], 1);
      dup2(errPipe[1], 2);
    }
    execv(program->c_str(), cargv.data());
    int e = errno;
    ssize_t ignored = write(execPipe[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  setpgid(pid_, pid_);  // also here, so the group exists before any kill
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  ::close(execPipe[1]);
  int e = 0;
  ssize_t n;
  do {
    n = read(execPipe[0], &e, sizeof e);
  } while (n < 0 && errno == EINTR);
  ::close(execPipe[0]);
  outFd_ = outPipe[0];
  errFd_ = errPipe[0];
  if (n == static_cast<ssize_t>(sizeof e)) {
    int st;
    waitpid(pid_, &st, 0);
    closeFd(outFd_);
    closeFd(errFd_);
    pid_ = -1;
    throw Error("cannot run '" + argv[0] + "': " + std::strerror(e));
  }
  fcntl(outFd_, F_SETFL, O_NONBLOCK);
  fcntl(errFd_, F_SETFL, O_NONBLOCK);
}

Process::~Process() {
  if (pid_ > 0 && running()) stop(std::chrono::milliseconds(2000));
  closeFd(outFd_);
  closeFd(errFd_);
}

void Process::drain(int& fd, Captured& into) {
  if (fd < 0) return;
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      std::size_t room = kOutputLimit > into.text.size() ? kOutputLimit - into.text.size() : 0;
      std::size_t take = std::min<std::size_t>(room, static_cast<std::size_t>(n));
      into.text.append(buf, take);
      if (take < static_cast<std::size_t>(n)) into.truncated = true;
      continue;
    }
    if (n == 0) closeFd(fd);  // end of stream
    return;                   // EAGAIN, EINTR or closed
  }
}

void Process::poll(std::chrono::milliseconds wait) {
  pollfd fds[2];
  int count = 0;
  if (outFd_ >= 0) fds[count++] = {outFd_, POLLIN, 0};
  if (errFd_ >= 0) fds[count++] = {errFd_, POLLIN, 0};
  if (count > 0) {
    ::poll(fds, count, static_cast<int>(wait.count()));
  } else if (running()) {
    std::this_thread::sleep_for(std::min(wait, std::chrono::milliseconds(50)));
  }
  drain(outFd_, out_);
  drain(errFd_, err_);
  if (running() && pid_ > 0) {
    int st = 0;
    pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      // Whatever is still in the pipes belongs to this run; grandchildren
      // that keep them open are not waited for.
      drain(outFd_, out_);
      drain(errFd_, err_);
    }
  }
}

bool Process::waitUntil(Clock::time_point deadline, bool honourInterrupt) {
  while (running()) {
    if (honourInterrupt && interrupted()) {
      stop();
      throw Interrupted{};
    }
    auto now = Clock::now();
    if (now >= deadline) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    poll(std::min(left, std::chrono::milliseconds(100)));
  }
  // Collect output written just before the exit.
  poll(std::chrono::milliseconds(0));
  return true;
}

void Process::stop(std::chrono::milliseconds grace) {
  for (int sig : {SIGINT, SIGTERM, SIGKILL}) {
    if (!running()) break;
    kill(-pid_, sig);
    auto deadline = Clock::now() + grace;
    while (running() && Clock::now() < deadline) poll(std::chrono::milliseconds(50));
  }
  if (running()) {  // SIGKILL always ends it; reap it.
    int st = 0;
    waitpid(pid_, &st, 0);
    status_ = 128 + SIGKILL;
  }
  // Anything left in the group (a server's children) goes too.
  kill(-pid_, SIGKILL);
}

namespace {

// Every process below `root`, from /proc (pid and parent of each).
std::vector<pid_t> descendants(pid_t root) {
  std::vector<std::pair<pid_t, pid_t>> all;  // pid, ppid
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
    std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = stat.rfind(')');  // the command name may hold spaces and parentheses
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    all.emplace_back(static_cast<pid_t>(std::stol(name)), ppid);
  }
  std::vector<pid_t> found{root};
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (const auto& [pid, ppid] : all) {
      if (ppid == found[i]) found.push_back(pid);
    }
  }
  found.erase(found.begin());
  return found;
}

}  // namespace

void Process::stopChildrenFirst(std::chrono::milliseconds patience) {
  auto deadline = Clock::now() + patience;
  while (running() && Clock::now() < deadline) {
    for (pid_t p : descendants(pid_)) kill(p, SIGKILL);
    poll(std::chrono::milliseconds(200));
  }
  stop();
}

RunResult runCommand(const Argv& argv, std::chrono::seconds timeout, bool honourInterrupt) {
  Process p(argv);
  RunResult r;
  if (!p.waitUntil(Clock::now() + timeout, honourInterrupt)) {
    p.stop();
    r.timedOut = true;
  } else {
    r.status = *p.status();
  }
  r.out = p.out().text;
  r.err = p.err().text;
  return r;
}

std::string showArgv(const Argv& argv) {
  std::string s;
  for (const auto& a : argv) {
    if (!s.empty()) s += ' ';
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~") == std::string::npos;
    if (plain) {
      s += a;
    } else {
      s += '\'';
      for (char c : a) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
      s += '\'';
    }
  }
  return s;
}

}  // namespace restage::verify
