#include "output/Escape.h"
#include "cli/MigrateCommand.h"

#include <boost/program_options.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "Error.h"
#include "batch/BuildContexts.h"
#include "cli/CommandLine.h"
#include "cli/ConfigOptions.h"
#include "config/Policy.h"
#include "io/FileIO.h"
#include "io/Paths.h"
#include "migrate/Migration.h"
#include "output/JsonHeader.h"
#include "output/SuggestJsonFormat.h"
#include "output/UnifiedDiff.h"
#include "suggest/Findings.h"

namespace restage::cli {

namespace po = boost::program_options;

namespace {

// The same compose facts as batch and suggest (docs/batch.md): the nearest
// compose service that builds FILE gives the build context (unless
// --context), build arguments (those on the command line win) and what it
// runs in the image's containers. A compose file that cannot be read is an
// error, as in batch.
// Returns the sentence that says what compose decided, when it decided any.
std::optional<std::string> applyCompose(const std::string& file, migrate::Options& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path real = fs::weakly_canonical(file, ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;  // reading the file reports it
  batch::BuildContexts contexts;
  try {
    contexts.prepare(real, fs::current_path());
  } catch (const Error& e) {
    throw Error(std::string("migrate: ") + e.what());
  }
  batch::ResolvedContext resolved = contexts.resolve(real);
  if (resolved.service.empty()) return std::nullopt;
  auto shown = [](const fs::path& p) { return p.lexically_proximate(fs::current_path()).string(); };
  std::string note = shown(resolved.composeFile) + " builds this file (service " + resolved.service + ")";
  std::vector<std::string> taken;
  if (!options.context && resolved.source != batch::ContextSource::Folder) {
    taken.push_back("its build context `" + shown(resolved.context) + "`");
  }
  if (!resolved.buildArgs.empty()) taken.push_back("its build args");
  batch::applyContext(resolved, options, shown);
  if (!options.runCommands.empty()) taken.push_back("what it runs in the containers, which the runtime must run too");
  for (std::size_t i = 0; i < taken.size(); ++i) {
    note += (i == 0 ? "; restage takes " : i + 1 == taken.size() ? " and " : ", ") + taken[i];
  }
  if (!resolved.contextNote.empty()) note += "; but " + resolved.contextNote;
  return note + ".";
}

void write(std::FILE* to, const std::string& s) { std::fwrite(s.data(), 1, s.size(), to); }

const char* ignoreUseName(migrate::IgnoreNote::Use use) {
  switch (use) {
    case migrate::IgnoreNote::Use::Used: return "used";
    case migrate::IgnoreNote::Use::Unused: return "unused";
    case migrate::IgnoreNote::Use::Malformed: return "malformed";
  }
  return "malformed";
}

nlohmann::ordered_json ignoreNoteJson(const migrate::IgnoreNote& n) {
  nlohmann::ordered_json j;
  j["use"] = ignoreUseName(n.use);
  j["line"] = n.line;
  j["column"] = n.column;
  j["message"] = n.message;
  return j;
}

// With --unsafe-fixes: the findings fixed, and those left.
nlohmann::ordered_json fixesJson(const suggest::FixRun& run) {
  nlohmann::ordered_json applied = nlohmann::ordered_json::array(), remaining = nlohmann::ordered_json::array();
  for (const auto& f : run.applied) {
    applied.push_back({{"code", std::string(f.rule->code)}, {"rule", std::string(f.rule->name)}, {"line", f.line},
                       {"message", f.message}, {"description", f.fix->description}});
  }
  for (const auto& f : run.remaining) {
    remaining.push_back({{"code", std::string(f.rule->code)}, {"rule", std::string(f.rule->name)}, {"line", f.line},
                         {"message", f.message}});
  }
  return {{"applied", std::move(applied)}, {"remaining", std::move(remaining)}};
}

std::string resultJson(const migrate::Result& r, const std::optional<suggest::FixRun>& fixes = std::nullopt) {
  nlohmann::ordered_json j;
  output::setJsonHeader(j, output::kMigrateSchemaVersion);
  j["status"] = std::string(migrate::statusName(r.status));
  j["reason"] = r.reason;
  j["code"] = r.code;
  j["language"] = r.language;
  j["builder_base"] = r.builderBase;
  j["runtime_base"] = r.runtimeBase;
  j["estimated_saving_bytes"] = r.estimatedSavingBytes;
  j["output"] = r.output;
  j["explanation"] = r.explanation;
  j["problems"] = r.problems;
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& f : r.findings) findings.push_back(nlohmann::ordered_json(output::findingJson(f)));
  j["findings"] = std::move(findings);
  if (r.status == migrate::Status::Migrated) {
    j["contract"] = migrate::contractJson(r.contract);
  }
  // An error always has its object; line and column when the parser gave them.
  if (r.error) {
    j["error"] = {{"message", r.error->message}, {"line", r.error->position.line}, {"column", r.error->position.column}};
  } else if (r.status == migrate::Status::Error) {
    j["error"] = {{"message", r.reason}};
  }
  if (!r.ignoreNotes.empty()) {
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& n : r.ignoreNotes) notes.push_back(ignoreNoteJson(n));
    j["ignore_comments"] = std::move(notes);
  }
  if (fixes) j["unsafe_fixes"] = fixesJson(*fixes);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

constexpr const char* kExitStatus =
    "FILE '-' reads the Dockerfile from standard input (build context: the current\n"
    "folder unless --context; --write is then refused).\n"
    "Exit status: 0 rewritten (or, with --check, nothing to rewrite); 1 nothing to\n"
    "rewrite (already multi-stage, refused, or left alone by .restage.yaml or a\n"
    "'# restage: ignore' line), or with --check a rewrite would be produced; 2 on a\n"
    "read or syntax error, a failed write, a bad .restage.yaml, or bad usage. With\n"
    "--unsafe-fixes a file changed only by fixes counts as rewritten.\n";

// Standard input, whole (a Dockerfile; bounded like a file read).
std::string readStdin() {
  constexpr std::size_t kLimit = 16 * 1024 * 1024;
  std::string text;
  char buffer[65536];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    text.append(buffer, n);
    if (text.size() > kLimit) throw Error("migrate: standard input is larger than 16 MiB");
  }
  if (std::ferror(stdin)) throw Error("migrate: cannot read standard input");
  return text;
}

}  // namespace

