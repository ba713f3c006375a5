#include "output/Escape.h"
#include "cli/BatchCommand.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "Error.h"
#include "cli/CommandLine.h"
#include "cli/ConfigOptions.h"
#include "config/Policy.h"
#include "batch/BuildContexts.h"
#include "batch/ContextMap.h"
#include "batch/Discovery.h"
#include "batch/JsonReport.h"
#include "batch/Progress.h"
#include "batch/Runner.h"
#include "batch/Shard.h"
#include "batch/Summary.h"
#include "batch/TextReport.h"
#include "io/FileIO.h"
#include "io/Paths.h"
#include "migrate/Migration.h"
#include "output/GithubAnnotations.h"
#include "output/RdjsonFormat.h"
#include "output/SarifFormat.h"
#include "suggest/Suggestion.h"
#include "verify/Process.h"
#include "verify/Report.h"
#include "verify/Verifier.h"

namespace restage::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace restage::batch;

namespace {

constexpr const char* kFormats = "text | json | sarif | rdjson | github";

constexpr const char* kExitStatus =
    "DIR defaults to the current folder. With --format json, sarif, rdjson or github,\n"
    "standard output is that document alone and standard error stays empty unless -v.\n"
    "Exit status: 0 all went well; 1 with --check when some file fails its\n"
    "fail-on (--fail-on, else .restage.yaml's), by default when it would change (with\n"
    "--write too: was rewritten) or has a finding (RS002 to RS005: restage rule\n"
    "lists them); 2 when some file had an error (unreadable,\n"
    "syntax error, failed write), on a bad .restage.yaml, when a context map key\n"
    "matches no Dockerfile or a compose file cannot be read, or on bad usage.\n"
    "Refusals are not errors.\n"
    "--write returns 0 when every rewrite was written, 2 when any file failed\n"
    "(a file whose write failed is left byte for byte as it was).\n";

struct BatchArgs {
  std::vector<std::string> roots;
  bool write = false;
  bool check = false;
  bool backup = false;
  unsigned jobs = 0;
  std::string report;
  std::string shard = "1/1";
  std::string format = "text";
  std::string contextMap;
  bool noGit = false;
  bool quiet = false;
  bool verbose = false;
  bool diff = false;
  std::string verifyEngine;  // --verify[=ENGINE]: "" off
};

ContextMap loadContexts(const BatchArgs& a) {
  ContextMap contexts;
  if (!a.contextMap.empty()) {
    contexts.load(a.contextMap);
    return contexts;
  }
  for (const auto& root : a.roots) {
    fs::path config = fs::path(root) / ContextMap::kConfigFileName;
    std::error_code ec;
    if (!fs::is_regular_file(config, ec)) continue;
    // Found in DIR, not named: not through a symlink out of the repository.
    if (auto escape = io::symlinkEscape(config)) {
      throw Error(config.string() + ": not read [symlink-outside-root]: " + *escape);
    }
    contexts.load(config);
  }
  return contexts;
}

verify::VerifyOptions batchVerifyOptions(const std::string& engine) {
  verify::VerifyOptions o;
  if (engine == "auto") {
    auto found = verify::detectEngine();
    if (!found) throw Error("batch: --verify: no container engine found in PATH (docker, podman or buildah)");
    o.engine = *found;
  } else if (auto k = verify::engineFromName(engine)) {
    o.engine = *k;
  } else {
    throw UsageError("batch: unknown --verify engine '" + engine + "' (auto, docker, podman, buildah)");
  }
  verify::installInterruptHandlers();
  verify::warnAboutIsolation(o.engine);
  return o;
}

// Verifies one migrated file; false unless the verdict is `same`. An engine
// error is that file's verdict "error", not the batch's end.
bool verifyOutcome(FileOutcome& o, const DiscoveredFile& file, const BuildContexts& contexts,
                   verify::VerifyOptions options) {
  options.dockerfile = file.realPath;
  ResolvedContext resolved = contexts.resolve(file.realPath);
  if (resolved.source != ContextSource::Folder) options.context = resolved.context.string();
  for (const auto& [key, value] : resolved.buildArgs) {
    options.buildArgs.push_back(key + "=" + value);
    // verify migrates again: with the same build args, the same rewrite.
    options.migrate.buildArgs.emplace_back(key, value);
  }
  options.migrate.runCommands = runCommands(resolved, [](const fs::path& p) {
    return p.lexically_proximate(fs::current_path()).string();
  });
  try {
    verify::Report r = verify::verify(options);
    o.verifyVerdict = std::string(verify::verdictName(r.verdict));
    o.verifySummary = r.verdict == verify::Verdict::Same || r.verdict == verify::Verdict::Different
                          ? verify::summaryLine(r)
                          : r.reason;
    for (const auto& d : r.differences) o.verifyDifferences.push_back(d.message);
    return r.verdict == verify::Verdict::Same;
  } catch (const Error& e) {
    o.verifyVerdict = "error";
    o.verifySummary = e.what();
    return false;
  }
}

}  // namespace

