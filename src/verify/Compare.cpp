#include "verify/Compare.h"

#include <fmt/core.h>

#include <algorithm>
#include <regex>
#include <sstream>

namespace restage::verify {

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string l;
  while (std::getline(ss, l)) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    out.push_back(l);
  }
  return out;
}

// One line of output, quoted and cut to fit a message.
std::string quoteCut(const std::string& s, std::size_t max = 80) {
  std::string t;
  for (char c : s) t += (c == '\t') ? ' ' : c;
  if (t.size() > max) t = t.substr(0, max) + "…";
  return "'" + t + "'";
}

std::string seconds(double s) { return s < 10 ? fmt::format("{:.1f} s", s) : fmt::format("{:.0f} s", s); }

// "stdout differs at line 3: rewrite 'x', original 'y'", or "" when equal.
std::string textDifference(const std::string& what, const std::string& original, const std::string& rewrite) {
  if (original == rewrite) return "";
  auto a = lines(original), b = lines(rewrite);
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i >= a.size() && i >= b.size()) {
    return fmt::format("{} differs in trailing whitespace", what);
  }
  if (i >= b.size()) {
    if (i == 0) return fmt::format("{} of the rewrite is empty; the original's begins {}", what, quoteCut(a[i]));
    return fmt::format("{} of the rewrite ends after line {}; the original goes on with {}", what, i, quoteCut(a[i]));
  }
  if (i >= a.size()) {
    if (i == 0) return fmt::format("{} of the rewrite is {}, the original's is empty", what, quoteCut(b[i]));
    return fmt::format("{} of the rewrite goes on after the original's last line ({}) with {}", what, i,
                       quoteCut(b[i]));
  }
  return fmt::format("{} differs at line {}: rewrite {}, original {}", what, i + 1, quoteCut(b[i]), quoteCut(a[i]));
}

std::string exitWords(const RunObservation& r) {
  if (!r.started) return "did not start";
  if (r.exited) return fmt::format("exited {} after {}", r.exitStatus.value_or(-1), seconds(r.exitedAfter));
  return fmt::format("still running after {}", seconds(r.watchedFor));
}

std::string withErr(const std::string& msg, const std::string& err) {
  std::string l = lastMeaningfulLine(err);
  return l.empty() ? msg : msg + ": " + l;
}

std::string probeWords(const ProbeObservation& p) {
  if (!p.answered) return p.error;
  if (p.kind == ProbeKind::Http) return std::to_string(p.status);
  if (p.kind == ProbeKind::Healthcheck) {
    return p.status == 0 ? std::string("healthy") : fmt::format("unhealthy (exit {})", p.status);
  }
  return fmt::format("exit {}", p.status);
}

}  // namespace

std::string normalizeTimestamps(const std::string& text) {
  static const std::regex iso(R"(\d{4}([-/])\d{2}\1\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)");
  static const std::regex clf(R"(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}( [+-]\d{4})?)");
  static const std::regex rfc(R"([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)");
  static const std::regex clock(R"(\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b)");
  std::string s = std::regex_replace(text, iso, "<time>");
  s = std::regex_replace(s, clf, "<time>");
  s = std::regex_replace(s, rfc, "<time>");
  return std::regex_replace(s, clock, "<time>");
}

std::string withoutLauncherBanners(const std::string& text) {
  // npm (7+) and yarn print "> pkg@1.0.0 start" and "> node app.js" (with
  // blank lines around) before running a script; a rewrite that starts the
  // program directly does not.
  static const std::regex banner(R"((^|\n)\n?> [^ \n]+@[^ \n]* [^\n]+\n> [^\n]*\n\n?)");
  return std::regex_replace(text, banner, "$1");
}

