#pragma once
#include <string>
#include <vector>

namespace restage::cli {

// restage suggest [FILE...] [--changed-from REF]
//                 [--format rdjson|sarif|github-review|diff|json]
int runSuggest(const std::vector<std::string>& args);

}  // namespace restage::cli
