#include "cli/CommandLine.h"

#include "Error.h"
#include "cli/Spelling.h"
#include "io/FileIO.h"

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

const po::options_description& commonOptions() {
  static const po::options_description common = [] {
    po::options_description d("limits");
    d.add_options()("max-file-size", po::value<std::string>()->value_name("SIZE"),
                    ("refuse Dockerfiles larger than SIZE (default " +
                     io::describeBytes(io::kDefaultMaxFileBytes) + "; e.g. 512KiB, 16MiB)").c_str())
                   ("max-lines", po::value<std::size_t>()->value_name("N"),
                    ("refuse Dockerfiles of more than N lines (default " + std::to_string(io::kDefaultMaxLines) +
                     ")").c_str())
                   ("max-words", po::value<std::size_t>()->value_name("N"),
                    ("refuse Dockerfiles of more than N words (default " + std::to_string(io::kDefaultMaxWords) +
                     ")").c_str());
    return d;
  }();
  return common;
}

bool parseCommandLine(const std::string& command, const std::vector<std::string>& args,
                      const po::options_description& visible, const po::options_description& hidden,
                      const char* positional, int maxPositional, po::variables_map& vm) {
  po::options_description all;
  all.add(visible).add(hidden).add(commonOptions());
  po::positional_options_description pos;
  pos.add(positional, maxPositional);
  // Exact option names only: Boost's default style takes any unambiguous
  // prefix ("--w" for "--write"), which turns a typo into an action.
  int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  try {
    // Boost erases each positional argument from the front of its token
    // list, one at a time: quadratic in their number, a quarter of the time
    // of `restage parse` on 4,000 files. This parser takes a whole run of
    // them at once (tokens that do not start with '-'; an option's value
    // never gets here, Boost's option parsers consume it with the option).
    auto positionalRun = [](std::vector<std::string>& tokens) {
      std::size_t n = 0;
      while (n < tokens.size() && (tokens[n].empty() || tokens[n][0] != '-')) ++n;
      std::vector<po::option> run(n);
      for (std::size_t i = 0; i < n; ++i) {
        run[i].value.push_back(tokens[i]);
        run[i].original_tokens.push_back(std::move(tokens[i]));
      }
      tokens.erase(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(n));
      return run;
    };
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(pos)
                  .style(style)
                  .extra_style_parser(positionalRun)
                  .run(),
              vm);
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
  if (vm.count("max-lines")) {
    if (vm["max-lines"].as<std::size_t>() == 0) throw UsageError(command + ": --max-lines must be at least 1");
    io::setMaxLines(vm["max-lines"].as<std::size_t>());
  }
  if (vm.count("max-words")) {
    if (vm["max-words"].as<std::size_t>() == 0) throw UsageError(command + ": --max-words must be at least 1");
    io::setMaxWords(vm["max-words"].as<std::size_t>());
  }
  if (vm.count("max-file-size")) {
    try {
      io::setMaxFileBytes(io::parseByteSize(vm["max-file-size"].as<std::string>()));
    } catch (const UsageError& e) {
      throw UsageError(command + ": " + e.what());
    }
  }
  return true;
}

}  // namespace restage::cli
