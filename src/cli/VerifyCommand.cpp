#include "output/Escape.h"
#include "cli/VerifyCommand.h"

#include <boost/program_options.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "Error.h"
#include "cli/CommandLine.h"
#include "io/Paths.h"
#include "verify/Formats.h"
#include "verify/Process.h"
#include "verify/Verifier.h"

namespace restage::cli {

namespace po = boost::program_options;

int runVerify(const std::vector<std::string>& args) {
  std::string file, context, rewrite, engine = "auto", format = "text", pull;
  std::vector<std::string> probes, buildArgs;
  int runFor = 10, startTimeout = 60, buildTimeout = 1800;
  po::options_description opts("restage verify Dockerfile [options]");
  opts.add_options()
      ("help,h", "show this help")
      ("context", po::value(&context), "the build context (default: the Dockerfile's folder)")
      ("rewrite", po::value(&rewrite), "verify this rewrite (default: restage's own migration)")
      ("engine", po::value(&engine)->default_value("auto"), "auto | docker | podman | buildah")
      ("probe", po::value(&probes)->composing(),
       "auto | none | http://:PORT/PATH | exec:'CMD' (repeatable; default auto: GET / on every EXPOSE'd TCP "
       "port, and the HEALTHCHECK)")
      ("run-for", po::value(&runFor)->default_value(10), "seconds each container runs (a one-shot ends earlier)")
      ("start-timeout", po::value(&startTimeout)->default_value(60), "seconds to wait for a probed port to listen")
      ("build-timeout", po::value(&buildTimeout)->default_value(1800), "seconds each build may take")
      ("build-arg", po::value(&buildArgs)->composing(), "KEY=VALUE for both builds (repeatable)")
      ("pull", po::value(&pull), "always | missing | never (default: the engine's)")
      ("cache", "build with the engine's layer cache (faster again; its cache layers stay)")
      ("normalize-timestamps", "replace dates and times in the output before comparing")
      ("quiet,q", "no progress lines on stderr")
      ("format,f", po::value(&format)->default_value("text"), "text | json | markdown");
  po::options_description hidden;
  hidden.add_options()("file", po::value(&file));
  po::variables_map vm;
  if (!parseCommandLine("verify", args, opts, hidden, "file", 1, vm)) {
    std::cout << opts << "\n"
              << "Exit status: 0 same; 1 different; 3 the original fails (build, start or a probed\n"
                 "port); 4 the rewrite does not build; 5 no rewrite (without --rewrite); 2 bad usage,\n"
                 "a Dockerfile that does not parse, no engine, a failed engine command; 128+N on\n"
                 "signal N (docs/verify.md).\n";
    return 0;
  }
  if (file.empty()) throw UsageError("verify: no Dockerfile given");
  if (format != "text" && format != "json" && format != "markdown") {
    throw UsageError("verify: unknown --format '" + format + "' (text, json, markdown)");
  }
  if (!pull.empty() && pull != "always" && pull != "missing" && pull != "never") {
    throw UsageError("verify: unknown --pull '" + pull + "' (always, missing, never)");
  }
  if (runFor < 1 || runFor > 3600) throw UsageError("verify: --run-for must be 1..3600 seconds");
  if (startTimeout < 1 || startTimeout > 3600) throw UsageError("verify: --start-timeout must be 1..3600 seconds");
  if (buildTimeout < 1 || buildTimeout > 86400) throw UsageError("verify: --build-timeout must be 1..86400 seconds");
  for (const auto& ba : buildArgs) {
    if (ba.find('=') == std::string::npos || ba.front() == '=') {
      throw UsageError("verify: --build-arg '" + ba + "' is not KEY=VALUE");
    }
  }

  // As migrate: not through a symlink out of the repository (io/Paths.h).
  if (auto escape = io::symlinkEscape(file)) {
    throw Error("verify: " + file + ": not read [symlink-outside-root]: " + *escape);
  }
  verify::VerifyOptions o;
  o.dockerfile = file;
  o.context = context;
  if (vm.count("rewrite")) o.rewrite = rewrite;
  if (engine == "auto") {
    auto found = verify::detectEngine();
    if (!found) throw Error("verify: no container engine found in PATH (docker, podman or buildah)");
    o.engine = *found;
  } else if (auto k = verify::engineFromName(engine)) {
    o.engine = *k;
  } else {
    throw UsageError("verify: unknown --engine '" + engine + "' (auto, docker, podman, buildah)");
  }
  for (const auto& p : probes) o.probes.push_back(verify::parseProbe(p));
  auto isNone = [](const verify::ProbeSpec& p) { return p.kind == verify::ProbeSpec::None; };
  bool none = std::any_of(o.probes.begin(), o.probes.end(), isNone);
  if (none && o.probes.size() > 1) throw UsageError("verify: --probe none cannot be combined with other probes");
  o.runFor = std::chrono::seconds(runFor);
  o.startTimeout = std::chrono::seconds(startTimeout);
  o.buildTimeout = std::chrono::seconds(buildTimeout);
  o.buildArgs = buildArgs;
  o.pull = pull;
  o.useCache = vm.count("cache") > 0;
  o.normalizeTimestamps = vm.count("normalize-timestamps") > 0;
  if (!vm.count("quiet")) o.progress = [](const std::string& s) { output::printLine(stderr, "verify: {}", s); };

  verify::installInterruptHandlers();
  verify::warnAboutIsolation(o.engine);
  try {
    verify::Report r = verify::verify(o);
    std::string text = format == "json"       ? verify::formatJson(r)
                       : format == "markdown" ? verify::formatMarkdown(r)
                                              : verify::formatText(r);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return verify::verdictExitStatus(r.verdict);
  } catch (const verify::Interrupted&) {
    int sig = verify::interruptSignal();
    output::printLine(stderr, "restage: verify: interrupted; its containers and images were removed");
    return 128 + (sig ? sig : 2);
  }
}

}  // namespace restage::cli