std::string lastMeaningfulLine(const std::string& text) {
  auto ls = lines(text);
  auto clean = [](std::string l) {
    auto b = l.find_first_not_of(" \t");
    l = b == std::string::npos ? "" : l.substr(b);
    if (l.size() > 200) l = l.substr(0, 200) + "…";
    return l;
  };
  // A stack frame, a caret or a closing brace says less than the error above it.
  auto frame = [](const std::string& l) {
    return l.starts_with("at ") || l == "^" || l.starts_with("Node.js v") || l == "}" || l == "]" ||
           l.starts_with("code: ") || l.starts_with("requireStack") || l.starts_with("File \"");
  };
  // The last line that names an error, when there is one...
  for (auto it = ls.rbegin(); it != ls.rend(); ++it) {
    std::string l = clean(*it);
    if (l.empty() || frame(l)) continue;
    if (l.find("Error") != std::string::npos || l.find("error") != std::string::npos ||
        l.starts_with("panic:") || l.starts_with("fatal")) {
      return l;
    }
  }
  // ...else the last line that says something.
  for (auto it = ls.rbegin(); it != ls.rend(); ++it) {
    std::string l = clean(*it);
    if (!l.empty() && !frame(l)) return l;
  }
  return "";
}

std::string buildErrorLine(const std::string& log) {
  auto ls = lines(log);
  auto noise = [](const std::string& l) {
    return l.find_first_not_of(" \t") == std::string::npos || l.starts_with("subprocess exited") ||
           l.starts_with("time=") || l.starts_with("Storing signatures") || l.starts_with("Error: exit status") ||
           l.find("process exited with error") != std::string::npos ||
           l.find_first_not_of('-') == std::string::npos;
  };
  for (std::size_t i = ls.size(); i-- > 0;) {
    const std::string& l = ls[i];
    bool buildah = l.find("error building at STEP") != std::string::npos;
    bool docker = l.find("failed to solve") != std::string::npos || l.starts_with("ERROR:") ||
                  l.starts_with("Error: building at STEP");
    if (!buildah && !docker) continue;
    std::string msg = l;
    if (msg.starts_with("Error: ")) msg = msg.substr(7);
    // buildah names its temporary mount folder: a path of this machine, not of the build.
    static const std::regex mountDir(R"(checking on sources under "[^"]*": )");
    msg = std::regex_replace(msg, mountDir, "");
    // A RUN step that failed: the command's own last words say why.
    if (msg.find("exit status") != std::string::npos || msg.find("exit code") != std::string::npos) {
      for (std::size_t k = i; k-- > 0;) {
        if (noise(ls[k]) || ls[k].starts_with("STEP ") || ls[k].starts_with("#")) continue;
        msg += ": " + lastMeaningfulLine(ls[k]);
        break;
      }
    }
    if (msg.size() > 300) msg = msg.substr(0, 300) + "…";
    return msg;
  }
  std::string last = lastMeaningfulLine(log);
  return last.empty() ? "the build failed without a message" : last;
}

std::vector<Difference> compareSides(const SideObservation& o, const SideObservation& r, const CompareOptions& opt) {
  std::vector<Difference> d;
  auto norm = [&](const std::string& s) { return opt.normalizeTimestamps ? normalizeTimestamps(s) : s; };
  auto normOut = [&](const std::string& s) { return norm(withoutLauncherBanners(s)); };

  // The main process: started, exited or still running, exit status.
  const RunObservation &ro = o.run, &rr = r.run;
  if (!rr.started) {
    d.push_back({"start", "rewrite did not start: " + rr.startError});
    return d;
  }
  if (ro.exited != rr.exited || (ro.exited && ro.exitStatus != rr.exitStatus)) {
    std::string msg = fmt::format("rewrite {} (original {})", exitWords(rr), exitWords(ro));
    d.push_back({"exit", rr.exited ? withErr(msg, rr.stderrText) : msg});
  }
  // Output that differs because the exit differs says nothing new.
  bool exitDiffers = !d.empty();
  if (auto t = textDifference("stdout", normOut(ro.stdoutText), normOut(rr.stdoutText)); !t.empty() && !exitDiffers) {
    d.push_back({"stdout", t});
  }
  if (auto t = textDifference("stderr", norm(ro.stderrText), norm(rr.stderrText)); !t.empty() && !exitDiffers) {
    d.push_back({"stderr", t});
  }

  // Probes: the same list ran on both sides, in the same order.
  for (std::size_t i = 0; i < o.probes.size() && i < r.probes.size(); ++i) {
    const auto &po = o.probes[i], &pr = r.probes[i];
    std::string label = probeLabel(po);
    const char* field = po.kind == ProbeKind::Http ? "http" : po.kind == ProbeKind::Exec ? "exec" : "healthcheck";
    if (po.answered != pr.answered || po.status != pr.status) {
      if (po.kind == ProbeKind::Http) {
        d.push_back({field, fmt::format("{} → {}, original {}", label, probeWords(pr), probeWords(po))});
      } else {
        std::string msg = fmt::format("{} on the rewrite: {}, original {}", label, probeWords(pr), probeWords(po));
        d.push_back({field, withErr(msg, pr.errText.empty() ? pr.body : pr.errText)});
      }
      continue;
    }
    if (!po.answered) continue;  // failed alike on both sides (noted as same)
    if (po.kind == ProbeKind::Healthcheck) continue;  // healthy is healthy; its output is not compared
    std::string what = po.kind == ProbeKind::Http ? label + " body" : label + " output";
    if (auto t = textDifference(what, norm(po.body), norm(pr.body)); !t.empty()) d.push_back({field, t});
  }

  // Metadata a person relies on: the ports the image says it listens on.
  for (const auto& p : o.facts.exposed) {
    if (std::find(r.facts.exposed.begin(), r.facts.exposed.end(), p) == r.facts.exposed.end()) {
      d.push_back({"expose", fmt::format("rewrite does not EXPOSE {} (the original does)", p)});
    }
  }
  for (const auto& p : r.facts.exposed) {
    if (std::find(o.facts.exposed.begin(), o.facts.exposed.end(), p) == o.facts.exposed.end()) {
      d.push_back({"expose", fmt::format("rewrite EXPOSEs {}, the original does not", p)});
    }
  }
  if (!o.facts.healthcheck.empty() && r.facts.healthcheck.empty()) {
    d.push_back({"healthcheck", "rewrite has no HEALTHCHECK (the original has one)"});
  }
  return d;
}

void decideVerdict(Report& rep, const CompareOptions& opt) {
  const SideObservation &o = rep.original, &r = rep.rewritten;
  rep.differences.clear();
  if (!o.built) {
    rep.verdict = Verdict::OriginalFails;
    rep.reason = "the original does not build: " + o.buildError;
    return;
  }
  if (!r.built) {
    rep.verdict = Verdict::RewriteDoesNotBuild;
    rep.reason = "the rewrite does not build: " + r.buildError;
    return;
  }
  if (!o.run.started) {
    rep.verdict = Verdict::OriginalFails;
    rep.reason = "the original does not start: " + o.run.startError;
    return;
  }
  for (const auto& p : o.probes) {
    if (p.kind != ProbeKind::Http || p.answered) continue;
    bool crashed = o.run.exited && o.run.exitStatus.value_or(0) != 0;
    if (opt.explicitHttp || crashed) {
      rep.verdict = Verdict::OriginalFails;
      rep.reason = fmt::format("the original does not answer {}: {}", probeLabel(p), p.error);
      if (crashed) rep.reason = withErr(rep.reason, o.run.stderrText);
      return;
    }
  }
  rep.differences = compareSides(o, r, opt);
  for (std::size_t i = 0; i < o.probes.size() && i < r.probes.size(); ++i) {
    if (!o.probes[i].answered && !r.probes[i].answered) {
      rep.notes.push_back(fmt::format("{} got no answer from either image ({})", probeLabel(o.probes[i]),
                                      o.probes[i].error));
    }
  }
  if (rep.differences.empty()) {
    rep.verdict = Verdict::Same;
    rep.reason = "the rewrite behaves like the original";
  } else {
    rep.verdict = Verdict::Different;
    rep.reason = rep.differences.size() == 1 ? "1 difference"
                                             : fmt::format("{} differences", rep.differences.size());
  }
}

}  // namespace restage::verify
