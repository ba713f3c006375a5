#pragma once
// Build contexts from docker-compose files. For each service with a `build:`
// key — a string (the context) or a map with `context`, `dockerfile` and
// `args` (a map, or a list of `K=V`) — the Dockerfile it builds, the context
// folder it is built with, and its build arguments.
//
// A folder's compose project is its first file among compose.yaml,
// compose.yml, docker-compose.yaml and docker-compose.yml, with the first of
// the matching `.override.` names merged over it the way Compose merges
// `build` (a string replaces the context; map keys replace, `args` merge key
// by key). Paths are as Compose resolves them: `context` relative to the
// compose file's folder, `dockerfile` relative to the context.
//
// What a service runs in a container of the image is read too, since the
// rewrite must still run it: `entrypoint` and `command` (a list is exec form;
// a string is split into words the way Compose splits it, quotes and
// backslashes understood, without running a shell) and `healthcheck.test`
// (`["CMD", ...]`, `["CMD-SHELL", "text"]`, a string = CMD-SHELL, `["NONE"]` or
// `disable: true` = none). An override replaces each of them whole. Text with
// `${...}` or `$NAME` is kept as written and marked: Compose fills it from the
// environment, which restage does not see.
//
// What cannot apply is skipped with a reason: remote (git, URL) contexts,
// `dockerfile_inline`, contexts or Dockerfiles that do not exist, values with
// `${...}` interpolation. Input is bounded: a compose file larger than
// kMaxComposeBytes is an error, and so is one whose aliases make the reader
// visit more than kMaxComposeNodes nodes (a "billion laughs" document is a few
// hundred bytes) or more than kMaxComposeTextBytes of scalar text, or one with
// more than kMaxComposeServices services. yaml-cpp itself stops at a nesting
// depth it cannot handle.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace restage::batch {

using BuildArgs = std::vector<std::pair<std::string, std::string>>;  // in the file's order

// One thing a service runs in its container.
struct ComposeCommand {
  enum class Form {
    Exec,   // a list: the words as given
    Words,  // a string: Compose splits it into words (no shell runs it)
    Shell,  // healthcheck CMD-SHELL or a string test: `/bin/sh -c text`
    None    // healthcheck NONE / disable: true; an empty entrypoint or command
  };
  Form form = Form::Exec;
  std::vector<std::string> argv;  // Exec and Words; `$$` already turned into `$`
  std::string text;               // Shell: the script; Words: the string as written
  // The value names variables (`${VAR}`, `$VAR`) Compose fills from the
  // environment; argv/text keep them as written.
  bool unresolved = false;
  // A problem with the value (a list entry that is not a string, an
  // unterminated quote): what was read is kept, this says what is wrong.
  std::string problem;
  std::filesystem::path file;  // the compose file that wrote it
};

struct ComposeBuild {
  std::string service;
  std::filesystem::path composeFile;  // the base file (or the override that added the service)
  std::filesystem::path context;      // absolute, normalised
  std::filesystem::path dockerfile;   // absolute, normalised
  BuildArgs args;
  // What the service runs in a container of the image, when it says.
  std::optional<ComposeCommand> entrypoint;
  std::optional<ComposeCommand> command;
  std::optional<ComposeCommand> healthcheck;  // healthcheck.test, or None for disable
};

struct ComposeSkip {
  std::filesystem::path composeFile;
  std::string service;
  std::string reason;  // one sentence for people
};

struct ComposeProject {
  std::vector<std::filesystem::path> files;  // base, then override when there is one
  std::vector<ComposeBuild> builds;          // in the services' order
  std::vector<ComposeSkip> skipped;
};

// Real compose files are a few kB; a hostile one this size costs yaml-cpp
// under 70 MB (docs/limits.md).
constexpr std::size_t kMaxComposeBytes = 256 * 1024;
constexpr std::size_t kMaxComposeNodes = 100000;
// The text of the scalars read, each counted at every use (an alias repeats
// its anchor's text in full), and the services of one file.
constexpr std::size_t kMaxComposeTextBytes = 8u << 20;
constexpr std::size_t kMaxComposeServices = 10000;

// The compose file names a folder is searched for, base names first.
const std::vector<std::string>& composeFileNames();
const std::vector<std::string>& composeOverrideFileNames();

// The compose project of a folder (its absolute path), or nothing when it
// has no compose file. Throws restage::Error `FILE:LINE:COL: what is wrong`
// for a file that is not YAML, not a mapping with a `services` mapping, too
// large, or too expensive to read.
std::optional<ComposeProject> readComposeFolder(const std::filesystem::path& dir);

// A Compose command string split into words as Compose does (quotes,
// backslashes; no variables, globs or operators). Sets `problem` on an
// unterminated quote.
ComposeCommand splitComposeWords(const std::string& text);

// One compose text (and an optional override text) as if read from `file`
// in `file`'s folder; for tests and readComposeFolder.
ComposeProject parseCompose(const std::string& text, const std::filesystem::path& file,
                            const std::string* overrideText = nullptr,
                            const std::filesystem::path& overrideFile = {});

}  // namespace restage::batch
