// restage: refactors Dockerfiles into multi-stage builds.
// This is the one place that catches errors and chooses exit statuses:
// 0 success, 1 "nothing to do" answers of a command, 2 errors and bad usage.
#include <fmt/core.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "output/Escape.h"
#include "Error.h"
#include "output/JsonError.h"
#include "cli/BatchCommand.h"
#include "cli/MigrateCommand.h"
#include "cli/ParseCommand.h"
#include "cli/RuleCommand.h"
#include "cli/Spelling.h"
#include "cli/SuggestCommand.h"
#include "cli/VerifyCommand.h"
#include "cli/Version.h"

namespace {

constexpr const char* kUsage =
    "usage: restage <command> [options]\n"
    "\n"
    "commands:\n"
    "  batch     migrate every Dockerfile under folders (dry run, --write, --check, --shard; sarif, github)\n"
    "  migrate   rewrite a single-stage Dockerfile into builder + minimal runtime stages\n"
    "  parse     parse Dockerfiles and print them (buildkit, buildkit-json, json, source)\n"
    "  rule      what a rule code means, with an example and its fix (RS001 to RS005)\n"
    "  suggest   review suggestions for a rewrite (rdjson, sarif, github, github-review, diff, json)\n"
    "  verify    build and run the original and the rewrite, and compare what they do\n"
    "  version   print the version and the git commit it was built from (also --version, -V)\n"
    "\n"
    "Run 'restage <command> --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      std::fputs(kUsage, args.empty() ? stderr : stdout);
      return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "-V" || args[0] == "version") {
      fmt::print("{}\n", restage::cli::versionLine());
      return 0;
    }
    std::string command = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "batch") return restage::cli::runBatch(rest);
    if (command == "migrate") return restage::cli::runMigrate(rest);
    if (command == "parse") return restage::cli::runParse(rest);
    if (command == "rule") return restage::cli::runRule(rest);
    if (command == "suggest") return restage::cli::runSuggest(rest);
    if (command == "verify") return restage::cli::runVerify(rest);
    std::string message = "unknown command '" + command + "'";
    const std::vector<std::string> commands = {"batch", "migrate", "parse", "rule", "suggest", "verify", "version", "help"};
    if (auto near = restage::cli::closestName(command, commands)) message += " (did you mean '" + *near + "'?)";
    // The message is one line (it quotes the argument); the usage follows as
    // restage's own text.
    restage::output::printLine(stderr, "restage: error: {}", message);
    std::fputs(kUsage, stderr);
    return 2;
  } catch (const restage::LocatedError& e) {
    // FILE:LINE:COL first, as compilers print it, so editors can jump there.
    restage::output::printLine(stderr, "{}", e.what());
    return 2;
  } catch (const restage::Error& e) {
    restage::output::printLine(stderr, "restage: error: {}", e.what());
    return 2;
  } catch (const nlohmann::json::exception& e) {
    // A JSON library error names no file; say what it was without the
    // library's "[json.exception...]" tag.
    restage::output::printLine(stderr, "restage: error: invalid JSON: {}", restage::output::jsonErrorText(e));
    return 2;
  } catch (const std::exception& e) {
    restage::output::printLine(stderr, "restage: internal error: {}", e.what());
    return 2;
  }
}
