#include <fmt/core.h>

#include "output/Escape.h"
#include "verify/Formats.h"

namespace restage::verify {

namespace {

// A table cell or list item: short, then output::markdownText (no pipes,
// line breaks, markup, HTML or mentions from build output or file names).
std::string cell(std::string s) {
  if (s.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    s = s.substr(0, cut) + "…";
  }
  return output::markdownText(s);
}

std::string list(const std::vector<std::string>& v) {
  if (v.empty()) return "none";
  std::string s;
  for (const auto& e : v) s += (s.empty() ? "" : ", ") + e;
  return s;
}

std::string runCell(const RunObservation& r) {
  if (!r.started) return "did not start";
  if (r.exited) return fmt::format("exited {} after {:.1f} s", r.exitStatus.value_or(-1), r.exitedAfter);
  return fmt::format("running after {:.0f} s", r.watchedFor);
}

std::string probeCell(const ProbeObservation& p) {
  if (!p.answered) return p.error;
  if (p.kind == ProbeKind::Healthcheck) return p.status == 0 ? "healthy" : fmt::format("unhealthy ({})", p.status);
  return std::to_string(p.status);
}

}  // namespace

std::string formatMarkdown(const Report& r) {
  std::string out = fmt::format("**restage verify** {}: **{}** — {}\n\n", output::markdownCode(r.file), verdictName(r.verdict),
                                cell(r.reason));
  if (r.verdict == Verdict::NoRewrite || !r.original.built) return out;
  const SideObservation &a = r.original, &b = r.rewritten;
  out += "| | original | rewrite |\n| --- | --- | --- |\n";
  auto row = [&](const std::string& k, const std::string& x, const std::string& y) {
    out += fmt::format("| {} | {} | {} |\n", cell(k), cell(x), cell(y));
  };
  row("built", "✓", b.built ? "✓" : "✗ " + b.buildError);
  if (b.built) {
    row("run", runCell(a.run), runCell(b.run));
    for (std::size_t i = 0; i < a.probes.size() && i < b.probes.size(); ++i) {
      row(probeLabel(a.probes[i]), probeCell(a.probes[i]), probeCell(b.probes[i]));
    }
    auto size = [](const ImageFacts& f) { return f.sizeBytes ? humanBytes(*f.sizeBytes) : std::string("?"); };
    auto pct = sizeChangePercent(r);
    row("size", size(a.facts), size(b.facts) + (pct ? fmt::format(" ({:+.0f}%)", *pct) : ""));
    row("runs as", a.facts.userName, b.facts.userName);
    auto pk = [](const ImageFacts& f) { return f.packages ? std::to_string(*f.packages) : std::string("none"); };
    row("packages", pk(a.facts), pk(b.facts));
    row("shell", list(a.facts.shells), list(b.facts.shells));
    row("compilers", list(a.facts.compilers), list(b.facts.compilers));
    row("package managers", list(a.facts.packageManagers), list(b.facts.packageManagers));
  }
  if (!r.differences.empty()) {
    out += "\nDifferences:\n\n";
    for (const auto& d : r.differences) out += "- " + cell(d.message) + "\n";
  }
  for (const auto& n : r.notes) out += "\nNote: " + cell(n) + "\n";
  return out;
}

}  // namespace restage::verify
