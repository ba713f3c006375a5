#include "output/Escape.h"
#include "cli/SuggestCommand.h"

#include <boost/program_options.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>

#include "Error.h"
#include "io/Paths.h"
#include "batch/BuildContexts.h"
#include "cli/CommandLine.h"
#include "cli/ConfigOptions.h"
#include "config/Policy.h"
#include "batch/Discovery.h"
#include "migrate/Migration.h"
#include "output/GithubAnnotations.h"
#include "output/GithubReviewFormat.h"
#include "output/RdjsonFormat.h"
#include "output/SarifFormat.h"
#include "output/SuggestJsonFormat.h"
#include "output/UnifiedDiff.h"
#include "suggest/ChangedFiles.h"
#include "suggest/Suggestion.h"
#include "verify/Process.h"
#include "verify/Report.h"
#include "verify/Verifier.h"

namespace restage::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFormats = "rdjson | sarif | github | github-review | diff | json";

constexpr const char* kExitStatus =
    "A FILE that is a folder stands for every Dockerfile under it, found as batch finds\n"
    "them (docs/batch.md, \"Which files\").\n"
    "Exit status: 0 the suggestions were printed (also when there are none); 2 when\n"
    "a FILE could not be read or has a syntax error (the others are still reported),\n"
    "when git fails for --changed-from, on a bad .restage.yaml, or on bad usage.\n";


void reportError(const suggest::FileReport& r) {
  const migrate::Result& m = r.result;
  if (m.error) {
    output::printLine(stderr, "{}:{}:{}: error: {}", r.path, m.error->position.line, m.error->position.column,
               m.error->message);
  } else {
    // One line, the path once: a read error's reason starts with the path already.
    std::string reason = m.reason.empty() ? m.code : m.reason;
    if (reason.starts_with(r.path + ": ")) reason = reason.substr(r.path.size() + 2);
    // A compose file's error names its own FILE:LINE:COL.
    if (reason.find(": error: ") != std::string::npos) output::printLine(stderr, "{}", reason);
    else output::printLine(stderr, "{}: error: {}", r.path, reason);
  }
}

// suggest --verify: the verdict and its summary ("same: built ✓, started ✓,
// GET :8080/ same ✓, output same ✓, −71%, runs as nonroot, no shell") go
// into the review body and after each suggestion's message.
void addVerification(suggest::FileReport& report, const std::string& path, verify::VerifyOptions options) {
  options.dockerfile = path;
  std::string line;
  try {
    verify::Report r = verify::verify(options);
    bool compared = r.verdict == verify::Verdict::Same || r.verdict == verify::Verdict::Different;
    line = fmt::format("{}: {}", verify::verdictName(r.verdict), compared ? verify::summaryLine(r) : r.reason);
    for (const auto& d : r.differences) line += "; " + d.message;
  } catch (const Error& e) {
    line = std::string("not verified: ") + e.what();
  }
  report.verification = line;
  for (auto& s : report.suggestions) s.message += "\n\nrestage verify: " + line;
}

}  // namespace

