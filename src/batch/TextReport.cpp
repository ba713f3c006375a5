#include "output/Escape.h"
#include "batch/TextReport.h"

#include <fmt/core.h>

namespace restage::batch {

TextReport::TextReport(std::FILE* out, bool dryRun, bool verbose, bool quiet, bool check)
    : out_(out), dryRun_(dryRun), verbose_(verbose), quiet_(quiet), check_(check) {}

std::string TextReport::formatBytes(long long bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes < 0 ? -bytes : bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  std::string sign = bytes < 0 ? "-" : "";
  if (unit == 0) return fmt::format("{}{} B", sign, static_cast<long long>(value));
  if (value < 10) return fmt::format("{}{:.1f} {}", sign, value, units[unit]);
  return fmt::format("{}{:.0f} {}", sign, value, units[unit]);
}

namespace {

// "  context: svc (compose: compose.yaml, service api); build args: A=1"
std::string contextLine(const FileOutcome& o) {
  std::string line = "  context: " + o.context + " (";
  if (o.contextSource == "compose") {
    line += "compose: " + o.contextFrom + ", service " + o.composeService;
  } else if (o.contextSource == "context_map") {
    line += "context map: " + o.contextFrom;
  } else {
    line += "the Dockerfile's folder";
  }
  line += ")";
  if (!o.composeOtherServices.empty()) {
    std::string others;
    for (const auto& s : o.composeOtherServices) others += (others.empty() ? "" : ", ") + s;
    line += "; also built by " + others + " (the first service is used)";
  }
  if (!o.buildArgs.empty()) {
    line += "; build args";
    if (o.contextSource != "compose") line += " from compose service " + o.composeService;
    line += ":";
    for (const auto& [key, value] : o.buildArgs) line += " " + key + "=" + value;
  }
  if (!o.contextNote.empty()) line += "; " + o.contextNote;
  return line;
}

}  // namespace

void TextReport::add(const FileOutcome& o) {
  if (quiet_) {
    // Only what fails the run, as ruff's --quiet: errors, and with --check
    // the file's line when its outcome fails it and the findings that do.
    bool outcomeFails = o.status == FileStatus::Error || (check_ && o.outcomeFailsCheck());
    if (outcomeFails) {
      TextReport loud(out_, dryRun_, false);
      FileOutcome line = o;
      line.findings.clear();
      loud.add(line);
    }
    if (check_) {
      for (const auto& f : o.findings) {
        if (o.findingFailsCheck(f)) output::printLine(out_, "{}", suggest::findingLine(o.path, f));
      }
    }
    return;
  }
  // With --verbose, the context each file was migrated with, under its line.
  auto context = [&] {
    if (verbose_ && !o.contextSource.empty()) output::printLine(out_, "{}", contextLine(o));
  };
  switch (o.status) {
    case FileStatus::Migrated: {
      std::string detail = o.language.empty() ? "" : o.language + ": ";
      detail += o.builderBase + " -> " + o.runtimeBase;
      if (o.estimatedSavingBytes > 0) detail += ", saves ~" + formatBytes(o.estimatedSavingBytes);
      output::printLine(out_, "{}: {} ({})", o.path, dryRun_ ? "would migrate" : "migrated", detail);
      context();
      if (verbose_) {
        // As `restage migrate` says it: what moved where and why, then the contract.
        for (const auto& line : o.explanation) output::printLine(out_, "  - {}", line);
        output::printLine(out_, "  Runtime contract:");
        for (const auto& line : migrate::contractLines(o.contract)) output::printLine(out_, "    {}", line);
      }
      if (!o.verifyVerdict.empty()) output::printLine(out_, "  verify: {}: {}", o.verifyVerdict, o.verifySummary);
      for (const auto& d : o.verifyDifferences) output::printLine(out_, "    - {}", d);
      break;
    }
    case FileStatus::Unchanged:
      if (verbose_) output::printLine(out_, "{}: unchanged [{}]: {}", o.path, o.code, o.reason);
      context();
      break;
    case FileStatus::Refused:
      output::printLine(out_, "{}: refused [{}]: {}", o.path, o.code, o.reason);
      context();
      break;
    case FileStatus::Error:
      if (o.errorLine > 0) {
        output::printLine(out_, "{}:{}:{}: error [{}]: {}", o.path, o.errorLine, o.errorColumn, o.code, o.reason);
      } else {
        output::printLine(out_, "{}: error [{}]: {}", o.path, o.code, o.reason);
      }
      context();
      break;
    case FileStatus::Skipped:
      // Files .restage.yaml excludes are meant to be quiet.
      if (o.code == "excluded" && !verbose_) break;
      output::printLine(out_, "{}: skipped [{}]: {}", o.path, o.code, o.reason);
      break;
  }
  if (verbose_) {
    for (const auto& p : o.problems) output::printLine(out_, "  ! {}", p);
  }
  for (const auto& f : o.findings) output::printLine(out_, "{}", suggest::findingLine(o.path, f));
}

void TextReport::finish(const Summary& s) {
  if (quiet_) {
    std::fflush(out_);
    return;
  }
  auto row = [&](const std::string& label, const std::string& value) {
    output::printLine(out_, "  {:<28} {:>10}", label, value);
  };
  fmt::print(out_, "\nrestage batch summary{}\n", dryRun_ ? " (dry run: nothing written)" : "");
  row("scanned", std::to_string(s.scanned));
  row(dryRun_ ? "would migrate" : "migrated", std::to_string(s.migrated));
  if (!dryRun_) row("written", std::to_string(s.written));
  row("already multi-stage", std::to_string(s.alreadyMultiStage));
  row("unchanged (other)", std::to_string(s.unchanged));
  row("refused", std::to_string(s.refused));
  for (const auto& [code, n] : s.refusedByCode) row("  " + code, std::to_string(n));
  row("errors", std::to_string(s.errors));
  for (const auto& [code, n] : s.errorsByCode) row("  " + code, std::to_string(n));
  if (s.skipped > 0) row("skipped", std::to_string(s.skipped));
  row("findings", std::to_string(s.findings));
  for (const auto& [rule, n] : s.findingsByRule) row("  " + rule, std::to_string(n));
  row("estimated saving", formatBytes(s.estimatedSavingBytes));
  std::fflush(out_);
}

}  // namespace restage::batch