int runBatch(const std::vector<std::string>& args) {
  BatchArgs a;
  po::options_description opts("restage batch [options] DIR...");
  opts.add_options()
      ("help,h", "show this help")
      ("write,w", po::bool_switch(&a.write), "replace each migrated file (atomically); default: a dry run")
      ("backup", po::bool_switch(&a.backup), "with --write, keep each original as FILE.restage-bak")
      ("check", po::bool_switch(&a.check),
       "exit 1 if any file would change or has a finding, or as .restage.yaml's fail-on says (for CI)")
      ("jobs,j", po::value(&a.jobs), "files migrated in parallel (default: one per core)")
      ("shard", po::value(&a.shard), "take only shard K of N (1-based), e.g. 3/8")
      ("report", po::value(&a.report), "write the per-file JSON report to FILE")
      ("format,f", po::value(&a.format)->default_value("text"),
       "text | json | sarif | rdjson | github (standard output; sarif, rdjson: the findings and fixes of "
       "restage suggest, for every file; github: workflow commands that annotate the files)")
      ("context-map", po::value(&a.contextMap),
       "JSON file mapping Dockerfiles to build contexts (default: .restage-contexts.json in DIR); "
       "unmapped files take docker-compose build.context/args, else their own folder")
      ("no-git", po::bool_switch(&a.noGit), "walk every folder, even what git ignores")
      ("quiet,q", po::bool_switch(&a.quiet),
       "print only what fails the run: errors, and with --check the files and findings that fail it; no "
       "progress, no summary")
      ("verbose,v", po::bool_switch(&a.verbose),
       "list unchanged and excluded files too, and each rewrite's explanation and runtime contract; with a "
       "machine format, progress and errors on stderr too")
      ("diff", po::bool_switch(&a.diff),
       "print every rewrite as one unified diff on standard output (the report goes to stderr)")
      ("verify", po::value(&a.verifyEngine)->implicit_value("auto"),
       "build and run each migrated file and its original (restage verify; ENGINE: auto, docker, podman, buildah)");
  addConfigOptions(opts, true);
  po::options_description hidden;
  hidden.add_options()("root", po::value(&a.roots));
  po::variables_map vm;
  if (!parseCommandLine("batch", args, opts, hidden, "root", -1, vm)) {
    std::cout << opts << "\n" << commonOptions() << "\n" << kExitStatus;
    return 0;
  }
  const bool suggestFormat = a.format == "sarif" || a.format == "rdjson" || a.format == "github";
  if (a.format != "text" && a.format != "json" && !suggestFormat) {
    throw UsageError("batch: unknown --format '" + a.format + "' (" + kFormats + ")");
  }
  // As ruff and hadolint: no folder means the current one.
  if (a.roots.empty()) a.roots.push_back(".");
  if (a.diff && a.format != "text") {
    throw UsageError("batch: --diff prints a diff on standard output, so it cannot go with --format " + a.format +
                     " (use --report FILE for the JSON)");
  }
  if (a.quiet && a.verbose) throw UsageError("batch: --quiet and --verbose cannot go together");
  if (!a.verifyEngine.empty() && suggestFormat) {
    throw UsageError("batch: --verify goes with --format text or json");
  }
  if (a.backup && !a.write) throw UsageError("batch: --backup needs --write");
  if (!a.verifyEngine.empty() && a.write) {
    throw UsageError("batch: --verify compares with the original, so it runs without --write");
  }
  if (vm.count("jobs") && a.jobs == 0) throw UsageError("batch: --jobs must be at least 1");
  Shard shard;
  try {
    shard = Shard::parse(a.shard);
  } catch (const UsageError& e) {
    throw UsageError(std::string("batch: ") + e.what());
  }
  std::vector<fs::path> roots;
  for (const auto& root : a.roots) {
    std::error_code ec;
    if (!fs::exists(root, ec)) throw UsageError("batch: " + root + ": no such file or folder");
    roots.emplace_back(root);
  }
  BuildContexts contexts(loadContexts(a));

  DiscoveryOptions discoveryOptions;
  discoveryOptions.useGit = !a.noGit;
  DiscoveryResult found = discover(roots, discoveryOptions);
  // Against every file found, not only this shard's: a key may name a file
  // another shard takes.
  if (!contexts.map().empty()) {
    std::vector<std::string> all;
    all.reserve(found.files.size());
    for (const auto& f : found.files) all.push_back(f.realPath);
    auto unmatched = contexts.map().unmatchedKeys(all);
    if (!unmatched.empty()) {
      std::string list;
      for (const auto& k : unmatched) list += "\n  " + k;
      throw Error("batch: context map keys that match no Dockerfile batch found:" + list);
    }
  }
  std::vector<DiscoveredFile> files;
  std::vector<SkippedPath> skipped;
  std::map<std::string, fs::path> realRoots;  // a root as shown -> its real path
  for (auto& f : found.files) {
    // Compose files are read up front for every file found, so a malformed
    // one stops every shard alike, before anything is migrated or written.
    std::string root = f.path.substr(0, f.path.size() - f.key.size());
    auto top = realRoots.find(root);
    if (top == realRoots.end()) {
      std::error_code ec;
      fs::path real = fs::weakly_canonical(root.empty() ? fs::path(".") : fs::path(root), ec);
      top = realRoots.emplace(root, ec ? fs::path() : real).first;
    }
    contexts.prepare(f.realPath, top->second.empty() ? fs::path(f.realPath).parent_path() : top->second);
    if (shard.contains(f.key)) files.push_back(std::move(f));
  }
  for (auto& s : found.skipped) {
    if (shard.contains(s.key)) skipped.push_back(std::move(s));
  }
  found = {};
  // Every .restage.yaml is read before any file: a bad one stops the run (exit 2).
  auto configs = configFinder("batch", vm);
  for (const auto& f : files) configs->forFile(f.path);

  std::string mode = a.write ? "write" : a.check ? "check" : "dry-run";
  std::string shardText = std::to_string(shard.index()) + "/" + std::to_string(shard.count());
  // Streamed to a temporary file and renamed into place at the end, as
  // --write writes a file: a symlink committed at the report's path is
  // replaced, never written through (docs/security.md).
  std::optional<io::ReplacingFile> reportFile;
  std::optional<JsonReport> report;
  if (!a.report.empty()) {
    try {
      reportFile.emplace(a.report);
    } catch (const Error& e) {
      throw Error(std::string("batch: cannot write the report: ") + e.what());
    }
    report.emplace(reportFile->stream(), mode, shardText);
  }
  // json, sarif, rdjson, github: standard output is the document alone, and
  // standard error stays empty unless -v (errors are in the document).
  const bool machine = a.format != "text";
  std::FILE* diagnostics = machine ? (a.verbose ? stderr : nullptr) : (a.diff ? stderr : stdout);
  std::optional<JsonReport> jsonOut;
  std::optional<TextReport> textOut;
  std::vector<suggest::FileReport> reports;
  if (a.format == "json") {
    jsonOut.emplace(std::cout, mode, shardText);
  } else if (a.format == "text") {
    // With --diff, standard output is the diff alone, so `| git apply` works.
    textOut.emplace(diagnostics, !a.write, a.verbose, a.quiet, a.check);
  }
  if (a.verbose && diagnostics) {
    for (const auto& skip : contexts.skipped()) {
      output::printLine(diagnostics, "{}: compose service '{}' not used: {}",
                 skip.composeFile.lexically_proximate(fs::current_path()).string(), skip.service, skip.reason);
    }
  }

  bool showProgress = !a.quiet && (!machine || a.verbose);
  Progress progress(files.size(), showProgress ? Progress::styleFor(stderr) : Progress::Style::Off);
  bool sharedTerminal = ::isatty(STDERR_FILENO) && (a.diff || ::isatty(STDOUT_FILENO));
  Summary summary;
  auto emit = [&](FileOutcome&& o) {
    summary.add(o);
    if (report) report->add(o);
    if (jsonOut) jsonOut->add(o);
    if (textOut) {
      if (sharedTerminal) progress.clear();
      textOut->add(o);
    }
    if (machine && a.verbose && o.status == FileStatus::Error) {
      progress.clear();
      output::printLine(stderr, "{}: error [{}]: {}", o.path, o.code, o.reason);
    }
    if (suggestFormat) {
      if (o.report) {
        reports.push_back(std::move(*o.report));
      } else if (o.status == FileStatus::Error) {
        // An error discovery found (a folder it could not read): it has no
        // migrate result, but the document says it, as it says a file's.
        migrate::Result failed;
        failed.status = migrate::Status::Error;
        failed.code = o.code;
        failed.reason = o.reason;
        failed.path = o.path;
        reports.push_back(suggest::makeReport(std::move(failed), suggest::reportPath(o.path)));
      }
    }
    if (!o.diff.empty()) {
      std::fwrite(o.diff.data(), 1, o.diff.size(), stdout);
      std::fflush(stdout);
    }
  };
  // Skipped paths go in among the files, in path order.
  std::size_t nextSkipped = 0;
  auto emitSkippedBefore = [&](const std::string* limit) {
    while (nextSkipped < skipped.size() && (!limit || skipped[nextSkipped].path.native() < *limit)) {
      emit(FileOutcome::from(skipped[nextSkipped++]));
    }
  };

  RunnerOptions runOptions;
  runOptions.jobs = a.jobs;
  runOptions.write = a.write;
  runOptions.backup = a.backup;
  runOptions.diff = a.diff;
  runOptions.contexts = &contexts;
  runOptions.reports = suggestFormat;
  auto migrateWithConfig = [&](const fs::path& file, const migrate::Options& options) {
    return config::migrateFile(file, options, configs->forFile(file));
  };
  Runner runner(migrateWithConfig, io::writeFileAtomic);
  std::optional<verify::VerifyOptions> verifyOptions;
  bool verifyFailed = false;
  if (!a.verifyEngine.empty()) verifyOptions = batchVerifyOptions(a.verifyEngine);
  try {
    runner.run(
        files, runOptions,
        [&](std::size_t i, FileOutcome&& o) {
          emitSkippedBefore(&files[i].path);
          if (const auto* c = configs->forFile(files[i].path)) o.failOn = &c->failOn;
          // One at a time, in file order: images run one after the other.
          if (verifyOptions && o.status == FileStatus::Migrated) {
            verify::VerifyOptions v = *verifyOptions;
            v.migrate = config::optionsFor(files[i].path, runOptions.migrate, configs->forFile(files[i].path));
            verifyFailed |= !verifyOutcome(o, files[i], contexts, v);
          }
          emit(std::move(o));
        },
        [&] { progress.advance(); });
  } catch (const verify::Interrupted&) {
    output::printLine(stderr, "restage: batch: interrupted; verify removed its containers and images");
    return 128 + (verify::interruptSignal() ? verify::interruptSignal() : 2);
  }
  emitSkippedBefore(nullptr);
  progress.finish();

  if (report) {
    report->finish(summary);
    try {
      reportFile->commit();
    } catch (const Error& e) {
      throw Error(std::string("batch: cannot write the report: ") + e.what());
    }
  }
  if (jsonOut) jsonOut->finish(summary);
  if (textOut) textOut->finish(summary);
  if (suggestFormat) {
    std::string out = a.format == "sarif"    ? output::sarif(reports, RESTAGE_VERSION, RESTAGE_HOMEPAGE)
                      : a.format == "rdjson" ? output::rdjson(reports)
                                             : output::githubAnnotations(reports);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  }
  int status = summary.exitStatus(a.check);
  return verifyFailed && status == 0 ? 1 : status;
}

}  // namespace restage::cli
