#pragma once
#include <string>
#include <vector>

namespace restage::cli {

// restage batch DIR... [--write [--backup]] [--check] [--jobs N] [--shard K/N]
//                      [--report FILE] [--format text|json] [--context-map FILE]
// Exit status: 2 when any file had an error (or bad usage), else 1 with
// --check when any file would change (with --write: was rewritten), else 0.
int runBatch(const std::vector<std::string>& args);

}  // namespace restage::cli
