#include <nlohmann/json.hpp>

#include "output/JsonHeader.h"
#include "verify/Formats.h"

namespace restage::verify {

namespace {

using Json = nlohmann::ordered_json;

const char* kindName(ProbeKind k) {
  switch (k) {
    case ProbeKind::Http: return "http";
    case ProbeKind::Exec: return "exec";
    case ProbeKind::Healthcheck: return "healthcheck";
  }
  return "?";
}

template <typename T>
Json optional(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json side(const SideObservation& s) {
  Json j;
  j["built"] = s.built;
  j["build_error"] = s.built ? Json(nullptr) : Json(s.buildError);
  j["build_seconds"] = s.buildSeconds;
  const ImageFacts& f = s.facts;
  j["image"] = {{"size_bytes", optional(f.sizeBytes)},
                {"user", f.user},
                {"user_name", f.userName},
                {"runs_as_root", f.runsAsRoot},
                {"packages", optional(f.packages)},
                {"package_database", f.packageDatabase},
                {"shells", f.shells},
                {"compilers", f.compilers},
                {"package_managers", f.packageManagers},
                {"command", f.command},
                {"exposed_ports", f.exposed},
                {"healthcheck", f.healthcheck}};
  const RunObservation& r = s.run;
  j["run"] = {{"started", r.started},
              {"start_error", r.started ? Json(nullptr) : Json(r.startError)},
              {"exited", r.exited},
              {"exit_status", optional(r.exitStatus)},
              {"exited_after_seconds", r.exited ? Json(r.exitedAfter) : Json(nullptr)},
              {"watched_seconds", r.watchedFor},
              {"stdout", r.stdoutText},
              {"stderr", r.stderrText},
              {"output_truncated", r.outputTruncated}};
  j["probes"] = Json::array();
  for (const auto& p : s.probes) {
    j["probes"].push_back({{"kind", kindName(p.kind)},
                           {"target", p.target},
                           {"answered", p.answered},
                           {"error", p.error.empty() ? Json(nullptr) : Json(p.error)},
                           {"status", p.answered ? Json(p.status) : Json(nullptr)},
                           {"body", p.body},
                           {"stderr", p.errText}});
  }
  return j;
}

}  // namespace

std::string formatJson(const Report& r) {
  Json j;
  output::setJsonHeader(j, output::kVerifySchemaVersion);
  j["file"] = r.file;
  j["rewrite"] = r.rewrite.empty() ? Json(nullptr) : Json(r.rewrite);
  j["context"] = r.context;
  j["engine"] = r.engine;
  j["verdict"] = std::string(verdictName(r.verdict));
  j["exit_status"] = verdictExitStatus(r.verdict);
  j["reason"] = r.reason;
  j["migration"] = r.rewrite.empty() ? Json{{"status", r.migrationStatus}, {"code", r.migrationCode}} : Json(nullptr);
  j["differences"] = Json::array();
  for (const auto& d : r.differences) j["differences"].push_back({{"field", d.field}, {"message", d.message}});
  j["notes"] = r.notes;
  bool compared = r.verdict != Verdict::NoRewrite;
  j["summary"] = summaryLine(r);
  j["size_change_percent"] = optional(sizeChangePercent(r));
  j["seconds"] = r.seconds;
  j["original"] = compared ? side(r.original) : Json(nullptr);
  j["rewritten"] = compared && r.original.built ? side(r.rewritten) : Json(nullptr);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace restage::verify
