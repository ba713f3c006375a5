#include "suggest/Suggestion.h"

#include <fmt/core.h>

#include <filesystem>
#include <stdexcept>

#include "migrate/RuntimeCheck.h"
#include "suggest/HunkSplitter.h"
#include "syntax/DockerfileReader.h"

namespace restage::suggest {

std::string_view severityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "warning";
}

std::string_view applicabilityName(Applicability a) {
  return a == Applicability::Safe ? "safe" : "unsafe";
}

std::string reportPath(const std::string& path) {
  std::string p = std::filesystem::path(path).lexically_normal().generic_string();
  while (p.starts_with("./")) p.erase(0, 2);
  return p;
}

std::string humanSize(long long bytes) {
  if (bytes < 0) return std::string("-").append(humanSize(-bytes));
  constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1000 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} B", bytes);
  return value < 10 ? fmt::format("{:.1f} {}", value, kUnits[unit])
                    : fmt::format("{:.0f} {}", value, kUnits[unit]);
}

namespace {

bool parses(std::string text, const std::string& path) {
  return syntax::readDockerfile(std::move(text), path).ok();
}

// Joins hunks until each one, applied alone, leaves a Dockerfile that parses.
// A line diff can split a construct that only parses whole (a heredoc and its
// terminator, a JSON array over continuation lines); joining its hunks keeps
// it whole. One hunk is the whole rewrite, which parses when the output does.
void keepEachHunkParseable(const HunkSplitter& splitter, const migrate::Result& r,
                           std::vector<Hunk>& hunks) {
  if (!parses(r.original, r.path)) return;
  for (std::size_t k = 0; k < hunks.size() && hunks.size() > 1;) {
    if (parses(applyHunks(r.original, {hunks[k]}), r.path)) {
      ++k;
      continue;
    }
    std::size_t first = k + 1 < hunks.size() ? k : k - 1;
    hunks[first] = splitter.join(hunks[first], hunks[first + 1]);
    hunks.erase(hunks.begin() + static_cast<std::ptrdiff_t>(first) + 1);
    k = first;
  }
}

// Whether a part applied alone leaves a file that parses and whose COPY
// --from flags name earlier stages (restage's stage checks), when the
// original passed them.
bool standsAlone(const std::string& text, const std::string& path, bool originalReferencesOk) {
  ast::Document doc = syntax::readDockerfile(text, path);
  if (!doc.ok()) return false;
  return !originalReferencesOk || migrate::checkStageReferences(doc).empty();
}

// Joins every hunk into one when some part, applied alone, would break the
// file: such parts only work together, so the file gets one suggestion.
void joinUnlessEachStandsAlone(const HunkSplitter& splitter, const migrate::Result& r, std::vector<Hunk>& hunks) {
  if (hunks.size() < 2) return;
  ast::Document original = syntax::readDockerfile(r.original, r.path);
  bool referencesOk = original.ok() && migrate::checkStageReferences(original).empty();
  bool each = true;
  for (const auto& h : hunks) each = each && standsAlone(applyHunks(r.original, {h}), r.path, referencesOk);
  if (each) return;
  Hunk all = hunks[0];
  for (std::size_t k = 1; k < hunks.size(); ++k) all = splitter.join(all, hunks[k]);
  hunks = {std::move(all)};
}

std::string messageFor(const migrate::Result& r, const Rule& rule, std::size_t part, std::size_t parts) {
  // Later parts are short; the whole message comes once, with part 1.
  if (part > 1) {
    std::string msg = fmt::format("Part {} of {} of restage's multi-stage rewrite", part, parts);
    if (!r.builderBase.empty() && !r.runtimeBase.empty()) {
      msg += fmt::format(" (`{}` -> `{}`", r.builderBase, r.runtimeBase);
      if (r.estimatedSavingBytes > 0) msg += fmt::format(", about {} smaller", humanSize(r.estimatedSavingBytes));
      msg += ")";
    }
    return msg + "; applies alone. Part 1 says what changes and why.";
  }
  std::string msg = "Use a multi-stage build";
  if (!r.builderBase.empty() && !r.runtimeBase.empty()) {
    msg += fmt::format(": build in `{}` and run from `{}`", r.builderBase, r.runtimeBase);
  }
  msg += ", so the final image no longer ships the build toolchain, sources and caches";
  if (r.estimatedSavingBytes > 0) {
    msg += fmt::format(" (estimated saving: about {})", humanSize(r.estimatedSavingBytes));
  }
  msg += ".";
  if (parts > 1) {
    msg += fmt::format(" Part {} of {} of the rewrite; each part alone keeps the Dockerfile valid, "
                       "all of them together give the full migration.",
                       part, parts);
  }
  if (rule.applicability == Applicability::Unsafe) {
    msg += " Unsafe fix: check that the program finds everything it needs in the runtime image.";
  }
  // The runtime contract once per file, with the first part.
  if (part == 1) {
    for (const auto& line : migrate::contractLines(r.contract)) msg += " " + line + ".";
  }
  for (const auto& p : r.problems) msg += " Warning: " + p;
  return msg;
}

}  // namespace

FileReport makeReport(migrate::Result result, std::string displayPath) {
  FileReport report;
  report.path = std::move(displayPath);
  if (result.status == migrate::Status::Migrated && result.original != result.output) {
    HunkSplitter splitter(result.original, result.output);
    std::vector<Hunk> hunks = splitter.split();
    keepEachHunkParseable(splitter, result, hunks);
    joinUnlessEachStandsAlone(splitter, result, hunks);
    if (applyHunks(result.original, hunks) != result.output) {
      throw std::logic_error("suggest: hunks for " + report.path + " do not rebuild the rewrite");
    }
    const Rule& rule = kPreferMultiStageBuild;
    for (std::size_t k = 0; k < hunks.size(); ++k) {
      Suggestion s;
      s.rule = &rule;
      s.severity = rule.severity;
      s.applicability = rule.applicability;
      s.hunk = std::move(hunks[k]);
      s.part = k + 1;
      s.parts = hunks.size();
      s.message = messageFor(result, rule, s.part, s.parts);
      report.suggestions.push_back(std::move(s));
    }
  }
  report.findings = result.findings;
  report.result = std::move(result);
  return report;
}

}  // namespace restage::suggest
