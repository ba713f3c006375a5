#pragma once
// The writability model: the folders the app's process may write at run time,
// language-neutral, read from the stage and the app's own code.
//
// What: the WORKDIR and the app folder; the absolute value of an ENV key that
// names a place (HOME, *_DIR, *_PATH, *_FOLDER, *_ROOT, minus toolchain and
// read-only keys such as GOPATH or CONFIG_PATH); every VOLUME (a relative one
// read against /); and the paths the app's code writes by literal (a
// relative one read against the WORKDIR). Each becomes the folder that must be
// writable: the path itself for a folder, its parent for a file. Folders below
// another one of the list, or below the app folder, are covered by it.
// Why: an original that ran as root could write anywhere; a rewrite that runs
// as a non-root user must give it every one of these folders, or keep root.
// A folder every base image already has (/, /usr/src, /var/log, ...) cannot
// be given to another user by a COPY, which leaves an existing folder's owner
// alone, and nothing below /root can be reached by another user: those are
// `blocked`, with the reason.
// Example: `WORKDIR /app` + `ENV BASE_DIR=/data` gives /app (the WORKDIR) and
// /data (ENV BASE_DIR, line 3); `os.WriteFile("/var/log/app.log", ...)` gives
// /var/log, blocked: a folder the base has, owned by root.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/StageFacts.h"

namespace restage::analysis {

// A literal write in the app's code, as the code names it (relative or absolute).
struct CodeWrite {
  std::string path;
  bool folder = false;  // the call makes a folder (mkdir); else it writes a file there
  std::string where;    // "server.js:12"
};

struct WritableFolder {
  std::string path;                  // absolute, without a trailing slash
  std::vector<std::string> sources;  // what names it: "the WORKDIR", "ENV BASE_DIR (line 3)", "main.go:12"
  // Why no user but root can be given it in a fresh runtime stage, to follow
  // the folder's name: "a system folder base images have already, owned by
  // root"; "" when one can.
  std::string blocked;
  std::string named() const;  // "/data (ENV BASE_DIR, line 3)"
};

struct Writability {
  std::vector<WritableFolder> folders;  // by path, parents first
  const WritableFolder* firstBlocked() const;
};

// `workdir`: where relative code paths land (the stage's final WORKDIR);
// `appFolder`: where the app lives. `rules`: effects.json's "writability".
Writability writability(const ast::Document& doc, const StageFacts& facts, const std::string& appFolder,
                        const std::vector<CodeWrite>& code, const nlohmann::json& rules);

}  // namespace restage::analysis
