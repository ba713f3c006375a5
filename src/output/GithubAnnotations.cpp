#include "output/GithubAnnotations.h"

#include "output/Escape.h"

namespace restage::output {

namespace {

std::string kindOf(suggest::Severity s) {
  switch (s) {
    case suggest::Severity::Error: return "error";
    case suggest::Severity::Warning: return "warning";
    case suggest::Severity::Info: return "notice";
  }
  return "warning";
}

std::string title(const suggest::Rule& rule) { return std::string(rule.code) + " " + std::string(rule.name); }

}  // namespace

std::string workflowCommand(const std::string& kind, const std::vector<std::pair<std::string, std::string>>& properties,
                            const std::string& message) {
  std::string line = "::" + kind;
  for (std::size_t i = 0; i < properties.size(); ++i) {
    line += (i == 0 ? " " : ",") + properties[i].first + "=" + workflowProperty(properties[i].second);
  }
  return line + "::" + workflowData(message) + "\n";
}

std::string githubAnnotations(const std::vector<suggest::FileReport>& reports) {
  std::string out;
  for (const auto& report : reports) {
    const migrate::Result& r = report.result;
    if (r.status == migrate::Status::Error) {
      std::vector<std::pair<std::string, std::string>> props = {{"file", report.path}};
      if (r.error) {
        props.emplace_back("line", std::to_string(r.error->position.line));
        props.emplace_back("col", std::to_string(r.error->position.column));
      }
      props.emplace_back("title", "restage " + (r.code.empty() ? std::string("error") : r.code));
      out += workflowCommand("error", props, r.reason.empty() && r.error ? r.error->message : r.reason);
      continue;
    }
    if (!report.suggestions.empty()) {
      // One annotation for the whole rewrite, over the lines it changes.
      const suggest::Suggestion& first = report.suggestions.front();
      const suggest::Suggestion& last = report.suggestions.back();
      std::string message = first.message + " The whole rewrite: restage migrate " + report.path + " --diff";
      out += workflowCommand(kindOf(first.severity),
                             {{"file", report.path},
                              {"line", std::to_string(first.hunk.startLine)},
                              {"endLine", std::to_string(last.hunk.endLine())},
                              {"title", title(*first.rule)}},
                             message);
    }
    for (const auto& f : report.findings) {
      std::string message = f.message;
      if (f.fix) message = suggest::withSentence(message, "Unsafe fix: " + f.fix->description + " (restage migrate --unsafe-fixes)");
      out += workflowCommand(kindOf(f.rule->severity),
                             {{"file", report.path},
                              {"line", std::to_string(f.line)},
                              {"col", std::to_string(f.column)},
                              {"title", title(*f.rule)}},
                             message);
    }
  }
  return out;
}

}  // namespace restage::output
