#include "cli/CommandLine.h"

#include "Error.h"
#include "io/FileIO.h"

namespace restage::cli {

namespace po = boost::program_options;

const po::options_description& commonOptions() {
  static const po::options_description common = [] {
    po::options_description d("limits");
    d.add_options()("max-file-size", po::value<std::string>()->value_name("SIZE"),
                    ("refuse Dockerfiles larger than SIZE (default " +
                     io::describeBytes(io::kDefaultMaxFileBytes) + "; e.g. 512KiB, 16MiB)").c_str())
                   ("max-lines", po::value<std::size_t>()->value_name("N"),
                    ("refuse Dockerfiles of more than N lines (default " + std::to_string(io::kDefaultMaxLines) +
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
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    if (vm.count("help")) return false;
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(command + ": " + e.what());
  }
  if (vm.count("max-lines")) {
    if (vm["max-lines"].as<std::size_t>() == 0) throw UsageError(command + ": --max-lines must be at least 1");
    io::setMaxLines(vm["max-lines"].as<std::size_t>());
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
