#include "cli/MigrateCommand.h"

#include <boost/program_options.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "Error.h"
#include "cli/CommandLine.h"
#include "cli/ConfigOptions.h"
#include "config/Policy.h"
#include "io/FileIO.h"
#include "migrate/Migration.h"
#include "output/JsonHeader.h"
#include "output/UnifiedDiff.h"

namespace restage::cli {

namespace po = boost::program_options;

namespace {

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

std::string resultJson(const migrate::Result& r) {
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
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

constexpr const char* kExitStatus =
    "FILE '-' reads the Dockerfile from standard input (build context: the current\n"
    "folder unless --context; --write is then refused).\n"
    "Exit status: 0 rewritten (or, with --check, nothing to rewrite); 1 nothing to\n"
    "rewrite (already multi-stage, refused, or left alone by .restage.yaml or a\n"
    "'# restage: ignore' line), or with --check a rewrite would be produced; 2 on a\n"
    "read or syntax error, a failed write, a bad .restage.yaml, or bad usage.\n";

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
  po::options_description opts("restage migrate FILE [options]");
  opts.add_options()
      ("help,h", "show this help")
      ("context", po::value(&context), "the build context (default: the Dockerfile's folder)")
      ("diff", "print a unified diff instead of the new Dockerfile")
      ("check", "write nothing; exit 1 when a rewrite would be produced, 0 when not")
      ("write", "replace FILE with the rewrite (atomically, same permissions)")
      ("output,o", po::value(&out), "write the rewrite to OUT")
      ("format,f", po::value(&format)->default_value("text"), "text | json")
      ("runtime-base", po::value(&runtimeBase), "use IMAGE for the runtime stage")
      ("accept-unknown", "rewrite even when a build step has effects restage cannot see (listed as risks)")
      ("lang", po::value(&lang), "node | go | cpp (default: detected)");
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
  auto configs = configFinder("migrate", vm);
  migrate::Result r;
  if (fromStdin) {
    // No file, no folder: the context is the current folder unless given;
    // .restage.yaml is looked for from the current folder.
    if (!options.context) options.context = std::filesystem::current_path();
    const config::Config* found = configs->forFolder(std::filesystem::current_path());
    file = "<stdin>";
    r = config::migrateSource(readStdin(), file, options, found);
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

  if (r.status == migrate::Status::Error) {
    if (r.error) {
      fmt::print(stderr, "{}:{}:{}: error: {}\n", file, r.error->position.line, r.error->position.column, r.error->message);
    } else {
      fmt::print(stderr, "restage: {}\n", r.reason);
    }
    if (format == "json") write(stdout, resultJson(r));
    return 2;
  }

  bool migrated = r.status == migrate::Status::Migrated;
  if (format == "json") {
    write(stdout, resultJson(r));
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
    fmt::print(stderr, "{}: {} ({})\n", file, migrate::statusName(r.status), r.reason);
    for (const auto& line : r.explanation) fmt::print(stderr, "  - {}\n", line);
    if (migrated) {
      fmt::print(stderr, "  Runtime contract:\n");
      for (const auto& line : migrate::contractLines(r.contract)) fmt::print(stderr, "    {}\n", line);
    }
    for (const auto& p : r.problems) fmt::print(stderr, "  ! {}\n", p);
    for (const auto& n : r.ignoreNotes) {
      if (n.use == migrate::IgnoreNote::Use::Used) continue;
      fmt::print(stderr, "{}:{}:{}: warning [{}-ignore]: {}\n", file, n.line, n.column, ignoreUseName(n.use), n.message);
    }
  }
  if (check) return migrated ? 1 : 0;
  return migrated ? 0 : 1;
}

}  // namespace restage::cli
