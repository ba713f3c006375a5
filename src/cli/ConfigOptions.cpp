#include "cli/ConfigOptions.h"

#include <stdexcept>
#include <vector>

#include "Error.h"

namespace restage::cli {

namespace po = boost::program_options;

void addConfigOptions(po::options_description& options, bool failOn) {
  options.add_options()
      ("config", po::value<std::string>()->value_name("FILE"),
       "use FILE as .restage.yaml for every Dockerfile (default: the nearest .restage.yaml from "
       "each file's folder up to the repository's top; docs/config.md)")
      ("no-config", "read no .restage.yaml")
      ("select", po::value<std::vector<std::string>>()->value_name("RULES")->composing(),
       "report only these rules (codes or names, comma-separated: RS002,RS003); replaces .restage.yaml's "
       "select; without RS001 no rewrite is offered (restage rule lists the rules)")
      ("ignore", po::value<std::vector<std::string>>()->value_name("RULES")->composing(),
       "do not report these rules; replaces .restage.yaml's ignore");
  if (failOn) {
    options.add_options()("fail-on", po::value<std::vector<std::string>>()->value_name("WHAT")->composing(),
                          "what makes --check exit 1 (comma-separated: would-migrate, refused, finding, or "
                          "rules); replaces .restage.yaml's fail-on; default would-migrate,finding");
  }
}

namespace {

config::Overrides overridesOf(const std::string& command, const po::variables_map& vm) {
  config::Overrides o;
  auto list = [&](const char* option) { return config::splitList(vm[option].as<std::vector<std::string>>()); };
  try {
    if (vm.count("select")) o.select = config::parseRuleList(list("select"));
    if (vm.count("ignore")) o.ignore = config::parseRuleList(list("ignore"));
    if (vm.count("fail-on")) o.failOn = config::parseFailOn(list("fail-on"));
  } catch (const std::invalid_argument& e) {
    throw UsageError(command + ": " + e.what());
  }
  if (o.select && o.select->empty()) throw UsageError(command + ": --select names no rule");
  return o;
}

}  // namespace

std::unique_ptr<config::ConfigFinder> configFinder(const std::string& command, const po::variables_map& vm) {
  using Mode = config::ConfigFinder::Mode;
  if (vm.count("config") && vm.count("no-config")) {
    throw UsageError(command + ": --config and --no-config cannot go together");
  }
  config::Overrides overrides = overridesOf(command, vm);
  std::unique_ptr<config::ConfigFinder> finder;
  if (vm.count("no-config")) {
    finder = std::make_unique<config::ConfigFinder>(Mode::None);
  } else if (vm.count("config")) {
    finder = std::make_unique<config::ConfigFinder>(Mode::Fixed, vm["config"].as<std::string>());
  } else {
    finder = std::make_unique<config::ConfigFinder>();
  }
  finder->setOverrides(std::move(overrides));
  return finder;
}

}  // namespace restage::cli
