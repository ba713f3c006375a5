#pragma once
// BuildKit's view of a parsed Dockerfile: the `Dump` text format of its parser
// tests, and the one-line JSON record of restage's corpus expectations.
#include <string>
#include <string_view>

#include "ast/Document.h"

namespace restage::output {

// One instruction in Dump format, without the enclosing parentheses.
std::string dumpInstruction(const ast::Instruction& ins);
// The whole file: "(" + instruction + ")\n" per instruction.
std::string buildkitDump(const ast::Document& doc);
// {"file","ok","error","escape","warnings","instructions":[...]} on one line.
std::string buildkitJson(const ast::Document& doc, const std::string& file);
// The same, appended to `out` (one buffer for many files).
void appendBuildkitJson(std::string& out, const ast::Document& doc, std::string_view file);

}  // namespace restage::output
