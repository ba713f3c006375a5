#include "output/RdjsonFormat.h"

#include <nlohmann/json.hpp>

#include "output/Escape.h"

namespace restage::output {

using json = nlohmann::ordered_json;

namespace {

const char* rdSeverity(suggest::Severity s) {
  switch (s) {
    case suggest::Severity::Error: return "ERROR";
    case suggest::Severity::Warning: return "WARNING";
    case suggest::Severity::Info: return "INFO";
  }
  return "UNKNOWN_SEVERITY";
}

json lineRange(const suggest::Hunk& h) {
  return {{"start", {{"line", h.startLine}}}, {"end", {{"line", h.endLine()}}}};
}

}  // namespace

std::string rdjson(const std::vector<suggest::FileReport>& reports) {
  json diagnostics = json::array();
  for (const auto& report : reports) {
    const migrate::Result& m = report.result;
    if (m.status == migrate::Status::Error) {
      // A file that could not be read or parsed, at the error's place.
      json location = {{"path", report.path}};
      if (m.error) {
        location["range"] = {{"start", {{"line", m.error->position.line}, {"column", m.error->position.column}}}};
      }
      // reviewdog posts messages as markdown: prose through markdownText.
      diagnostics.push_back({{"message", markdownText(m.reason.empty() && m.error ? m.error->message : m.reason)},
                             {"location", std::move(location)},
                             {"severity", "ERROR"},
                             {"source", {{"name", "restage"}}},
                             {"code", {{"value", m.code.empty() ? std::string("error") : m.code}}}});
      continue;
    }
    for (const auto& s : report.suggestions) {
      diagnostics.push_back({
          {"message", markdownText(s.message)},
          {"location", {{"path", report.path}, {"range", lineRange(s.hunk)}}},
          {"severity", rdSeverity(s.severity)},
          {"source", {{"name", "restage"}}},
          {"code", {{"value", std::string(s.rule->code)}}},
          {"suggestions", json::array({{{"range", lineRange(s.hunk)},
                                        {"text", std::string(suggest::linewiseReplacement(s.hunk))}}})},
      });
    }
    for (const auto& f : report.findings) {
      json at = {{"line", f.line}, {"column", f.column}};
      // rdjson has no applicability: the message says the fix is unsafe.
      std::string message = f.message;
      if (f.fix) message = suggest::withSentence(message, "Unsafe fix: review before applying. " + f.fix->description);
      diagnostics.push_back({
          {"message", markdownText(message)},
          {"location", {{"path", report.path}, {"range", {{"start", at}}}}},
          {"severity", rdSeverity(f.rule->severity)},
          {"source", {{"name", "restage"}}},
          {"code", {{"value", std::string(f.rule->code)}}},
      });
      if (f.fix) {
        diagnostics.back()["suggestions"] = json::array(
            {{{"range", lineRange(f.fix->hunk)}, {"text", std::string(suggest::linewiseReplacement(f.fix->hunk))}}});
      }
    }
  }
  json doc = {{"source", {{"name", "restage"}}}, {"diagnostics", std::move(diagnostics)}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace restage::output
