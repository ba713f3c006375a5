#pragma once
#include <string>
#include <vector>

namespace restage::cli {

// restage verify Dockerfile [--context DIR] [--rewrite FILE] [--engine auto|docker|podman|buildah]
//   [--probe auto|none|http://:PORT/PATH|exec:'CMD']... [--run-for S] [--format text|json|markdown]
// Exit: 0 same, 1 different, 3 original-fails, 4 rewrite-does-not-build,
// 5 no rewrite to verify, 2 errors, 128+N when interrupted by signal N.
int runVerify(const std::vector<std::string>& args);

}  // namespace restage::cli
