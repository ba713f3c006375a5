#pragma once
// What restage reads in Go source files.
//
// Whether `go build` in a Linux image compiles a Go file: its name
// (_test.go, name_GOOS_GOARCH.go) and its build constraints (`//go:build`,
// else the older `// +build` lines). A vendored file for aix or windows that
// imports "C" says nothing about the binary a Dockerfile builds.
//
// The target is linux on amd64 or arm64, the platforms images are built for;
// a file counts when it builds for either. The tags that hold: linux, unix,
// the architecture, gc, cgo (a file that needs cgo is still a sign of it) and
// every go1.N release tag; other systems and architectures, gccgo and ignore
// do not. A tag of the project's own (`-tags integration`) may be set by the
// build or not: a file counts when it builds either way.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace restage::analysis {

// `name` is the file name without folders; `text` its contents (only the
// header before the package clause is read).
bool goFileBuildsOnLinux(std::string_view name, std::string_view text);

// A constraint expression (what follows `//go:build `) for one architecture,
// with the project's own tags unset. A malformed expression counts as true: a
// file restage cannot rule out is kept.
bool goBuildExpressionHolds(std::string_view expression, std::string_view arch);

// The file's import declarations (after the package clause, before any other
// declaration) name "C": the file uses cgo. Comments and other strings that
// mention `import "C"` do not count.
bool goImportsC(std::string_view text);

// Every path the file's import declarations name ("fmt",
// "github.com/mattn/go-sqlite3"), "C" included.
std::vector<std::string> goImportPaths(std::string_view text);

// A program the code runs by name through os/exec: exec.Command("git", ...),
// exec.CommandContext(ctx, "git", ...), exec.LookPath("git"). Only string
// literals count; a name held in a variable is not known.
struct GoExec {
  std::string program;
  std::size_t line = 0;   // 1-based
  std::string function;   // "exec.Command"
};
std::vector<GoExec> goExecCalls(std::string_view text);

// The ports the code listens on, from string literals: http.ListenAndServe(":80", ...),
// ListenAndServeTLS, net.Listen("tcp", "0.0.0.0:443"), a framework's
// Run(":80") / Start(":80") / Listen(":80"), and an http.Server's
// Addr: ":8080". Each with its 1-based line.
struct GoListen {
  int port = 0;
  std::size_t line = 0;
};
std::vector<GoListen> goListenPorts(std::string_view text);

}  // namespace restage::analysis
