#pragma once
// The option parsing every subcommand shares: its options, positional
// arguments collected under one name, --help checked before required options
// are enforced, and Boost's errors turned into UsageError naming the command.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace restage::cli {

// Options every command takes (--max-file-size); parseCommandLine applies
// them. Commands print them under their own in --help.
const boost::program_options::options_description& commonOptions();

// Returns false when --help was given (the caller prints its help).
bool parseCommandLine(const std::string& command, const std::vector<std::string>& args,
                      const boost::program_options::options_description& visible,
                      const boost::program_options::options_description& hidden, const char* positional,
                      int maxPositional, boost::program_options::variables_map& vm);

}  // namespace restage::cli
