#include "output/SuggestJsonFormat.h"

#include <nlohmann/json.hpp>

#include "output/JsonHeader.h"

namespace restage::output {

using json = nlohmann::ordered_json;

nlohmann::json fixJson(const suggest::Fix& fix) {
  nlohmann::json edits = nlohmann::json::array();
  for (const auto& e : fix.edits) {
    edits.push_back({{"offset", e.offset}, {"length", e.length}, {"replacement", e.replacement}});
  }
  return {{"safe", fix.applicability == suggest::Applicability::Safe},
          {"applicability", std::string(suggest::applicabilityName(fix.applicability))},
          {"description", fix.description},
          {"edits", std::move(edits)},
          {"start_line", fix.hunk.startLine},
          {"end_line", fix.hunk.endLine()},
          {"replaced", fix.hunk.replaced},
          {"replacement", fix.hunk.replacement}};
}

nlohmann::json findingJson(const suggest::Finding& f) {
  nlohmann::json j = {{"rule", std::string(f.rule->name)},
                      {"code", std::string(f.rule->code)},
                      {"line", f.line},
                      {"column", f.column},
                      {"message", f.message}};
  if (f.fix) j["fix"] = fixJson(*f.fix);
  return j;
}

std::string suggestJson(const std::vector<suggest::FileReport>& reports, const std::string& toolVersion) {
  json rules = json::array();
  for (const suggest::Rule* rule : suggest::kRules) {
    rules.push_back({{"code", std::string(rule->code)},
                     {"name", std::string(rule->name)},
                     {"summary", suggest::ruleText(*rule).summary},
                     {"severity", std::string(suggest::severityName(rule->severity))},
                     {"applicability", std::string(suggest::applicabilityName(rule->applicability))}});
  }

  json files = json::array();
  std::size_t migrated = 0, suggestions = 0;
  long long saving = 0;
  for (const auto& r : reports) {
    const migrate::Result& m = r.result;
    json items = json::array();
    for (const auto& s : r.suggestions) {
      items.push_back({{"rule", std::string(s.rule->code)},
                       {"name", std::string(s.rule->name)},
                       {"severity", std::string(suggest::severityName(s.severity))},
                       {"applicability", std::string(suggest::applicabilityName(s.applicability))},
                       {"message", s.message},
                       {"part", s.part},
                       {"parts", s.parts},
                       {"start_line", s.hunk.startLine},
                       {"end_line", s.hunk.endLine()},
                       {"line_count", s.hunk.lineCount},
                       {"output_start_line", s.hunk.outputStartLine},
                       {"output_line_count", s.hunk.outputLineCount},
                       {"offset", s.hunk.offset},
                       {"length", s.hunk.length},
                       {"replaced", s.hunk.replaced},
                       {"replacement", s.hunk.replacement}});
    }
    json found = json::array();
    for (const auto& f : r.findings) {
      found.push_back({{"rule", std::string(f.rule->code)},
                       {"name", std::string(f.rule->name)},
                       {"severity", std::string(suggest::severityName(f.rule->severity))},
                       {"line", f.line},
                       {"column", f.column},
                       {"message", f.message}});
      if (f.fix) found.back()["fix"] = json(fixJson(*f.fix));
    }
    if (!r.suggestions.empty()) {
      ++migrated;
      saving += m.estimatedSavingBytes;
    }
    suggestions += r.suggestions.size();
    json file = {{"path", r.path},
                 {"status", std::string(migrate::statusName(m.status))},
                 {"code", m.code},
                 {"reason", m.reason},
                 {"language", m.language},
                 {"builder_base", m.builderBase},
                 {"runtime_base", m.runtimeBase},
                 {"estimated_saving_bytes", m.estimatedSavingBytes},
                 {"explanation", m.explanation},
                 {"problems", m.problems},
                 {"suggestions", std::move(items)},
                 {"findings", std::move(found)}};
    if (m.error) {
      file["error"] = {{"message", m.error->message},
                       {"line", m.error->position.line},
                       {"column", m.error->position.column}};
    } else if (m.status == migrate::Status::Error) {
      file["error"] = {{"message", m.reason}};
    }
    files.push_back(std::move(file));
  }

  json doc = {{"restage_version", toolVersion},
              {"schema_version", kSuggestSchemaVersion},
              {"tool", "restage"},
              {"command", "suggest"},
              {"rules", std::move(rules)},
              {"files", std::move(files)},
              {"summary",
               {{"files", reports.size()},
                {"migrated", migrated},
                {"suggestions", suggestions},
                {"estimated_saving_bytes", saving}}}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace restage::output