int runSuggest(const std::vector<std::string>& args) {
  std::string format;
  std::vector<std::string> files;
  std::optional<std::string> changedFrom, runtimeBase, language, commitId;
  bool noGit = false, verbose = false;
  po::options_description opts("restage suggest [options] [FILE|DIR...]");
  opts.add_options()
      ("help,h", "show this help")
      ("format,f", po::value(&format)->required(), kFormats)
      ("changed-from", po::value<std::string>(),
       "also every Dockerfile changed between REF and the work tree (git); github-review then comments "
       "only on added lines")
      ("runtime-base", po::value<std::string>(), "the runtime stage's image (as for migrate)")
      ("lang", po::value<std::string>(), "node | go | cpp: skip language detection (as for migrate)")
      ("commit-id", po::value<std::string>(), "github-review: the pull request head commit the lines refer to")
      ("verify", po::value<std::string>()->implicit_value("auto"),
       "build and run each rewrite and its original (restage verify; ENGINE: auto, docker, podman, buildah) "
       "and add the verdict to the messages")
      ("no-git", po::bool_switch(&noGit), "in a DIR, take every Dockerfile, even what git ignores (as batch --no-git)")
      ("verbose,v", po::bool_switch(&verbose),
       "also print each file's error on stderr with --format json, sarif, rdjson or github (which carry it)");
  addConfigOptions(opts);
  po::options_description hidden;
  hidden.add_options()("file", po::value(&files));
  po::variables_map vm;
  if (!parseCommandLine("suggest", args, opts, hidden, "file", -1, vm)) {
    std::cout << opts << "\n" << commonOptions() << "\n" << kExitStatus;
    return 0;
  }
  if (vm.count("changed-from")) changedFrom = vm["changed-from"].as<std::string>();
  if (vm.count("runtime-base")) runtimeBase = vm["runtime-base"].as<std::string>();
  if (vm.count("lang")) language = vm["lang"].as<std::string>();
  if (vm.count("commit-id")) commitId = vm["commit-id"].as<std::string>();

  if (format != "rdjson" && format != "sarif" && format != "github" && format != "github-review" && format != "diff" &&
      format != "json") {
    throw UsageError("suggest: unknown --format '" + format + "' (" + kFormats + ")");
  }
  if (commitId && format != "github-review") throw UsageError("suggest: --commit-id is for --format github-review");
  if (files.empty() && !changedFrom) throw UsageError("suggest: no FILE and no --changed-from REF given");

  std::vector<std::string> paths;
  std::set<std::string> seen;
  auto addPath = [&](const std::string& file) {
    std::string shown = suggest::reportPath(file);
    if (seen.insert(shown).second) paths.push_back(shown);
  };
  int status = 0;
  for (const auto& f : files) {
    std::error_code ec;
    if (!fs::is_directory(f, ec)) {
      addPath(f);
      continue;
    }
    // A folder: its Dockerfiles, as batch finds them.
    batch::DiscoveryOptions discovery;
    discovery.useGit = !noGit;
    batch::DiscoveryResult found = batch::discover({fs::path(f)}, discovery);
    for (const auto& d : found.files) addPath(d.path);
    for (const auto& skipped : found.skipped) {
      if (!skipped.error) continue;
      output::printLine(stderr, "{}: error: {}", skipped.path.string(), skipped.reason);
      status = 2;
    }
  }
  if (changedFrom) {
    for (const auto& f : suggest::changedDockerfiles(*changedFrom, ".")) addPath(f);
  }

  // Every .restage.yaml is read before any file: a bad one stops the run (exit 2).
  auto configs = configFinder("suggest", vm);
  for (const auto& path : paths) configs->forFile(path);

  migrate::Options options;
  options.runtimeBase = runtimeBase;
  options.language = language;

  std::optional<verify::VerifyOptions> verifyOptions;
  if (vm.count("verify")) {
    verifyOptions.emplace();
    std::string engine = vm["verify"].as<std::string>();
    auto kind = engine == "auto" ? verify::detectEngine() : verify::engineFromName(engine);
    if (!kind) throw UsageError("suggest: --verify: no engine '" + engine + "' (auto, docker, podman, buildah)");
    verifyOptions->engine = *kind;
    verify::installInterruptHandlers();
    verify::warnAboutIsolation(*kind);
  }

  // The same contexts as batch: a .restage-contexts.json in the current
  // folder, else the nearest compose service that builds the file, else
  // its folder (docs/batch.md, "Build contexts").
  batch::ContextMap map;
  std::error_code mapError;
  if (fs::is_regular_file(batch::ContextMap::kConfigFileName, mapError)) {
    if (auto escape = io::symlinkEscape(batch::ContextMap::kConfigFileName)) {
      throw Error(std::string(batch::ContextMap::kConfigFileName) + ": not read [symlink-outside-root]: " + *escape);
    }
    map.load(batch::ContextMap::kConfigFileName);
  }
  batch::BuildContexts contexts(std::move(map));

  // A format that carries a file's error keeps stderr empty unless -v, as
  // batch does; diff and github-review cannot say it, so stderr does.
  const bool errorsOnStderr = verbose || format == "diff" || format == "github-review";
  std::vector<suggest::FileReport> reports;
  for (const auto& path : paths) {
    if (auto escape = io::symlinkEscape(path)) {
      // A link the pull request may have added out of the repository
      // (to /proc/self/environ, to another checkout): not read, refused.
      migrate::Result refused;
      refused.status = migrate::Status::Refused;
      refused.code = "symlink-outside-root";
      refused.reason = *escape;
      refused.path = path;
      reports.push_back(suggest::makeReport(std::move(refused), path));
      continue;
    }
    migrate::Options perFile = options;
    std::error_code ec;
    fs::path real = fs::weakly_canonical(path, ec);
    if (!ec) {
      try {
        contexts.prepare(real, fs::current_path());
      } catch (const Error& e) {
        // A compose file that cannot be read: this file's error, like an
        // unreadable Dockerfile; the others are still reported.
        migrate::Result failed;
        failed.status = migrate::Status::Error;
        failed.code = "compose-error";
        failed.reason = e.what();
        failed.path = path;
        suggest::FileReport report = suggest::makeReport(failed, path);
        if (errorsOnStderr) reportError(report);
        status = 2;
        reports.push_back(std::move(report));
        continue;
      }
      batch::ResolvedContext resolved = contexts.resolve(real);
      if (!resolved.contextNote.empty() && errorsOnStderr) {
        fmt::print(stderr, "restage: suggest: {}: {}\n", path, resolved.contextNote);
      }
      batch::applyContext(resolved, perFile, [](const fs::path& p) {
        return p.lexically_proximate(fs::current_path()).string();
      });
    }
    suggest::FileReport report = suggest::makeReport(config::migrateFile(path, perFile, configs->forFile(path)), path);
    if (report.result.status == migrate::Status::Error) {
      if (errorsOnStderr) reportError(report);
      status = 2;
    }
    if (verifyOptions && !report.suggestions.empty()) {
      try {
        verify::VerifyOptions v = *verifyOptions;
        v.migrate = config::optionsFor(path, perFile, configs->forFile(path));
        if (perFile.context) v.context = perFile.context->string();
        for (const auto& [key, value] : perFile.buildArgs) v.buildArgs.push_back(key + "=" + value);
        addVerification(report, path, v);
      } catch (const verify::Interrupted&) {
        output::printLine(stderr, "restage: suggest: interrupted; verify removed its containers and images");
        return 128 + (verify::interruptSignal() ? verify::interruptSignal() : 2);
      }
    }
    reports.push_back(std::move(report));
  }
  // A review may comment only on lines the pull request added; the rest of
  // the rewrite goes into the review body.
  if (changedFrom && format == "github-review") {
    auto added = suggest::addedLines(*changedFrom, ".");
    for (auto& report : reports) {
      auto it = added.find(report.path);
      report.commentable = it == added.end() ? std::vector<suggest::LineSpan>{} : it->second;
    }
  }

  std::string out;
  if (format == "rdjson") {
    out = output::rdjson(reports);
  } else if (format == "sarif") {
    out = output::sarif(reports, RESTAGE_VERSION, RESTAGE_HOMEPAGE);
  } else if (format == "github") {
    out = output::githubAnnotations(reports);
  } else if (format == "github-review") {
    out = output::githubReview(reports, commitId);
  } else if (format == "diff") {
    out = output::unifiedDiff(reports);
  } else {
    out = output::suggestJson(reports, RESTAGE_VERSION);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return status;
}

}  // namespace restage::cli
