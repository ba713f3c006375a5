#include "suggest/Findings.h"

#include <algorithm>

#include "analysis/BuildContext.h"
#include "ast/Document.h"
#include "migrate/RuntimeCheck.h"
#include "syntax/DockerfileReader.h"
#include "transforms/RepairRuntimeStage.h"

namespace restage::suggest {

namespace {

// Instructions whose arguments a shell reads, where " # ..." is a shell
// comment and harmless.
bool shellReadsArguments(ast::InstructionKind kind) {
  using K = ast::InstructionKind;
  return kind == K::Run || kind == K::Cmd || kind == K::Entrypoint || kind == K::Healthcheck ||
         kind == K::Onbuild || kind == K::Unknown;
}

// A repair becomes the finding's fix; without one, the message says why.
void attach(Finding& f, const transforms::RepairOutcome& outcome, std::string_view original,
            const ast::LineIndex& lines) {
  if (!outcome.repair) {
    f.message = withSentence(f.message, "No fix is offered: " + outcome.whyNot + ".");
    return;
  }
  Fix fix;
  fix.applicability = f.rule->applicability;
  fix.description = outcome.repair->description;
  fix.edits = outcome.repair->edits;
  fix.hunk = lineHunk(original, fix.edits, &lines);
  f.fix = std::move(fix);
}

std::size_t countLines(std::string_view text) {
  std::size_t n = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  return n + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

}  // namespace

std::string findingLine(const std::string& path, const Finding& f) {
  return path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": finding [" +
         std::string(f.rule->name) + "]: " + f.message +
         (f.fix ? " (unsafe fix: restage migrate --unsafe-fixes)" : "");
}

std::string withSentence(const std::string& text, const std::string& sentence) {
  if (text.empty()) return sentence;
  return text + (text.back() == '.' ? " " : ". ") + sentence;
}

Hunk lineHunk(std::string_view original, const std::vector<edit::Edit>& edits, const ast::LineIndex* lines) {
  Hunk h;
  if (edits.empty()) return h;
  std::size_t first = edits.front().offset, last = 0;
  for (const auto& e : edits) last = std::max(last, e.end());
  std::size_t begin = first == 0 ? 0 : original.rfind('\n', first - 1);
  begin = begin == std::string_view::npos || first == 0 ? 0 : begin + 1;
  std::size_t end = original.find('\n', last);
  end = end == std::string_view::npos ? original.size() : end + 1;
  std::vector<edit::Edit> shifted;
  for (const auto& e : edits) shifted.push_back({e.offset - begin, e.length, e.replacement});
  h.offset = begin;
  h.length = end - begin;
  h.replaced = std::string(original.substr(begin, end - begin));
  h.replacement = edit::applyEdits(h.replaced, shifted);
  h.startLine = lines ? lines->line(begin) : countLines(original.substr(0, begin)) + 1;
  h.lineCount = countLines(h.replaced);
  h.outputStartLine = h.startLine;
  h.outputLineCount = countLines(h.replacement);
  return h;
}

std::vector<Finding> findings(const ast::Document& doc, const migrate::Result& result) {
  std::vector<Finding> out;
  if (result.status == migrate::Status::Error || !doc.ok()) return out;
  ast::LineIndex lines(doc.source);
  for (const auto& ins : doc.instructions) {
    if (shellReadsArguments(ins.kind) || !ins.heredocs.empty()) continue;
    auto at = transforms::trailingComment(doc, ins);
    if (!at) continue;
    ast::Position p = lines.position(*at);
    std::string keyword(ast::instructionKeyword(ins.kind));
    Finding f{&kTrailingComment, p.line, p.column,
              "'#' here is not a comment: BuildKit passes the words after it to " + keyword +
                  " as arguments; move the comment to its own line above", std::nullopt};
    attach(f, transforms::moveTrailingComment(doc, ins, *at), doc.source, lines);
    out.push_back(std::move(f));
  }
  // Only a file left as it is (already multi-stage) has the problems itself;
  // a migrated or refused file's problems are about restage's rewrite.
  if (result.status == migrate::Status::Unchanged && !doc.stages.empty() && !result.problems.empty()) {
    const auto& last = doc.instructions[doc.stages.back().from];
    // The repair is for the stage that cannot start (not for a COPY --from
    // naming no stage): it goes with that problem's finding.
    auto cannotStart = migrate::checkRuntimeStage(doc);
    bool repaired = false;
    for (const auto& problem : result.problems) {
      Finding f{&kRuntimeCannotStart, last.startLine, 1, problem, std::nullopt};
      if (!repaired && !cannotStart.empty() && problem == cannotStart.front()) {
        repaired = true;
        analysis::BuildContext context;
        if (result.context) context = analysis::BuildContext::read(*result.context);
        attach(f, transforms::repairRuntimeStage(doc, context), doc.source, lines);
      }
      out.push_back(std::move(f));
    }
  }
  return out;
}

FixRun applyFixes(const std::string& source, const std::string& path, const migrate::Options& options) {
  return applyFixes(source, [&](const std::string& text) { return migrate::migrateSource(text, path, options); });
}

FixRun applyFixes(const std::string& source, const std::function<migrate::Result(const std::string&)>& migrateText) {
  FixRun run;
  run.text = source;
  constexpr int kRounds = 8;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<Finding> found = migrateText(run.text).findings;
    std::vector<Finding*> fixable;
    for (auto& f : found) {
      if (f.fix && !f.fix->edits.empty()) fixable.push_back(&f);
    }
    std::stable_sort(fixable.begin(), fixable.end(),
                     [](const Finding* a, const Finding* b) { return a->fix->edits.front().offset < b->fix->edits.front().offset; });
    edit::EditSet chosen;
    std::size_t takenEnd = 0;  // fixes are taken in order: each must start after the last one's end
    bool any = false;
    for (Finding* f : fixable) {
      std::size_t begin = f->fix->edits.front().offset, end = 0;
      for (const auto& e : f->fix->edits) end = std::max(end, e.end());
      if (any && begin <= takenEnd) continue;  // overlaps or touches: next round
      for (const auto& e : f->fix->edits) chosen.add(e);
      takenEnd = end;
      any = true;
      run.applied.push_back(*f);
    }
    if (!any) {
      run.remaining = std::move(found);
      return run;
    }
    run.text = chosen.apply(run.text);
  }
  run.remaining = migrateText(run.text).findings;
  return run;
}

}  // namespace restage::suggest
