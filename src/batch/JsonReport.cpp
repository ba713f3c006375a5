#include "batch/JsonReport.h"

#include "output/JsonHeader.h"
#include "output/SuggestJsonFormat.h"

namespace restage::batch {

namespace {

// Paths and messages may hold bytes that are not UTF-8; the report must
// still be written.
std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

JsonReport::JsonReport(std::ostream& out, const std::string& mode, const std::string& shard) : out_(out) {
  nlohmann::ordered_json head;
  output::setJsonHeader(head, output::kBatchSchemaVersion);
  head["tool"] = "restage";
  head["command"] = "batch";
  head["mode"] = mode;
  head["shard"] = shard;
  std::string text = head.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.pop_back();  // the closing brace: "files" follows
  out_ << text << ",\"files\":[";
}

nlohmann::json JsonReport::toJson(const FileOutcome& o) {
  nlohmann::json j = {
      {"path", o.path},
      {"status", fileStatusName(o.status)},
      {"code", o.code},
      {"reason", o.reason},
      {"language", o.language},
      {"builder_base", o.builderBase},
      {"runtime_base", o.runtimeBase},
      {"estimated_saving_bytes", o.estimatedSavingBytes},
      {"written", o.written},
  };
  if (!o.backup.empty()) j["backup"] = o.backup;
  if (!o.contextSource.empty()) {
    j["context"] = o.context;
    j["context_source"] = o.contextSource;
    if (!o.contextFrom.empty()) j["context_from"] = o.contextFrom;
    if (!o.contextNote.empty()) j["context_note"] = o.contextNote;
    if (!o.composeService.empty()) j["compose_service"] = o.composeService;
    if (!o.composeOtherServices.empty()) j["compose_other_services"] = o.composeOtherServices;
    if (!o.buildArgs.empty()) {
      nlohmann::json args = nlohmann::json::object();
      for (const auto& [key, value] : o.buildArgs) args[key] = value;
      j["build_args"] = std::move(args);
    }
  }
  // Always there, empty when there is nothing to say: what the rewrite did
  // and what its checks found.
  j["explanation"] = o.explanation;
  j["problems"] = o.problems;
  if (o.status == FileStatus::Migrated) j["contract"] = migrate::contractJson(o.contract);
  if (!o.verifyVerdict.empty()) {
    j["verify"] = {{"verdict", o.verifyVerdict}, {"summary", o.verifySummary}, {"differences", o.verifyDifferences}};
  }
  if (!o.findings.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : o.findings) list.push_back(output::findingJson(f));
    j["findings"] = std::move(list);
  }
  if (o.status == FileStatus::Error) {
    nlohmann::json error = {{"message", o.reason}};
    if (o.errorLine > 0) {
      error["line"] = o.errorLine;
      error["column"] = o.errorColumn;
    }
    j["error"] = std::move(error);
  }
  return j;
}

nlohmann::json JsonReport::toJson(const Summary& s) {
  return {
      {"scanned", s.scanned},
      {"migrated", s.migrated},
      {"written", s.written},
      {"already_multi_stage", s.alreadyMultiStage},
      {"unchanged", s.unchanged},
      {"refused", s.refused},
      {"refused_by_reason", s.refusedByCode},
      {"errors", s.errors},
      {"errors_by_reason", s.errorsByCode},
      {"skipped", s.skipped},
      {"findings", s.findings},
      {"findings_by_rule", s.findingsByRule},
      {"estimated_saving_bytes", s.estimatedSavingBytes},
  };
}

void JsonReport::add(const FileOutcome& outcome) {
  out_ << (first_ ? "\n" : ",\n") << dump(toJson(outcome));
  first_ = false;
}

void JsonReport::finish(const Summary& summary) {
  out_ << "\n],\"summary\":" << dump(toJson(summary)) << "}\n";
  out_.flush();
}

}  // namespace restage::batch
