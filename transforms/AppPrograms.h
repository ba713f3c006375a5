#pragma once
// The programs the app's own code runs by name, read from the build context.
//
// What: Go's os/exec (exec.Command("git", ...), exec.CommandContext,
// exec.LookPath) in the Go files go build compiles on Linux (tests, vendor/,
// testdata/, hack/, tools/, scripts/ and examples aside); Node's child_process
// (spawn, spawnSync, execFile, execFileSync with a program, exec and execSync
// with shell text) in the app's JavaScript and TypeScript (tests and build
// configuration aside), through the names child_process is bound to.
// Only string literals count: a program held in a variable is not known.
// Why: the single-stage image had the builder's whole toolbox, so
// `exec.Command("git")` worked there; on distroless or a slim base it fails
// when the code path runs, long after the rewrite built and started. Each
// call becomes a container command (migrate::ContainerCommand), so the
// package that provides the program is carried, and a program the runtime
// would lack is a runtime-effect-unknown refusal that names the file and line.
// Example: `out, _ := exec.Command("git", "rev-parse", "HEAD").Output()` in
// main.go line 12 gives the command "main.go:12 (exec.Command)" running `git`.
#include <string>
#include <vector>

#include "analysis/BuildContext.h"
#include "migrate/Migration.h"

namespace restage::transforms {

// One JavaScript or TypeScript file's child_process calls, for tests: each
// as a command whose source is "PATH:LINE (child_process.FUNCTION)".
std::vector<migrate::ContainerCommand> childProcessCalls(const std::string& path, const std::string& text);

// A port the app's code listens on, from literals: Go (analysis::goListenPorts)
// and Node's `.listen(80)` or a `process.env.PORT || 80` default.
struct ListenPort {
  int port = 0;
  std::string where;      // "server.js:12"
  bool fallback = false;  // only when PORT is not set
};

// One JavaScript or TypeScript file's listen ports, for tests.
std::vector<ListenPort> nodeListenPorts(const std::string& path, const std::string& text);

// An absolute path the app's code writes, from literals: Go's os.WriteFile,
// os.Create, os.OpenFile, os.Mkdir, os.MkdirAll; Node's fs.writeFile(Sync),
// appendFile(Sync), mkdir(Sync), createWriteStream, open(Sync) (also through
// fs.promises). Only absolute paths count; relative ones are under the
// working directory.
struct AppWrite {
  std::string path;
  std::string where;  // "server.js:12"
};

// One file's writes, for tests ("go" or "node").
std::vector<AppWrite> sourceWrites(const std::string& path, const std::string& text, const std::string& language);

// What the app's own code does at run time, read in one pass over its files
// (the Go files go build compiles on Linux, or the JavaScript and TypeScript
// that is neither a test nor build configuration; at most 5,000): the
// programs it runs by name, the ports it listens on and the absolute paths it
// writes, at most 32 of each, in the order the files and lines come.
struct AppCode {
  std::vector<migrate::ContainerCommand> programs;
  std::vector<ListenPort> ports;
  std::vector<AppWrite> writes;
};
AppCode readAppCode(const analysis::BuildContext& context, const std::string& language);

}  // namespace restage::transforms
