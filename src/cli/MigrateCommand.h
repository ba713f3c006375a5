#pragma once
#include <string>
#include <vector>

namespace restage::cli {

// restage migrate FILE [--context DIR] [--diff | --write | -o OUT] [--format text|json]
//   [--runtime-base IMAGE] [--lang node|go|cpp]
int runMigrate(const std::vector<std::string>& args);

}  // namespace restage::cli
