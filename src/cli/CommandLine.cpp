#include "cli/CommandLine.h"

#include "Error.h"

namespace restage::cli {

namespace po = boost::program_options;

bool parseCommandLine(const std::string& command, const std::vector<std::string>& args,
                      const po::options_description& visible, const po::options_description& hidden,
                      const char* positional, int maxPositional, po::variables_map& vm) {
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description pos;
  pos.add(positional, maxPositional);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    if (vm.count("help")) return false;
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(command + ": " + e.what());
  }
  return true;
}

}  // namespace restage::cli
