#pragma once
// --config FILE and --no-config, shared by batch, suggest and migrate: which
// .restage.yaml applies (docs/config.md); and --select, --ignore (and, for
// batch, --fail-on), which replace the configuration's keys of the same name.
#include <boost/program_options.hpp>

#include <memory>
#include <string>

#include "config/Config.h"

namespace restage::cli {

void addConfigOptions(boost::program_options::options_description& options, bool failOn = false);

// The finder the options ask for; loads --config FILE now (a bad file is a
// ConfigError, exit 2). An unknown rule in --select, --ignore or --fail-on is
// a usage error.
std::unique_ptr<config::ConfigFinder> configFinder(const std::string& command,
                                                   const boost::program_options::variables_map& vm);

}  // namespace restage::cli
