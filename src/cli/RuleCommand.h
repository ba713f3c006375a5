#pragma once
// `restage rule [CODE...]`: what each rule means, an example and its fix,
// from templates/rules.json (src/suggest/Rule.h), the text SARIF's rule help
// carries too; `--format markdown` prints docs/rules.md.
#include <string>
#include <vector>

namespace restage::cli {

int runRule(const std::vector<std::string>& args);

}  // namespace restage::cli
