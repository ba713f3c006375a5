#pragma once
// --config FILE and --no-config, shared by batch, suggest and migrate: which
// .restage.yaml applies (docs/config.md).
#include <boost/program_options.hpp>

#include <memory>
#include <string>

#include "config/Config.h"

namespace restage::cli {

void addConfigOptions(boost::program_options::options_description& options);

// The finder the options ask for; loads --config FILE now (a bad file is a
// ConfigError, exit 2).
std::unique_ptr<config::ConfigFinder> configFinder(const std::string& command,
                                                   const boost::program_options::variables_map& vm);

}  // namespace restage::cli
