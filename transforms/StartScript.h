#pragma once
// The shell script a start command runs, read from the build context: the
// programs it runs are needed at run time as much as the start command's own
// (a `tests.sh` that calls curl needs curl in the runtime stage).
//
// A start runs a script when its program is `sh`/`bash`/... with a script
// file (or `-c TEXT`), or a file whose name ends in `.sh`, or a context file
// that starts with a `#!` line naming a shell. The script's programs are
// known only when restage can read all of it: the file is in the context,
// parses, names every command literally and sources no other file.
#include <optional>
#include <string>
#include <vector>

#include "analysis/BuildContext.h"
#include "analysis/StageFacts.h"
#include "ast/Document.h"

namespace restage::transforms {

struct StartScript {
  std::string path;                  // as the start names it ("/app/tests.sh", "-c" for inline text)
  std::optional<std::string> contextPath;  // where it came from in the context, when a COPY brought it
  std::vector<std::string> programs;  // every command name it runs, literally
  bool known = false;                // programs lists all it runs
  std::string whyUnknown;            // otherwise: "is not in the build context", ...
};

// The script the start command runs, if it runs one. `scriptStart` is
// facts.start(); nullopt for a start that runs a program directly.
std::optional<StartScript> startScript(const ast::Document& doc, const analysis::StageFacts& facts,
                                       const analysis::BuildContext& context);

// The same for any command a container of the image runs (a compose
// entrypoint or command), given as exec-form argv.
std::optional<StartScript> scriptRun(const ast::Document& doc, const analysis::StageFacts& facts,
                                     const analysis::BuildContext& context, const std::vector<std::string>& argv);

// The programs shell text runs (`/bin/sh -c TEXT`), read as a start script is;
// `path` is "-c".
StartScript shellScriptPrograms(const std::string& text);

// `sh`, `bash`, `ash` or `dash`, by name or by path (`/bin/sh`).
bool isShellName(const std::string& program);

// The context path (relative, forward slashes) a COPY without --from put at
// `imagePath`, when one did; the last COPY that writes there wins.
std::optional<std::string> contextPathOf(const ast::Document& doc, const analysis::StageFacts& facts,
                                         const analysis::BuildContext& context, const std::string& imagePath);

}  // namespace restage::transforms
