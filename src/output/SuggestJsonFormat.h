#pragma once
// restage's own JSON for `restage suggest --format json`: every file asked
// about with migrate's verdict, and each suggestion with its line range, byte
// range, replaced and replacement text. docs/suggest.md documents the fields.
#include <string>
#include <vector>

#include "suggest/Suggestion.h"

namespace restage::output {

std::string suggestJson(const std::vector<suggest::FileReport>& reports, const std::string& toolVersion);

}  // namespace restage::output