int runMigrate(const std::vector<std::string>& args) {
  std::string file, context, out, format = "text", runtimeBase, lang;
  std::vector<std::string> buildArgs;
  po::options_description opts("restage migrate FILE [options]");
  opts.add_options()
      ("help,h", "show this help")
      ("context", po::value(&context), "the build context (default: a compose service's that builds FILE, else FILE's folder)")
      ("diff", "print a unified diff instead of the new Dockerfile")
      ("check", "write nothing; exit 1 when a rewrite would be produced, 0 when not")
      ("write", "replace FILE with the rewrite (atomically, same permissions)")
      ("output,o", po::value(&out), "write the rewrite to OUT")
      ("format,f", po::value(&format)->default_value("text"), "text | json")
      ("runtime-base", po::value(&runtimeBase), "use IMAGE for the runtime stage")
      ("accept-unknown", "rewrite even when a build step has effects restage cannot see (listed as risks)")
      ("unsafe-fixes", "first apply the fixes of the problems in the file as it is (RS002 trailing-comment,\n"
                       "RS003 runtime-cannot-start): they change what the build does; review them")
      ("lang", po::value(&lang), "node | go | cpp (default: detected)")
      ("build-arg", po::value(&buildArgs)->composing(),
       "KEY=VALUE the image is built with (repeatable): resolves ARGs used in FROM");
  addConfigOptions(opts);
  po::options_description hidden;
  hidden.add_options()("file", po::value(&file));
  po::variables_map vm;
  if (!parseCommandLine("migrate", args, opts, hidden, "file", 1, vm)) {
    std::cout << opts << "\n" << commonOptions() << "\n" << kExitStatus;
    return 0;
  }
  if (file.empty()) throw UsageError("migrate: no FILE given (use '-' for standard input)");
  bool fromStdin = file == "-";
  bool check = vm.count("check") > 0;
  if (fromStdin && vm.count("write")) throw UsageError("migrate: --write needs a FILE, not standard input");
  if (check && (vm.count("write") || vm.count("output"))) {
    throw UsageError("migrate: --check writes nothing; it cannot go with --write or -o");
  }
  if (format != "text" && format != "json") throw UsageError("migrate: unknown --format '" + format + "' (text, json)");
  int modes = static_cast<int>(vm.count("diff")) + static_cast<int>(vm.count("write")) + static_cast<int>(vm.count("output"));
  if (modes > 1) throw UsageError("migrate: --diff, --write and -o are exclusive");
  if (!lang.empty() && lang != "node" && lang != "go" && lang != "cpp") {
    throw UsageError("migrate: unknown --lang '" + lang + "' (node, go, cpp)");
  }

  migrate::Options options;
  if (!context.empty()) {
    // A context that is not a folder would silently mean "no context facts".
    std::error_code ec;
    if (!std::filesystem::is_directory(context, ec)) {
      throw Error("migrate: --context " + context + ": not a folder" + (ec ? " (" + ec.message() + ")" : ""));
    }
    options.context = context;
  }
  if (!runtimeBase.empty()) options.runtimeBase = runtimeBase;
  options.acceptUnknown = vm.count("accept-unknown") > 0;
  if (!lang.empty()) options.language = lang;
  for (const auto& ba : buildArgs) {
    auto eq = ba.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("migrate: --build-arg '" + ba + "' is not KEY=VALUE");
    options.buildArgs.emplace_back(ba.substr(0, eq), ba.substr(eq + 1));
  }
  if (!fromStdin) {
    // Before anything reads it: a refused file is printed as it is, so a
    // link to /proc/self/environ would print the job's secrets.
    if (auto escape = io::symlinkEscape(file)) {
      fmt::print(stderr, "restage: {}: not read [symlink-outside-root]: {}\n", file, *escape);
      return 2;
    }
  }
  std::optional<std::string> composeNote;
  if (!fromStdin) composeNote = applyCompose(file, options);
  auto configs = configFinder("migrate", vm);
  migrate::Result r;
  std::optional<suggest::FixRun> fixes;
  if (fromStdin) {
    // No file, no folder: the context is the current folder unless given;
    // .restage.yaml is looked for from the current folder.
    if (!options.context) options.context = std::filesystem::current_path();
    const config::Config* found = configs->forFolder(std::filesystem::current_path());
    file = "<stdin>";
    std::string source = readStdin();
    if (vm.count("unsafe-fixes")) {
      auto migrateText = [&](const std::string& text) { return config::migrateSource(text, file, options, found); };
      fixes = suggest::applyFixes(source, migrateText);
      r = migrateText(fixes->text);
      r.original = std::move(source);
    } else {
      r = config::migrateSource(std::move(source), file, options, found);
    }
  } else if (vm.count("unsafe-fixes") && !(configs->forFile(file) && configs->forFile(file)->excludedBy(file))) {
    // The fixes, then the migration of the fixed text, under the file's
    // configuration; `original` stays the file as it is (what --diff
    // compares with and --write checks against).
    std::string source;
    try {
      source = io::readFile(file);
    } catch (const Error& e) {
      output::printLine(stderr, "restage: error: {}", e.what());
      return 2;
    }
    std::filesystem::path path(file);
    if (!options.context) options.context = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const config::Config* config = configs->forFile(file);
    migrate::Options fileOptions = config::optionsFor(file, options, config);
    auto migrateText = [&](const std::string& text) {
      migrate::Result res = migrate::migrateSource(text, file, fileOptions);
      config::applyToResult(res, fileOptions, config);
      return res;
    };
    fixes = suggest::applyFixes(source, migrateText);
    r = migrateText(fixes->text);
    r.original = std::move(source);
  } else {
    r = config::migrateFile(file, options, configs->forFile(file));
    if (r.code == "excluded") {
      // Not migrated, but printed as it is, like any file left unchanged.
      try {
        r.original = r.output = io::readFile(file);
      } catch (const Error&) {
      }
    }
  }

  if (composeNote && r.status != migrate::Status::Error) r.explanation.insert(r.explanation.begin(), *composeNote);
  if (r.status == migrate::Status::Error) {
    if (r.error) {
      output::printLine(stderr, "{}:{}:{}: error: {}", file, r.error->position.line, r.error->position.column, r.error->message);
    } else {
      output::printLine(stderr, "restage: error: {}", r.reason);
    }
    if (format == "json") write(stdout, resultJson(r, fixes));
    return 2;
  }

  // A rewrite: the migration, or (--unsafe-fixes) a fixed file.
  bool migrated = r.status == migrate::Status::Migrated || r.output != r.original;
  if (format == "json") {
    write(stdout, resultJson(r, fixes));
  } else if (vm.count("diff")) {
    // Standard input has no name; the diff names it Dockerfile.
    write(stdout, output::unifiedDiff(r.original, r.output, fromStdin ? "Dockerfile" : file));
  } else if (!check && !vm.count("write") && !vm.count("output")) {
    write(stdout, r.output);
  }
  if (migrated && vm.count("write")) io::writeFileAtomic(file, r.output, &r.original);
  if (migrated && vm.count("output")) io::writeFileAtomic(out, r.output);

  // The explanation goes to stderr so stdout stays the file (or diff).
  if (format == "text") {
    if (fixes) {
      output::printLine(stderr, "{}: {} unsafe fix{} applied (review before using the result)", file, fixes->applied.size(),
                 fixes->applied.size() == 1 ? "" : "es");
      for (const auto& f : fixes->applied) {
        output::printLine(stderr, "  fixed {} {} (line {}): {}", f.rule->code, f.rule->name, f.line, f.fix->description);
      }
      for (const auto& f : fixes->remaining) {
        output::printLine(stderr, "  ! not fixed {} {} (line {}): {}", f.rule->code, f.rule->name, f.line, f.message);
      }
    }
    // The code, as batch prints it: what people look up in docs/migrate.md.
    if (r.status == migrate::Status::Migrated) {
      output::printLine(stderr, "{}: migrated ({})", file, r.reason);
    } else {
      output::printLine(stderr, "{}: {} [{}]: {}", file, migrate::statusName(r.status), r.code, r.reason);
    }
    for (const auto& line : r.explanation) output::printLine(stderr, "  - {}", line);
    if (r.status == migrate::Status::Migrated) {
      output::printLine(stderr, "  Runtime contract:");
      for (const auto& line : migrate::contractLines(r.contract)) output::printLine(stderr, "    {}", line);
    }
    for (const auto& p : r.problems) output::printLine(stderr, "  ! {}", p);
    // The same findings batch and suggest report (config/Policy.h).
    for (const auto& f : r.findings) output::printLine(stderr, "{}", suggest::findingLine(file, f));
  }
  if (check) return migrated ? 1 : 0;
  return migrated ? 0 : 1;
}

}  // namespace restage::cli
