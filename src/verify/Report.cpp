#include "verify/Report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "verify/Process.h"

namespace restage::verify {

std::string_view verdictName(Verdict v) {
  switch (v) {
    case Verdict::Same: return "same";
    case Verdict::Different: return "different";
    case Verdict::OriginalFails: return "original-fails";
    case Verdict::RewriteDoesNotBuild: return "rewrite-does-not-build";
    case Verdict::NoRewrite: return "no-rewrite";
  }
  return "?";
}

int verdictExitStatus(Verdict v) {
  switch (v) {
    case Verdict::Same: return 0;
    case Verdict::Different: return 1;
    case Verdict::OriginalFails: return 3;
    case Verdict::RewriteDoesNotBuild: return 4;
    case Verdict::NoRewrite: return 5;
  }
  return 2;
}

std::string humanBytes(long long n) {
  if (n < 1000) return fmt::format("{} B", n);
  double v = static_cast<double>(n);
  for (const char* unit : {"kB", "MB", "GB"}) {
    v /= 1000.0;
    if (v < 1000 || std::string(unit) == "GB") return fmt::format("{:.1f} {}", v, unit);
  }
  return fmt::format("{} B", n);
}

std::optional<double> sizeChangePercent(const Report& r) {
  const auto &a = r.original.facts.sizeBytes, &b = r.rewritten.facts.sizeBytes;
  if (!a || !b || *a <= 0) return std::nullopt;
  return 100.0 * (static_cast<double>(*b) - static_cast<double>(*a)) / static_cast<double>(*a);
}

std::string probeLabel(const ProbeObservation& p) {
  switch (p.kind) {
    case ProbeKind::Http: return "GET " + p.target;
    case ProbeKind::Exec: return "exec '" + p.target + "'";
    case ProbeKind::Healthcheck: return "HEALTHCHECK";
  }
  return p.target;
}

std::string summaryLine(const Report& r) {
  if (r.verdict == Verdict::NoRewrite) return "not verified: " + r.reason;
  if (!r.original.built) return "original does not build ✗";
  if (!r.rewritten.built) return "built ✗ (" + r.rewritten.buildError + ")";
  std::vector<std::string> parts{"built ✓"};
  if (r.verdict == Verdict::OriginalFails) return "original fails ✗: " + r.reason;
  const auto& run = r.rewritten.run;
  bool startedSame = run.started && !std::any_of(r.differences.begin(), r.differences.end(), [](const Difference& d) {
    return d.field == "exit" || d.field == "start";
  });
  parts.push_back(startedSame ? "started ✓" : "started ✗");
  for (std::size_t i = 0; i < r.rewritten.probes.size(); ++i) {
    const auto& p = r.rewritten.probes[i];
    std::string label = probeLabel(p);
    bool diff = std::any_of(r.differences.begin(), r.differences.end(),
                            [&](const Difference& d) { return d.message.starts_with(label); });
    parts.push_back(label + (diff ? " differs ✗" : " same ✓"));
  }
  bool outDiff = std::any_of(r.differences.begin(), r.differences.end(),
                             [](const Difference& d) { return d.field == "stdout" || d.field == "stderr"; });
  parts.push_back(outDiff ? "output differs ✗" : "output same ✓");
  if (auto pct = sizeChangePercent(r)) {
    parts.push_back(fmt::format("{}{:.0f}%", *pct < 0 ? "−" : "+", std::abs(*pct)));
  }
  const auto& f = r.rewritten.facts;
  parts.push_back(f.runsAsRoot ? "runs as root" : "runs as " + f.userName);
  parts.push_back(f.shells.empty() ? "no shell" : "has a shell");
  std::string line;
  for (const auto& p : parts) line += (line.empty() ? "" : ", ") + p;
  return line;
}

}  // namespace restage::verify
