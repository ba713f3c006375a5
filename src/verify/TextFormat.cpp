#include <fmt/core.h>

#include "output/Escape.h"
#include "verify/Formats.h"

namespace restage::verify {

namespace {

std::string list(const std::vector<std::string>& v) {
  if (v.empty()) return "none";
  std::string s;
  for (const auto& e : v) s += (s.empty() ? "" : ", ") + e;
  return s;
}

std::string packages(const ImageFacts& f) {
  return f.packages ? fmt::format("{} ({})", *f.packages, f.packageDatabase) : "no package database";
}

}  // namespace

std::string formatText(const Report& r) {
  // The file name, reasons and differences quote the build's output and the
  // image's words: terminal text (output/Escape.h), one line each.
  auto line = [](const std::string& s) { return output::terminalText(s); };
  std::string out = fmt::format("{}: {} ({})\n", line(r.file), verdictName(r.verdict), line(r.reason));
  for (const auto& d : r.differences) out += "  - " + line(d.message) + "\n";
  for (const auto& n : r.notes) out += "  note: " + line(n) + "\n";
  if (r.verdict == Verdict::NoRewrite || !r.original.built || !r.rewritten.built) return out;
  out += "  " + line(summaryLine(r)) + "\n";
  const ImageFacts &a = r.original.facts, &b = r.rewritten.facts;
  if (a.sizeBytes && b.sizeBytes) {
    auto pct = sizeChangePercent(r);
    out += fmt::format("  size:             {} → {}{}\n", humanBytes(*a.sizeBytes), humanBytes(*b.sizeBytes),
                       pct ? fmt::format(" ({:+.1f}%)", *pct) : "");
  }
  out += fmt::format("  runs as:          {} → {}\n", line(a.userName), line(b.userName));
  out += fmt::format("  packages:         {} → {}\n", packages(a), packages(b));
  out += fmt::format("  shells:           {} → {}\n", list(a.shells), list(b.shells));
  out += fmt::format("  compilers:        {} → {}\n", list(a.compilers), list(b.compilers));
  out += fmt::format("  package managers: {} → {}\n", list(a.packageManagers), list(b.packageManagers));
  return out;
}

}  // namespace restage::verify
