#pragma once
#include <string>
#include <vector>

namespace restage::cli {

// restage parse [--format buildkit|buildkit-json|json|source] FILE...
int runParse(const std::vector<std::string>& args);

}  // namespace restage::cli
