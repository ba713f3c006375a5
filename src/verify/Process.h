#pragma once
// Child processes for `restage verify`: started in their own process group
// (so a Ctrl-C at the terminal reaches restage only, and restage decides how
// to stop each child), stdout and stderr captured into bounded buffers, and
// every wait bounded by a deadline and by the interrupt flag.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace restage::verify {

using Argv = std::vector<std::string>;
using Clock = std::chrono::steady_clock;

// SIGINT, SIGTERM and SIGHUP set a flag instead of killing restage, so the
// containers and images of the run can be removed first.
void installInterruptHandlers();
bool interrupted();
int interruptSignal();  // the signal that set the flag, 0 if none

// Thrown by waits that see the interrupt flag.
struct Interrupted {};

// At most this much of each output stream is kept (the rest is counted).
inline constexpr std::size_t kOutputLimit = 1 << 20;

struct Captured {
  std::string text;
  bool truncated = false;
};

class Process {
 public:
  // Starts argv[0] (looked up in PATH). Throws restage::Error when it
  // cannot start. With `outputFile`, stdout and stderr both go to that file
  // (a build log, an exported tar) instead of the capture buffers.
  explicit Process(const Argv& argv, const std::string& outputFile = "");
  ~Process();  // kills the process group if still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Reads what is available and reaps the child if it exited; waits at most `wait`.
  void poll(std::chrono::milliseconds wait);
  bool running() const { return !status_.has_value(); }
  // Exit status, or 128 + signal number when killed by a signal.
  std::optional<int> status() const { return status_; }
  const Captured& out() const { return out_; }
  const Captured& err() const { return err_; }
  pid_t pid() const { return pid_; }

  // Waits until exit or `deadline`; returns whether it exited. With
  // `honourInterrupt`, throws Interrupted (after stopping the child) when
  // the interrupt flag is set.
  bool waitUntil(Clock::time_point deadline, bool honourInterrupt = true);
  // SIGINT, then SIGTERM, then SIGKILL to the process group, each given
  // `grace` to end; always reaps.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));
  // For an engine's build: kills the process's descendants (the step that
  // runs), never the engine itself, until the engine gives up the build and
  // exits (removing its working container), or `patience` ends (then stop()).
  // buildah dies on a signal between steps and leaves its container behind.
  void stopChildrenFirst(std::chrono::milliseconds patience);

 private:
  void drain(int& fd, Captured& into);
  pid_t pid_ = -1;
  int outFd_ = -1;
  int errFd_ = -1;
  std::optional<int> status_;
  Captured out_;
  Captured err_;
};

struct RunResult {
  int status = -1;  // exit status; -1 when it timed out (and was stopped)
  bool timedOut = false;
  std::string out;
  std::string err;
};

// Runs argv to completion within `timeout`. `honourInterrupt` false is for
// clean-up commands, which must finish even after Ctrl-C.
RunResult runCommand(const Argv& argv, std::chrono::seconds timeout, bool honourInterrupt = true);

// The argument list as a shell would show it (for logs and messages).
std::string showArgv(const Argv& argv);

}  // namespace restage::verify
