#pragma once
// Findings, rewrites and errors as GitHub Actions workflow commands, one per
// line, which the runner turns into annotations on the files of a pull
// request or push (as ruff's `--output-format github` does):
//
//   ::error file=svc/Dockerfile,line=3,col=17,title=RS002 trailing-comment::'#' here is not a comment...
//   ::warning file=svc/Dockerfile,line=1,endLine=5,title=RS001 prefer-multi-stage-build::Use a multi-stage build...
//   ::error file=bad/Dockerfile,line=2,col=1,title=restage syntax-error::ENV must have two arguments
//
// One annotation per finding, one per rewritten file (RS001, over the lines
// the rewrite changes; restage migrate --diff shows it), one per file that
// could not be read or parsed. Severities map error -> error, warning ->
// warning, info -> notice. Every value is escaped for its place
// (output/Escape.h), so no text from a Dockerfile can end the command or
// start another one.
#include <string>
#include <vector>

#include "suggest/Suggestion.h"

namespace restage::output {

std::string githubAnnotations(const std::vector<suggest::FileReport>& reports);

// One workflow command: `::KIND PROPERTIES::MESSAGE\n`, properties given as
// (name, value) in order, each value escaped as a property, the message as
// data.
std::string workflowCommand(const std::string& kind, const std::vector<std::pair<std::string, std::string>>& properties,
                            const std::string& message);

}  // namespace restage::output
