#pragma once
// The three ways `restage verify` prints a Report (one file each):
// text for people, JSON for machines (docs/schemas/verify.schema.json),
// Markdown for a bot to post.
#include <string>

#include "verify/Report.h"

namespace restage::verify {

std::string formatText(const Report& r);
std::string formatJson(const Report& r);
std::string formatMarkdown(const Report& r);

}  // namespace restage::verify
