#pragma once
// Suggestions as a SARIF 2.1.0 log (one run, restage's rules in the driver,
// one result per suggestion with its fix as an artifactChange), for GitHub
// code scanning and other SARIF consumers.
#include <string>
#include <vector>

#include "suggest/Suggestion.h"

namespace restage::output {

// informationUri: the project's public address for tool.driver.informationUri
// (from the RESTAGE_HOMEPAGE build setting); empty: the property is left out,
// since SARIF allows no empty or made-up value there.
std::string sarif(const std::vector<suggest::FileReport>& reports, const std::string& toolVersion,
                  const std::string& informationUri = "");

// A path as a SARIF artifact URI: a relative reference for a relative path
// (percent-encoded, ':' included so it never reads as a scheme), a file: URI
// for an absolute one.
std::string artifactUri(const std::string& path);

}  // namespace restage::output
