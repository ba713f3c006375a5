#pragma once
// `restage migrate`'s entry point: one Dockerfile in, a multi-stage rewrite
// (as edits and as text) or a plain reason why not. batch and suggest use
// this unchanged.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ast/Document.h"
#include "edit/Edit.h"
#include "suggest/Finding.h"

namespace restage::migrate {

enum class Status {
  Migrated,   // a rewrite was produced and passed the checks
  Unchanged,  // nothing to do (e.g. already multi-stage); `problems` may list broken runtime stages
  Refused,    // restage is not confident it can rewrite this file; `reason` says why
  Error       // the file could not be read or parsed
};
std::string_view statusName(Status s);

// Something a container of the image runs besides the Dockerfile's own start
// and HEALTHCHECK: a docker-compose service's entrypoint, command or
// healthcheck test. The programs it runs are needed at run time too.
struct ContainerCommand {
  // Names where it comes from, as reasons quote it:
  // "compose.yaml service result entrypoint".
  std::string source;
  std::string key;                 // "entrypoint", "command", "healthcheck", or "app" (transforms/AppPrograms.h)
  std::vector<std::string> argv;   // the words it runs (exec form)
  std::optional<std::string> shell;  // or a shell script (`/bin/sh -c TEXT`)
  // What restage could not read of it, for the explanation ("names
  // variables Compose fills from the environment; read as written"); "" when
  // it read all of it.
  std::string note;
};

struct Options {
  // The build context; unset: the Dockerfile's folder when reading a file,
  // none when migrating a string.
  std::optional<std::filesystem::path> context;
  std::optional<std::string> runtimeBase;  // --runtime-base IMAGE
  // Runtime bases per language (.restage.yaml `runtime-base`), taken after
  // the language is known when runtimeBase is unset.
  std::map<std::string, std::string> runtimeBaseByLanguage;
  // Where the runtime base came from, as explanations name it.
  std::string runtimeBaseSource = "--runtime-base";
  std::optional<std::string> language;     // --lang node|go|cpp
  // --accept-unknown: rewrite even when a build step has effects restage
  // cannot classify; they are then listed as risks.
  bool acceptUnknown = false;
  // The build arguments the image is built with (compose `build.args`), in
  // order. They and the global ARG defaults resolve a FROM that names a
  // variable, as the build would; without any, such a FROM is refused
  // (variable-base): restage cannot tell which image the builder will choose.
  std::vector<std::pair<std::string, std::string>> buildArgs;
  // What the image's containers run besides its own start (compose
  // entrypoint, command, healthcheck of every service that builds it): the
  // packages providing those programs are carried, the global npm tools they
  // need installed again, and a live-reload dev server among them is a
  // refusal (dev-server).
  std::vector<ContainerCommand> runCommands;
  // The day restage runs (YYYY-MM-DD), for end-of-life warnings; unset:
  // SOURCE_DATE_EPOCH when set, else the clock. Tests pass the catalog's
  // as-of date.
  std::optional<std::string> today;
};

// An inline `# restage: ignore` comment (config/InlineIgnore.h) and what
// became of it; unused and malformed ones are findings (suggest/Findings.h).
struct IgnoreNote {
  enum class Use { Used, Unused, Malformed };
  Use use = Use::Used;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based
  std::string message;
};

// What a rewrite keeps, changes and leaves out: every line names its source.
struct Contract {
  std::vector<std::string> moved;    // metadata instructions moved to the runtime stage
  std::vector<std::string> changed;  // base image, user, installed tools, start command form
  std::vector<std::string> carried;  // packages, files and folders, users the runtime gets again
  std::vector<std::string> dropped;  // effects left in the builder, with why they are build-only
  std::vector<std::string> risks;    // unknown effects accepted with --accept-unknown
  bool empty() const { return moved.empty() && changed.empty() && carried.empty() && dropped.empty() && risks.empty(); }
};

struct Result {
  Status status = Status::Unchanged;
  std::string code;    // stable machine-readable reason code, e.g. "already-multi-stage"
  std::string reason;  // one sentence for people
  std::string language;       // node, go, cpp, other or empty
  std::string builderBase;    // the image the builder stage starts from
  std::string runtimeBase;    // the image chosen for the runtime stage
  long long estimatedSavingBytes = 0;  // from the catalog's approximate sizes
  std::string path;
  // The build context it was read with (Options::context), for passes that
  // look at the file again (suggest/Findings.h).
  std::optional<std::filesystem::path> context;
  std::string original;       // the input text
  std::string output;         // the rewritten text (equal to original unless migrated)
  std::vector<edit::Edit> edits;         // original -> output, sorted, non-overlapping
  std::vector<std::string> explanation;  // what moved where and why, one line each
  std::vector<std::string> problems;     // failed runtime-stage checks (any status)
  Contract contract;                     // set when migrated
  std::optional<ast::Diagnostic> error;  // the syntax error when status is Error
  std::vector<IgnoreNote> ignoreNotes;   // set by config::migrate (config/Policy.h)
  // Problems in the file as it is (suggest/Findings.h): RS002 and RS003 as
  // migrate finds them; config::migrate (config/Policy.h) then drops the
  // ignored and unselected ones and adds RS004 and RS005. Empty for an error.
  std::vector<suggest::Finding> findings;
};

// The contract as lines for people: "moves: CMD, EXPOSE", "carries: ...".
std::vector<std::string> contractLines(const Contract& contract);
// The contract as JSON: {"moved", "changed", "carried", "dropped", "risks"}.
nlohmann::ordered_json contractJson(const Contract& contract);

Result migrateSource(std::string source, const std::string& path, const Options& options);
// Reads the file (a read failure is a Result with status Error, never a throw).
Result migrateFile(const std::filesystem::path& file, const Options& options);

}  // namespace restage::migrate
