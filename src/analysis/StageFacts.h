#pragma once
// Read-only facts about one build stage, computed once: its base image, the
// working directory and environment as each instruction sees them, the shell
// commands its RUN steps execute (parsed, with the directory each runs in),
// what it copies in, and what it finally runs.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ast/Document.h"
#include "shell/ShellScript.h"

namespace restage::analysis {

struct ImageRef {
  std::string raw;   // as written after FROM
  std::string name;  // repository without tag/digest, e.g. "node", "gcr.io/distroless/static-debian12"
  std::string tag;   // "" when absent
  bool hasVariable = false;
  static ImageRef parse(const std::string& raw);
  std::string shortName() const;  // last path element of name
};

// A command a RUN step executes, with the directory it runs in.
struct RunCommand {
  std::size_t instruction = 0;  // index in Document::instructions
  std::string cwd;              // absolute
  std::vector<std::string> argv;  // literal words (expansions kept as written)
  std::map<std::string, std::string> assignments;  // VAR=value prefixes
  std::vector<std::string> writes;  // targets of its output redirections (> F, >> F, &> F)
  bool fedByPipe = false;           // its standard input is the previous command's output
  // Byte offset in the Dockerfile's source where the command's name (its
  // first word) starts, when it maps there exactly (a shell-form RUN or a
  // heredoc body): text inserted there lands in front of this command alone.
  std::optional<std::size_t> nameOffset;
};

struct StageFacts {
  const ast::Stage* stage = nullptr;
  ImageRef base;
  std::string imageWorkdir = "/";  // the WORKDIR the base image sets
  std::string finalWorkdir = "/";
  std::optional<std::string> finalUser;
  std::vector<std::pair<std::string, std::string>> env;  // every ENV key/value set in the stage, in order
  std::vector<std::size_t> envInstructions;  // the ENV instruction of each, in Document::instructions
  std::map<std::string, std::string> imageEnv;  // ENV the base image sets, when the catalog knows it
  std::vector<RunCommand> commands;
  std::vector<std::size_t> copies;       // COPY/ADD instruction indexes
  std::vector<std::string> copyDestinations;  // absolute destinations of COPY/ADD
  std::vector<std::string> exposed;      // EXPOSE words, variables expanded ("80", "8080/tcp")
  std::vector<std::string> volumes;      // VOLUME paths, absolute (a relative one read against /), variables expanded
  std::vector<std::size_t> volumeInstructions;  // the VOLUME instruction of each
  const ast::Instruction* cmd = nullptr;
  const ast::Instruction* entrypoint = nullptr;
  std::size_t cmdIndex = 0, entrypointIndex = 0;
  bool shellParseErrors = false;

  // The value a later instruction sees: the stage's last ENV, else the image's.
  std::optional<std::string> envValue(const std::string& key) const;
  // The PATH a start command is looked up on: the stage's or the image's
  // ENV PATH, else the default Linux PATH BuildKit writes into an image that
  // sets none (scratch).
  std::string path() const;
  // Its folders, in order, without empty entries or trailing slashes.
  std::vector<std::string> pathFolders() const;
  // `$NAME` and `${NAME}` replaced by the values known at the end of the
  // stage; other references are kept as written.
  std::string expand(const std::string& text) const;
  // The command line the container starts with: ENTRYPOINT (exec form) + CMD,
  // or a shell form as one script. Empty when neither is set.
  struct StartCommand {
    bool shellForm = false;        // runs through /bin/sh -c
    std::string script;            // shell form text
    std::vector<std::string> argv; // exec form, ENTRYPOINT then CMD
    bool fromEntrypoint = false;
  };
  std::optional<StartCommand> start() const;
  // The stage ends as root: no USER, or root/0 with any group.
  bool runsAsRoot() const;

  // A port below 1024 the app serves on, as far as the stage says: the first
  // one EXPOSE names (the low end of a range), else $PORT. Binding it takes
  // root unless the container engine lifts the limit.
  struct PrivilegedPort {
    int port = 0;
    bool fromExpose = true;  // else from $PORT
  };
  std::optional<PrivilegedPort> privilegedPort() const;
};

// The distro packages a stage installs with `apk add` or `apt-get install`
// (names without `=version`; options and the name after `--virtual`/`-t` left out).
struct DistroPackages {
  std::string manager;          // apk or apt (the last one used); "" when none
  std::set<std::string> names;
  bool has(const std::string& name) const { return names.count(name) > 0; }
};
DistroPackages installedPackages(const StageFacts& facts);

// `$NAME` and `${NAME}` in `text` replaced by `values`; a name it does not
// hold, and any other form (`${NAME:-x}`), stays as written.
std::string expandVariables(const std::string& text, const std::map<std::string, std::string>& values);

// A USER value that is root: root or 0, with or without a group.
bool isRootUser(const std::string& user);

// imageEnv: what the base image sets (WORKDIR $GOPATH/src/app is common);
// imageWorkdir: the WORKDIR it sets (golang: /go), where a stage without a
// WORKDIR of its own works.
StageFacts analyzeStage(const ast::Document& doc, const ast::Stage& stage,
                        const std::map<std::string, std::string>& imageEnv = {},
                        const std::string& imageWorkdir = "/");

// Joins a path onto a directory the way WORKDIR/COPY do (`..` and `.` folded).
std::string joinPath(const std::string& dir, const std::string& path);

// `path` is `dir` or below it (every absolute path is below /).
bool isUnder(const std::string& path, const std::string& dir);

}  // namespace restage::analysis
