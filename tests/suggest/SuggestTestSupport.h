#pragma once
// Helpers for the suggest tests: running tools, temporary folders, and
// applying suggestions the way their consumers (GitHub, reviewdog, SARIF
// fixers) do, reading only the emitted JSON.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "migrate/Migration.h"
#include "support/TestSupport.h"

namespace restage::suggest::test {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};
// Runs argv[0] (looked up in PATH) in `cwd` with stdin from /dev/null.
Run runCommand(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {});
// The built restage binary.
std::string restageBinary();

using TempDir = restage::test::TempTree;

void writeText(const std::filesystem::path& path, const std::string& text);

// realworld/{node,go,cpp}: every file, migrated, with its path relative to
// realworld/ (as a bot would see it in a repository).
struct CorpusFile {
  std::string path;
  std::filesystem::path file;
  migrate::Result result;
};
const std::vector<CorpusFile>& corpusMigrations();

// Applies linewise suggestions (1-based inclusive line ranges; the text
// replaces the lines and gets a newline after it, as GitHub applies a
// ```suggestion block). `edits` are (startLine, endLine, text).
struct LineEdit {
  std::size_t startLine;
  std::size_t endLine;
  std::string text;
};
std::string applyLinewise(const std::string& original, std::vector<LineEdit> edits);

// Applies SARIF replacements given as (startLine, startColumn, endLine,
// endColumn) regions with 1-based UTF-16 columns (ASCII-only tests) and
// inserted text.
std::string applySarifReplacements(const std::string& original, const nlohmann::json& replacements);

// The project's shared schemas folder.
std::filesystem::path schemasDir();
// tests/suggest in the source tree.
std::filesystem::path testSourceDir();

}  // namespace restage::suggest::test
