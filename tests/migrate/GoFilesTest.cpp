// Which Go files `go build` compiles in a Linux image (src/analysis/
// GoBuildConstraints.*): file names, //go:build and // +build lines, and what
// that means for the cgo a build context shows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/BuildContext.h"
#include "migrate/Migration.h"
#include "analysis/GoFiles.h"
#include "support/TestSupport.h"

using restage::analysis::goBuildExpressionHolds;
using restage::analysis::goFileBuildsOnLinux;

TEST_CASE("go files: the name's GOOS and GOARCH", "[migrate][go-constraints]") {
  const std::string code = "package x\n";
  CHECK(goFileBuildsOnLinux("main.go", code));
  CHECK(goFileBuildsOnLinux("linux.go", code));  // no underscore: not a constraint
  CHECK(goFileBuildsOnLinux("my_file.go", code));
  CHECK(goFileBuildsOnLinux("x_linux.go", code));
  CHECK(goFileBuildsOnLinux("x_amd64.go", code));
  CHECK(goFileBuildsOnLinux("x_linux_arm64.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("zsyscall_aix_ppc.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("x_windows.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("x_linux_386.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("x_ppc64le.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("x_zos.go", code));
  // Tests and names go build skips are never part of the binary.
  CHECK_FALSE(goFileBuildsOnLinux("x_test.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("x_linux_test.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("_x.go", code));
  CHECK_FALSE(goFileBuildsOnLinux(".x.go", code));
  CHECK_FALSE(goFileBuildsOnLinux("x.c", code));
}

TEST_CASE("go files: //go:build expressions", "[migrate][go-constraints]") {
  CHECK(goBuildExpressionHolds("linux && cgo", "amd64"));
  CHECK(goBuildExpressionHolds("(linux || darwin) && !386", "amd64"));
  CHECK(goBuildExpressionHolds("go1.21", "arm64"));
  CHECK(goBuildExpressionHolds("unix", "amd64"));
  CHECK(goBuildExpressionHolds("arm64", "arm64"));
  CHECK_FALSE(goBuildExpressionHolds("arm64", "amd64"));
  CHECK_FALSE(goBuildExpressionHolds("!linux", "amd64"));
  CHECK_FALSE(goBuildExpressionHolds("windows || darwin", "amd64"));
  CHECK_FALSE(goBuildExpressionHolds("ignore", "amd64"));
  CHECK_FALSE(goBuildExpressionHolds("linux && integration", "amd64"));  // a custom -tags tag
  CHECK_FALSE(goBuildExpressionHolds("!(linux || windows)", "amd64"));
  // What restage cannot read is kept, never a reason to rule cgo out.
  CHECK(goBuildExpressionHolds("linux &&", "amd64"));
  CHECK(goBuildExpressionHolds("windows )", "amd64"));
  CHECK(goBuildExpressionHolds(std::string(5000, '(') + "windows", "amd64"));
  CHECK(goBuildExpressionHolds(std::string(5000, '!') + "windows", "amd64"));
}

TEST_CASE("go files: the header's constraint lines", "[migrate][go-constraints]") {
  CHECK_FALSE(goFileBuildsOnLinux("a.go", "// Copyright\n\n//go:build windows\n\npackage a\n"));
  CHECK(goFileBuildsOnLinux("a.go", "/* licence\n   text */\n//go:build linux\npackage a\n"));
  // //go:build wins over // +build.
  CHECK(goFileBuildsOnLinux("a.go", "//go:build linux\n// +build windows\n\npackage a\n"));
  CHECK_FALSE(goFileBuildsOnLinux("a.go", "// +build aix,ppc\n\npackage a\n"));
  CHECK(goFileBuildsOnLinux("a.go", "// +build darwin linux\n\npackage a\n"));
  CHECK(goFileBuildsOnLinux("a.go", "// +build !windows\n\npackage a\n"));
  CHECK_FALSE(goFileBuildsOnLinux("a.go", "// +build linux\n// +build 386\n\npackage a\n"));
  // A tag of the project's own may be set with -tags: the file may build.
  CHECK(goFileBuildsOnLinux("a.go", "//go:build linux && integration\n\npackage a\n"));
  CHECK(goFileBuildsOnLinux("a.go", "// +build !windows,integration\n\npackage a\n"));
  CHECK_FALSE(goFileBuildsOnLinux("a.go", "//go:build ignore\n\npackage main\n"));
  CHECK_FALSE(goFileBuildsOnLinux("a.go", "//go:build windows && integration\n\npackage a\n"));
  // After the package clause it is a comment like any other.
  CHECK(goFileBuildsOnLinux("a.go", "package a\n//go:build windows\n"));
  // The name and the expression must both hold for one architecture.
  CHECK_FALSE(goFileBuildsOnLinux("x_arm64.go", "//go:build amd64\n\npackage a\n"));
}

TEST_CASE("go files: a vendored file for another system does not make the binary cgo", "[migrate][go-constraints]") {
  restage::test::TempTree tree;
  tree.write("go.mod", "module example.com/app\n");
  tree.write("main.go", "package main\n\nfunc main() {}\n");
  tree.write("vendor/golang.org/x/sys/unix/zsyscall_aix_ppc.go",
             "//go:build aix && ppc\n\npackage unix\n\n/*\n#include <stdint.h>\n*/\nimport \"C\"\n");
  tree.write("vendor/example.com/w/w_windows.go", "package w\n\nimport \"C\"\n");
  tree.write("main_test.go", "package main\n\nimport \"C\"\n");
  auto ctx = restage::analysis::BuildContext::read(tree.path());
  CHECK_FALSE(ctx.usesCgo());
  CHECK_FALSE(ctx.cgoUnknown());

  tree.write("vendor/example.com/sqlite/sqlite.go", "//go:build cgo\n\npackage sqlite\n\nimport \"C\"\n");
  ctx = restage::analysis::BuildContext::read(tree.path());
  CHECK(ctx.usesCgo());
  CHECK(ctx.cgoSource() == "vendor/example.com/sqlite/sqlite.go");
}

TEST_CASE("go files: import \"C\" in the import declarations only", "[migrate][go-constraints]") {
  using restage::analysis::goImportsC;
  CHECK(goImportsC("package main\n\n// #include <stdio.h>\nimport \"C\"\n\nfunc main() {}\n"));
  CHECK(goImportsC("// Package x.\npackage x\n\nimport (\n\t\"fmt\"\n\t/* cgo */ \"C\"\n)\n"));
  CHECK(goImportsC("package x\nimport \"fmt\"\nimport `C`\n"));
  CHECK(goImportsC("package x; import \"os\"; import \"C\""));
  // Mentions that are not imports.
  CHECK_FALSE(goImportsC("package astutil\n\nimport \"go/ast\"\n\n// Do not add to import \"C\", to avoid disrupting\n"
                         "func f() { declImports(gen, \"C\") }\n"));
  CHECK_FALSE(goImportsC("package x\n\n/*\nimport \"C\"\n*/\nimport \"fmt\"\n"));
  CHECK_FALSE(goImportsC("package x\n\nimport \"fmt\"\n\nvar s = `\nimport \"C\"\n`\n"));
  CHECK_FALSE(goImportsC("package x\n\nimport (\n\t\"fmt\"\n\t\"Cx\"\n)\n"));
  CHECK_FALSE(goImportsC("import \"C\"\n"));  // no package clause: not a Go file
  CHECK_FALSE(goImportsC("package x\nimport (\n\t\"C"));
  CHECK_FALSE(goImportsC(""));
}

TEST_CASE("go files: the programs os/exec runs by name", "[migrate][go-constraints]") {
  using restage::analysis::goExecCalls;
  const std::string text =
      "package main\n\nimport (\n\t\"context\"\n\t\"os/exec\"\n)\n\n"
      "const filter = `multi\nline ( \"raw\"`\n"
      "var quote = '\"'\n"
      "// exec.Command(\"in-a-comment\")\n"
      "func main() {\n"
      "\tout, _ := exec.Command(\"git\", \"rev-parse\").Output()\n"
      "\t_ = exec.CommandContext(context.WithValue(ctx, k{}, \"v\"), \"ffmpeg\", \"-i\")\n"
      "\tpath, _ := exec.LookPath(`convert`)\n"
      "\ttool := \"jq\"\n"
      "\t_ = exec.Command(tool)\n"
      "}\n";
  auto calls = goExecCalls(text);
  REQUIRE(calls.size() == 3);
  CHECK(calls[0].program == "git");
  CHECK(calls[0].line == 13);
  CHECK(calls[0].function == "exec.Command");
  CHECK(calls[1].program == "ffmpeg");
  CHECK(calls[1].function == "exec.CommandContext");
  CHECK(calls[2].program == "convert");
  CHECK(calls[2].function == "exec.LookPath");
  // Without os/exec imported there is nothing to read.
  CHECK(goExecCalls("package x\nfunc f() { exec.Command(\"git\") }\n").empty());
}

TEST_CASE("go files: import paths, and a cgo module imported without go.mod", "[migrate][go-constraints]") {
  using restage::analysis::goImportPaths;
  CHECK(goImportPaths("package main\n\nimport (\n\t\"fmt\"\n\tsql \"database/sql\"\n\t_ \"github.com/mattn/go-sqlite3\"\n)\n"
                      "import \"C\"\n") ==
        std::vector<std::string>{"fmt", "database/sql", "github.com/mattn/go-sqlite3", "C"});
  CHECK(goImportPaths("// no package clause\nimport \"fmt\"\n").empty());

  // A GOPATH build (no go.mod) that fetches its imports with `go get`.
  restage::test::TempTree tree;
  tree.write("main.go", "package main\n\nimport (\n\t\"database/sql\"\n\n\t_ \"github.com/mattn/go-sqlite3\"\n)\n\n"
                        "func main() { sql.Open(\"sqlite3\", \"x.db\") }\n");
  restage::migrate::Options o;
  o.context = tree.path();
  auto r = restage::migrate::migrateSource("FROM golang:1.22\nCOPY main.go .\nRUN go get -d ./... && go build -o app main.go\n"
                                           "CMD [\"./app\"]\n",
                                           "Dockerfile", o);
  REQUIRE(r.status == restage::migrate::Status::Migrated);
  CHECK(r.runtimeBase == "gcr.io/distroless/base-debian13:nonroot");
  CHECK(std::any_of(r.explanation.begin(), r.explanation.end(), [](const std::string& l) {
    return l.find("the context's Go code imports github.com/mattn/go-sqlite3, which uses cgo") != std::string::npos;
  }));
  // golang's own WORKDIR is /go: that is where the binary is.
  CHECK(r.output.find("WORKDIR /go\n") != std::string::npos);
  CHECK(std::any_of(r.explanation.begin(), r.explanation.end(),
                    [](const std::string& l) { return l.find("the binary /go/app") != std::string::npos; }));
}
