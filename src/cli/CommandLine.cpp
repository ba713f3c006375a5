#include "cli/CommandLine.h"

#include "Error.h"
#include "cli/Spelling.h"

namespace restage::cli {

namespace po = boost::program_options;

namespace {

// "--write", "-o" ... for every visible option, for "did you mean".
std::vector<std::string> optionNames(const po::options_description& visible) {
  std::vector<std::string> names;
  for (const auto& option : visible.options()) {
    std::string longName = option->long_name();
    if (!longName.empty()) names.push_back("--" + longName);
  }
  return names;
}

}  // namespace

bool parseCommandLine(const std::string& command, const std::vector<std::string>& args,
                      const po::options_description& visible, const po::options_description& hidden,
                      const char* positional, int maxPositional, po::variables_map& vm) {
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description pos;
  pos.add(positional, maxPositional);
  // Exact option names only: Boost's default style takes any unambiguous
  // prefix ("--w" for "--write"), which turns a typo into an action.
  int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).style(style).run(), vm);
    if (vm.count("help")) return false;
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::string message = command + ": " + e.what();
    std::string name = e.get_option_name();
    if (auto near = closestName(name.substr(0, name.find('=')), optionNames(visible))) {
      message += " (did you mean '" + *near + "'?)";
    }
    throw UsageError(message + "; see 'restage " + command + " --help'");
  } catch (const po::error& e) {
    throw UsageError(command + ": " + e.what());
  }
  return true;
}

}  // namespace restage::cli
