#include "output/Escape.h"
#include "cli/ParseCommand.h"

#include <boost/program_options.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <iostream>

#include "Error.h"
#include "cli/CommandLine.h"
#include "io/FileIO.h"
#include "io/Paths.h"
#include "output/AstJson.h"
#include "output/BuildKitDump.h"
#include "syntax/DockerfileReader.h"

namespace restage::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kExitStatus =
    "Exit status: 0 every FILE parsed; 2 when a FILE could not be read or has a\n"
    "syntax error (the others are still printed), or on bad usage.\n";

}  // namespace

int runParse(const std::vector<std::string>& args) {
  std::string format = "buildkit";
  std::vector<std::string> files;
  po::options_description opts("restage parse [options] FILE...");
  opts.add_options()
      ("help,h", "show this help")
      ("format,f", po::value(&format)->default_value("buildkit"),
       "buildkit | buildkit-json | json | source");
  po::options_description hidden;
  hidden.add_options()("file", po::value(&files));
  po::variables_map vm;
  if (!parseCommandLine("parse", args, opts, hidden, "file", -1, vm)) {
    std::cout << opts << "\n" << commonOptions() << "\n" << kExitStatus;
    return 0;
  }
  if (format != "buildkit" && format != "buildkit-json" && format != "json" && format != "source") {
    throw UsageError("parse: unknown --format '" + format + "' (buildkit, buildkit-json, json, source)");
  }
  if (files.empty()) throw UsageError("parse: no FILE given");

  int status = 0;
  std::string out;  // reused: its capacity outlives each file
  for (const auto& file : files) {
    if (auto escape = io::symlinkEscape(file)) {
      fmt::print(stderr, "restage: {}: not read [symlink-outside-root]: {}\n", file, *escape);
      status = 2;
      continue;
    }
    std::string source;
    try {
      source = io::readFile(file);
    } catch (const Error& e) {
      output::printLine(stderr, "restage: error: {}", e.what());
      status = 2;
      continue;
    }
    ast::Document doc = syntax::readDockerfile(std::move(source), file);
    if (doc.error) {
      output::printLine(stderr, "{}:{}:{}: error: {}", file, doc.error->position.line,
                 doc.error->position.column, doc.error->message);
      status = 2;
    }
    out.clear();
    if (format == "buildkit") {
      if (doc.ok()) {
        if (files.size() > 1) out = "# " + file + "\n";
        out += output::buildkitDump(doc);
      }
    } else if (format == "buildkit-json") {
      output::appendBuildkitJson(out, doc, file);
      out += '\n';
    } else if (format == "json") {
      out = output::astJson(doc, file, files.size() == 1) + "\n";
    } else {
      out = doc.reconstruct();
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return status;
}

}  // namespace restage::cli
