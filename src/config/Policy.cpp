#include "config/Policy.h"

#include <fmt/core.h>

#include "config/InlineIgnore.h"
#include "suggest/Findings.h"
#include "suggest/Suggestion.h"
#include "syntax/DockerfileReader.h"

namespace restage::config {

namespace fs = std::filesystem;

namespace {

// Left as it is: no output, no edits, nothing about a rewrite.
void leaveUnchanged(migrate::Result& r, std::string code, std::string reason) {
  r.status = migrate::Status::Unchanged;
  r.code = std::move(code);
  r.reason = std::move(reason);
  r.output = r.original;
  r.edits.clear();
  r.explanation.clear();
  r.contract = {};
  r.problems.clear();  // a refusal's: about a rewrite that is not offered
  r.runtimeBase.clear();
  r.estimatedSavingBytes = 0;
}

std::string joined(const std::set<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

void applyLanguages(migrate::Result& r, const migrate::Options& options, const Config& c) {
  if (!c.languages || options.language) return;
  if (r.status != migrate::Status::Migrated && r.status != migrate::Status::Refused) return;
  // Refusals before the language is known (no FROM, a variable base) stay.
  if (r.language.empty() || c.languages->count(r.language)) return;
  std::string what = r.language == "other" ? std::string("not one restage rewrites") : r.language;
  leaveUnchanged(r, "language-not-selected",
                 fmt::format("the file's language is {}, and 'languages' in {} lists only {}", what,
                             c.file.string(), joined(*c.languages)));
}

void applyMinSaving(migrate::Result& r, const Config& c) {
  if (!c.minSavingBytes || r.status != migrate::Status::Migrated) return;
  if (r.estimatedSavingBytes >= *c.minSavingBytes) return;
  std::string saving = r.estimatedSavingBytes > 0
                           ? fmt::format("the estimated saving, {} ({} bytes),", suggest::humanSize(r.estimatedSavingBytes),
                                         r.estimatedSavingBytes)
                           : std::string("restage has no estimate of the saving (0 bytes), which");
  leaveUnchanged(r, "below-min-saving",
                 fmt::format("{} is below 'min-saving: {}' ({} bytes) in {}", saving, c.minSavingText,
                             *c.minSavingBytes, c.file.string()));
}

void applyIgnore(migrate::Result& r) {
  if (r.status == migrate::Status::Error || !mayHaveIgnoreComment(r.original)) return;
  ast::Document doc = syntax::readDockerfile(r.original, r.path);
  if (!doc.ok()) return;
  IgnoreScan scan = scanIgnoreComments(doc);
  using Use = migrate::IgnoreNote::Use;
  std::vector<migrate::IgnoreNote> notes;
  for (const auto& p : scan.problems) notes.push_back({Use::Malformed, p.line, p.column, p.message});
  if (!scan.ignores.empty()) {
    const IgnoreComment& first = scan.ignores.front();
    // It is used when it silences something: a rewrite, a refusal or a finding.
    bool used = r.status == migrate::Status::Migrated || r.status == migrate::Status::Refused ||
                !suggest::findings(r).empty();
    if (used) {
      std::string wouldBe = r.code;
      std::string reason = "ignored by '# restage: ignore' on line " + std::to_string(first.line);
      if (!first.reason.empty()) reason += ": " + first.reason;
      reason += " (restage would report: " + wouldBe + ")";
      leaveUnchanged(r, "ignored", reason);
      notes.push_back({Use::Used, first.line, first.column, reason});
    } else {
      notes.push_back({Use::Unused, first.line, first.column,
                       "unused '# restage: ignore': restage leaves this file unchanged anyway (" + r.code +
                           ") and reports nothing in it; remove the comment"});
    }
    for (std::size_t i = 1; i < scan.ignores.size(); ++i) {
      notes.push_back({Use::Unused, scan.ignores[i].line, scan.ignores[i].column,
                       "unused '# restage: ignore': the comment on line " + std::to_string(first.line) +
                           " already ignores the whole file"});
    }
  }
  std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  r.ignoreNotes = std::move(notes);
}

void applyRuntimeBase(const fs::path& file, migrate::Options& options, const Config* c) {
  if (!c || options.runtimeBase) return;
  if (const PathRuntimeBase* p = file.empty() ? nullptr : c->runtimeBaseFor(file)) {
    options.runtimeBase = p->image;
    options.runtimeBaseSource = "'runtime-base: paths: " + p->glob.text() + "' in " + c->file.string();
    return;
  }
  options.runtimeBaseByLanguage = c->runtimeBaseByLanguage;
  options.runtimeBaseSource = "'runtime-base' in " + c->file.string();
}

}  // namespace

migrate::Options optionsFor(const fs::path& file, migrate::Options options, const Config* config) {
  applyRuntimeBase(file, options, config);
  return options;
}

void applyToResult(migrate::Result& result, const migrate::Options& options, const Config* config) {
  if (config) {
    applyLanguages(result, options, *config);
    applyMinSaving(result, *config);
  }
  applyIgnore(result);
}

migrate::Result migrateFile(const fs::path& file, migrate::Options options, const Config* config) {
  if (config) {
    if (const Glob* g = config->excludedBy(file)) {
      migrate::Result r;
      r.path = file.string();
      r.status = migrate::Status::Unchanged;
      r.code = "excluded";
      r.reason = "excluded by '" + g->text() + "' in " + config->file.string();
      return r;
    }
  }
  applyRuntimeBase(file, options, config);
  migrate::Result result = migrate::migrateFile(file, options);
  applyToResult(result, options, config);
  return result;
}

migrate::Result migrateSource(std::string source, const std::string& path, migrate::Options options,
                              const Config* config) {
  applyRuntimeBase({}, options, config);
  migrate::Result result = migrate::migrateSource(std::move(source), path, options);
  applyToResult(result, options, config);
  return result;
}

}  // namespace restage::config
