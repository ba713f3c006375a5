#pragma once
// restage's own JSON for `restage suggest --format json`: every file asked
// about with migrate's verdict, and each suggestion with its line range, byte
// range, replaced and replacement text. docs/suggest.md documents the fields.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "suggest/Suggestion.h"

namespace restage::output {

// A finding's fix as restage's JSON formats carry it (suggest and batch):
// {"safe": false, "applicability", "description", "edits": [{"offset",
// "length", "replacement"}], "start_line", "end_line", "replaced", "replacement"}.
nlohmann::json fixJson(const suggest::Fix& fix);

// A finding as batch's report and migrate's JSON carry it: {"rule" (its
// name), "code", "line", "column", "message", "fix" when it has one}.
nlohmann::json findingJson(const suggest::Finding& finding);

std::string suggestJson(const std::vector<suggest::FileReport>& reports, const std::string& toolVersion);

}  // namespace restage::output
