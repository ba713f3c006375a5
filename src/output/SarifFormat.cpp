#include "output/SarifFormat.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>

#include "suggest/LineDiff.h"

namespace restage::output {

using json = nlohmann::ordered_json;

namespace {

const char* sarifLevel(suggest::Severity s) {
  switch (s) {
    case suggest::Severity::Error: return "error";
    case suggest::Severity::Warning: return "warning";
    case suggest::Severity::Info: return "note";
  }
  return "warning";
}

// UTF-16 code units in a UTF-8 string (the run's columnKind); a byte that is
// not valid UTF-8 counts as one unit.
std::size_t utf16Length(std::string_view s) {
  std::size_t units = 0;
  for (std::size_t k = 0; k < s.size();) {
    auto c = static_cast<unsigned char>(s[k]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (k + len > s.size()) len = 1;
    units += len == 4 ? 2 : 1;
    k += len;
  }
  return units;
}

// The replaced lines, terminators included: up to the start of the next line,
// or to the end of the last line when the file has no final newline.
json deletedRegion(const suggest::Hunk& h) {
  if (h.lineCount == 0) return {{"startLine", h.startLine}, {"startColumn", 1}, {"endLine", h.startLine}, {"endColumn", 1}};
  std::vector<suggest::Line> lines = suggest::splitLines(h.replaced);
  std::string_view last = lines.back().text;
  if (!suggest::lineTerminator(last).empty()) {
    return {{"startLine", h.startLine}, {"startColumn", 1}, {"endLine", h.endLine() + 1}, {"endColumn", 1}};
  }
  return {{"startLine", h.startLine},
          {"startColumn", 1},
          {"endLine", h.endLine()},
          {"endColumn", utf16Length(last) + 1}};
}

json ruleDescriptor(const suggest::Rule& rule) {
  // The words of `restage rule CODE` and docs/rules.md (templates/rules.json).
  const suggest::RuleText& text = suggest::ruleText(rule);
  return {{"id", std::string(rule.code)},
          {"name", std::string(rule.name)},
          {"shortDescription", {{"text", text.summary}}},
          {"fullDescription", {{"text", text.meaning}}},
          {"help", {{"text", suggest::ruleHelpText(rule)}, {"markdown", suggest::ruleHelpMarkdown(rule)}}},
          {"defaultConfiguration", {{"level", sarifLevel(rule.severity)}}},
          {"properties",
           {{"applicability", std::string(suggest::applicabilityName(rule.applicability))},
            {"tags", {"dockerfile", "image-size"}}}}};
}

// Line `line` (1-based) of `text`, without its terminator; empty past the end.
std::string_view lineOf(std::string_view text, std::size_t line) {
  std::size_t begin = 0;
  for (std::size_t k = 1; k < line; ++k) {
    begin = text.find('\n', begin);
    if (begin == std::string_view::npos) return {};
    ++begin;
  }
  std::size_t end = text.find('\n', begin);
  std::string_view l = text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  if (l.ends_with('\r')) l.remove_suffix(1);
  return l;
}

// FNV-1a, 64 bits, as 16 hex digits: a fingerprint that stays the same from
// run to run and machine to machine.
std::string fingerprint(std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::string_view part : parts) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;  // a separator no UTF-8 text contains
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

// Blanks at either end do not change what a line is.
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A SARIF fix: the hunk's lines replaced by its replacement.
json fixObject(const std::string& uri, const std::string& description, const suggest::Hunk& h) {
  return {{"description", {{"text", description}}},
          {"artifactChanges",
           json::array({{{"artifactLocation", {{"uri", uri}}},
                         {"replacements", json::array({{{"deletedRegion", deletedRegion(h)},
                                                        {"insertedContent", {{"text", h.replacement}}}}})}}})}};
}

}  // namespace

std::string artifactUri(const std::string& path) {
  bool absolute = path.starts_with('/');
  std::string out = absolute ? "file://" : "";
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    out += keep ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::string sarif(const std::vector<suggest::FileReport>& reports, const std::string& toolVersion,
                  const std::string& informationUri) {
  json rules = json::array();
  for (const suggest::Rule* rule : suggest::kRules) rules.push_back(ruleDescriptor(*rule));

  json results = json::array();
  // Files that could not be read or parsed: the invocation's notifications,
  // so the log says the run was incomplete and where.
  json notifications = json::array();
  for (const auto& report : reports) {
    std::string uri = artifactUri(report.path);
    const migrate::Result& m = report.result;
    if (m.status == migrate::Status::Error) {
      json location = {{"artifactLocation", {{"uri", uri}}}};
      if (m.error) location["region"] = {{"startLine", m.error->position.line}};
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", m.reason.empty() && m.error ? m.error->message : m.reason}}},
                               {"locations", json::array({{{"physicalLocation", std::move(location)}}})},
                               {"descriptor", {{"id", m.code.empty() ? std::string("error") : m.code}}}});
    }
    for (const auto& s : report.suggestions) {
      auto ruleIndex = std::find(suggest::kRules.begin(), suggest::kRules.end(), s.rule) - suggest::kRules.begin();
      json region = {{"startLine", s.hunk.startLine}, {"endLine", s.hunk.endLine()}};
      results.push_back({
          {"ruleId", std::string(s.rule->code)},
          {"ruleIndex", ruleIndex},
          {"level", sarifLevel(s.severity)},
          {"message", {{"text", s.message}}},
          {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", region}}}}})},
          {"fixes",
           json::array({fixObject(uri, fmt::format("Apply part {} of {} of restage's multi-stage rewrite.", s.part, s.parts),
                                  s.hunk)})},
          // What the result is about, not where: the same rewrite of the same
          // lines keeps its fingerprint when lines above it move.
          {"partialFingerprints",
           {{"restageRewrite/v1",
             fingerprint({s.rule->code, report.path, trimmed(s.hunk.replaced), trimmed(s.hunk.replacement)})}}},
          {"properties",
           {{"applicability", std::string(suggest::applicabilityName(s.applicability))},
            {"part", s.part},
            {"parts", s.parts},
            {"estimatedSavingBytes", report.result.estimatedSavingBytes}}},
      });
    }
    for (const auto& f : report.findings) {
      auto ruleIndex = std::find(suggest::kRules.begin(), suggest::kRules.end(), f.rule) - suggest::kRules.begin();
      std::string_view line = lineOf(report.result.original, f.line);
      std::size_t before = std::min(f.column > 0 ? f.column - 1 : 0, line.size());
      json region = {{"startLine", f.line}, {"startColumn", utf16Length(line.substr(0, before)) + 1}};
      results.push_back({
          {"ruleId", std::string(f.rule->code)},
          {"ruleIndex", ruleIndex},
          {"level", sarifLevel(f.rule->severity)},
          {"message", {{"text", f.message}}},
          {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", region}}}}})},
          {"partialFingerprints",
           {{"restageFinding/v1", fingerprint({f.rule->code, report.path, trimmed(line), f.message})}}},
      });
      if (f.fix) {
        json& r = results.back();
        r["fixes"] = json::array({fixObject(uri, "Unsafe fix: review before applying. " + f.fix->description, f.fix->hunk)});
        r["properties"] = {{"applicability", std::string(suggest::applicabilityName(f.fix->applicability))}};
      }
    }
  }

  json invocation = {{"executionSuccessful", notifications.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
  json driver = {{"name", "restage"}, {"version", toolVersion}, {"semanticVersion", toolVersion}};
  if (!informationUri.empty()) driver["informationUri"] = informationUri;
  driver["rules"] = std::move(rules);
  json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", std::move(driver)}}},
                             {"invocations", json::array({invocation})},
                             {"columnKind", "utf16CodeUnits"},
                             {"results", results}}})},
  };
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace restage::output
