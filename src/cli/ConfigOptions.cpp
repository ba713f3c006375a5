#include "cli/ConfigOptions.h"

#include "Error.h"

namespace restage::cli {

namespace po = boost::program_options;

void addConfigOptions(po::options_description& options) {
  options.add_options()
      ("config", po::value<std::string>()->value_name("FILE"),
       "use FILE as .restage.yaml for every Dockerfile (default: the nearest .restage.yaml from "
       "each file's folder up to the repository's top; docs/config.md)")
      ("no-config", "read no .restage.yaml");
}

std::unique_ptr<config::ConfigFinder> configFinder(const std::string& command, const po::variables_map& vm) {
  using Mode = config::ConfigFinder::Mode;
  if (vm.count("config") && vm.count("no-config")) {
    throw UsageError(command + ": --config and --no-config cannot go together");
  }
  if (vm.count("no-config")) return std::make_unique<config::ConfigFinder>(Mode::None);
  if (vm.count("config")) {
    return std::make_unique<config::ConfigFinder>(Mode::Fixed, vm["config"].as<std::string>());
  }
  return std::make_unique<config::ConfigFinder>();
}

}  // namespace restage::cli
