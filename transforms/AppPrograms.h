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

// A path the app's code writes, from literals: Go's os.WriteFile, os.Create,
// os.OpenFile (with a writing flag), os.Mkdir, os.MkdirAll, a sqlite
// database opened with sql.Open/sqlx or gorm's sqlite.Open; Node's
// fs.writeFile(Sync), appendFile(Sync), mkdir(Sync), createWriteStream,
// open(Sync) with a writing flag (also through fs.promises), and a sqlite
// `new Database(FILE)`; C and C++'s fopen/freopen with a "w", "a" or "+"
// mode, std::ofstream, creat, open with O_WRONLY/O_RDWR/O_CREAT, mkdir,
// std::filesystem::create_directory(ies), sqlite3_open(_v2). A relative path
// is as written: it lands below the working directory.
struct AppWrite {
  std::string path;
  std::string where;    // "server.js:12"
  bool folder = false;  // the call makes a folder; else it writes a file
};

// One file's writes, for tests ("go", "node" or "cpp").
std::vector<AppWrite> sourceWrites(const std::string& path, const std::string& text, const std::string& language);

// What the app's own code does at run time, read in one pass over its files
// (the Go files go build compiles on Linux, the JavaScript and TypeScript
// that is neither a test nor build configuration, or the C and C++ sources
// outside tests and third-party folders; at most 5,000): the programs it runs
// by name and the ports it listens on (Go, Node), and the paths it writes, at
// most 32 of each, in the order the files and lines come.
struct AppCode {
  std::vector<migrate::ContainerCommand> programs;
  std::vector<ListenPort> ports;
  std::vector<AppWrite> writes;
};
AppCode readAppCode(const analysis::BuildContext& context, const std::string& language);

}  // namespace restage::transforms
