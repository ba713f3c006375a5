#pragma once
// Suggestions as reviewdog's Diagnostic Format (rdjson, one DiagnosticResult
// object), so `reviewdog -f=rdjson -reporter=github-pr-review` posts them.
// Ranges are linewise (no columns): reviewdog turns such a suggestion into a
// GitHub suggestion block over exactly those lines.
#include <string>
#include <vector>

#include "suggest/Suggestion.h"

namespace restage::output {

std::string rdjson(const std::vector<suggest::FileReport>& reports);

}  // namespace restage::output
