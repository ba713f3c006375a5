#include "config/Policy.h"

#include <fmt/core.h>

#include "config/InlineIgnore.h"

#include <algorithm>
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

// RS001 is the rewrite itself: a rule left out by select/ignore leaves the
// file as it is, like `languages`.
void applyRewriteSelection(migrate::Result& r, const Config& c) {
  if (r.status != migrate::Status::Migrated && r.status != migrate::Status::Refused) return;
  if (c.reports(suggest::kPreferMultiStageBuild.code)) return;
  std::string wouldBe = r.code;
  leaveUnchanged(r, "rule-not-selected",
                 c.notReportedWhy(suggest::kPreferMultiStageBuild.code) + " (restage would report: " + wouldBe + ")");
}

std::string ruleList(const std::vector<const suggest::Rule*>& rules) {
  std::string s;
  for (const auto* rule : rules) s += (s.empty() ? "" : ",") + std::string(rule->code);
  return s;
}

// The per-rule `# restage: ignore=CODE` comments: each takes the findings of
// its rules in the lines it covers (RS001: the rewrite or refusal of the
// stage it covers); a code that takes nothing is noted as unused.
void applyRuleIgnores(migrate::Result& r, const ast::Document& doc, const std::vector<IgnoreComment>& comments,
                      std::vector<migrate::IgnoreNote>& notes) {
  using Use = migrate::IgnoreNote::Use;
  for (const auto& c : comments) {
    std::string shown = "'# restage: ignore=" + ruleList(c.rules) + "'";
    if (c.firstLine == 0) {
      notes.push_back({Use::Unused, c.line, c.column,
                       "unused " + shown + ": no instruction follows it (only comments and blank lines may stand "
                                           "between the comment and the instruction it is for); remove the comment"});
      continue;
    }
    std::vector<const suggest::Rule*> unused;
    std::vector<std::string> what;
    for (const auto* rule : c.rules) {
      bool used = false;
      if (rule == &suggest::kPreferMultiStageBuild) {
        // The rewrite (or refusal) is about the first stage, the file's only one.
        bool rewrite = r.status == migrate::Status::Migrated || r.status == migrate::Status::Refused;
        if (rewrite && c.coversStage && !doc.stages.empty() &&
            c.stageFromLine == doc.instructions[doc.stages.front().from].startLine) {
          std::string wouldBe = r.code;
          std::string reason = "ignored by " + shown + " on line " + std::to_string(c.line);
          if (!c.reason.empty()) reason += ": " + c.reason;
          leaveUnchanged(r, "ignored", reason + " (restage would report: " + wouldBe + ")");
          used = true;
        }
      } else {
        auto covered = [&](const suggest::Finding& f) {
          return f.rule == rule && f.line >= c.firstLine && f.line <= c.lastLine;
        };
        auto before = r.findings.size();
        r.findings.erase(std::remove_if(r.findings.begin(), r.findings.end(), covered), r.findings.end());
        used = r.findings.size() != before;
      }
      if (!used) unused.push_back(rule);
    }
    if (unused.size() == c.rules.size()) {
      std::string where = c.coversStage ? "the stage below it (lines " + std::to_string(c.firstLine) + "-" +
                                              std::to_string(c.lastLine) + ")"
                                        : "the instruction below it (line " + std::to_string(c.firstLine) + ")";
      notes.push_back({Use::Unused, c.line, c.column,
                       "unused " + shown + ": " + where + " has no " + ruleList(unused) +
                           " finding; remove the comment"});
    } else if (!unused.empty()) {
      notes.push_back({Use::Unused, c.line, c.column,
                       "unused " + ruleList(unused) + " in " + shown + ": the " +
                           (c.coversStage ? std::string("stage") : std::string("instruction")) +
                           " below it has no such finding; remove " + (unused.size() == 1 ? "that code" : "those codes")});
    } else {
      notes.push_back({Use::Used, c.line, c.column, shown + " ignores what it names"});
    }
  }
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
    bool used = r.status == migrate::Status::Migrated || r.status == migrate::Status::Refused || !r.findings.empty();
    if (used) {
      std::string wouldBe = r.code;
      std::string reason = "ignored by '# restage: ignore' on line " + std::to_string(first.line);
      if (!first.reason.empty()) reason += ": " + first.reason;
      reason += " (restage would report: " + wouldBe + ")";
      leaveUnchanged(r, "ignored", reason);
      r.findings.clear();
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
    for (const auto& c : scan.ruleIgnores) {
      notes.push_back({Use::Unused, c.line, c.column,
                       "unused '# restage: ignore=" + ruleList(c.rules) + "': the comment on line " +
                           std::to_string(first.line) + " already ignores the whole file"});
    }
  } else {
    applyRuleIgnores(r, doc, scan.ruleIgnores, notes);
  }
  std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  r.ignoreNotes = std::move(notes);
}

// The ignore comments' own findings (RS004, RS005), after the file's.
void addIgnoreFindings(migrate::Result& r) {
  for (const auto& note : r.ignoreNotes) {
    if (note.use == migrate::IgnoreNote::Use::Unused) {
      r.findings.push_back({&suggest::kUnusedIgnore, note.line, note.column, note.message, std::nullopt});
    }
    if (note.use == migrate::IgnoreNote::Use::Malformed) {
      r.findings.push_back({&suggest::kMalformedIgnore, note.line, note.column, note.message, std::nullopt});
    }
  }
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
    applyRewriteSelection(result, *config);
  }
  if (result.status == migrate::Status::Error) {
    result.findings.clear();
    return;
  }
  // Findings of rules not selected are not reported, and so not ignored either.
  auto notReported = [&](const suggest::Finding& f) { return config && !config->reports(f.rule->code); };
  result.findings.erase(std::remove_if(result.findings.begin(), result.findings.end(), notReported),
                        result.findings.end());
  applyIgnore(result);
  addIgnoreFindings(result);
  result.findings.erase(std::remove_if(result.findings.begin(), result.findings.end(), notReported),
                        result.findings.end());
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
