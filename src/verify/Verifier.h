#pragma once
// `restage verify`: builds the original and the rewrite with the same
// context and build args, runs each with its own ENTRYPOINT/CMD, observes
// it (exit, output, probes, image figures), and compares. Every container
// and image it makes is removed on every path, Ctrl-C included.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "migrate/Migration.h"
#include "verify/Engine.h"
#include "verify/Report.h"

namespace restage::verify {

// --probe: auto (HTTP GET on every EXPOSE'd TCP port, and the HEALTHCHECK),
// http://:PORT/PATH, or exec:CMD (run inside the running container).
struct ProbeSpec {
  enum Kind { Auto, Http, Exec, None } kind = Auto;
  int port = 0;
  std::string path = "/";
  std::vector<std::string> command;  // exec
  std::string text;                  // as given
};
// Throws UsageError on a malformed probe.
ProbeSpec parseProbe(const std::string& text);
// Splits exec:'CMD' into words: spaces separate, '...' and "..." quote,
// backslash escapes. No variables, no globs: the command runs without a shell.
std::vector<std::string> splitWords(const std::string& text);

struct VerifyOptions {
  std::string dockerfile;
  std::string context;                  // default: the Dockerfile's folder
  std::optional<std::string> rewrite;   // default: restage's own migration
  // The options of restage's own migration (--runtime-base, .restage.yaml's
  // runtime-base), so the rewrite verified is the one reported; the context
  // is `context`.
  migrate::Options migrate;
  EngineKind engine = EngineKind::Buildah;
  std::vector<ProbeSpec> probes;        // empty: auto
  std::chrono::seconds runFor{10};
  std::chrono::seconds startTimeout{60};
  std::chrono::seconds buildTimeout{1800};
  std::vector<std::string> buildArgs;
  std::string pull;                     // "" engine default
  bool useCache = false;  // --cache
  bool normalizeTimestamps = false;
  std::function<void(const std::string&)> progress;  // one line per step, may be empty
};

// Runs the whole verification. Throws restage::Error when the engine
// cannot be used (and cleans up first), Interrupted on SIGINT/SIGTERM
// (after cleaning up).
Report verify(const VerifyOptions& options);

}  // namespace restage::verify
