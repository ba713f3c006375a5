#include "output/AstJson.h"

#include <nlohmann/json.hpp>

#include "output/JsonHeader.h"

namespace restage::output {

namespace {

using json = nlohmann::ordered_json;

json rangeJson(const ast::Document& doc, ast::SourceRange r) {
  auto b = doc.lines.position(r.begin);
  auto e = doc.lines.position(r.end);
  return json{{"start", {{"line", b.line}, {"column", b.column}, {"offset", r.begin}}},
              {"end", {{"line", e.line}, {"column", e.column}, {"offset", r.end}}}};
}

json valueJson(const ast::Document& doc, const ast::Value& v) {
  return json{{"value", v.text}, {"range", rangeJson(doc, v.range)}};
}

json optionalValue(const ast::Document& doc, const std::optional<ast::Value>& v) {
  return v ? valueJson(doc, *v) : json(nullptr);
}

json optionalString(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json commandJson(const ast::Document& doc, const ast::CommandLine& c) {
  json j{{"form", c.exec ? "exec" : "shell"}};
  if (c.exec) {
    j["argv"] = json::array();
    for (const auto& a : c.argv) j["argv"].push_back(valueJson(doc, a));
  } else {
    j["script"] = valueJson(doc, c.script);
  }
  return j;
}

json instructionJson(const ast::Document& doc, const ast::Instruction& ins);

json payloadJson(const ast::Document& doc, const ast::Instruction& ins) {
  return std::visit(
      [&](const auto& p) -> json {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, ast::FromArgs>) {
          return {{"image", valueJson(doc, p.image)}, {"stage_name", optionalValue(doc, p.stageName)},
                  {"platform", optionalString(p.platform)}};
        } else if constexpr (std::is_same_v<T, ast::RunArgs>) {
          json mounts = json::array();
          for (const auto& m : p.mounts) {
            json o = json::object();
            for (const auto& [k, v] : m.options) o[k] = v;
            mounts.push_back(o);
          }
          return {{"command", commandJson(doc, p.command)}, {"mounts", mounts},
                  {"network", optionalString(p.network)}, {"security", optionalString(p.security)}};
        } else if constexpr (std::is_same_v<T, ast::CommandArgs>) {
          return {{"command", commandJson(doc, p.command)}};
        } else if constexpr (std::is_same_v<T, ast::CopyArgs>) {
          json sources = json::array();
          for (const auto& s : p.sources) sources.push_back(valueJson(doc, s));
          return {{"sources", sources}, {"destination", optionalValue(doc, p.destination)},
                  {"form", p.json ? "exec" : "shell"}, {"from", optionalString(p.from)},
                  {"chown", optionalString(p.chown)}, {"chmod", optionalString(p.chmod)},
                  {"link", p.link}, {"parents", p.parents}, {"excludes", p.excludes},
                  {"checksum", optionalString(p.checksum)}, {"keep_git_dir", p.keepGitDir}};
        } else if constexpr (std::is_same_v<T, ast::KeyValueArgs>) {
          json pairs = json::array();
          for (const auto& kv : p.pairs) {
            pairs.push_back({{"key", valueJson(doc, kv.key)}, {"value", valueJson(doc, kv.value)}});
          }
          return {{"pairs", pairs}, {"legacy_form", p.legacyForm}};
        } else if constexpr (std::is_same_v<T, ast::ArgArgs>) {
          json decls = json::array();
          for (const auto& d : p.decls) {
            decls.push_back({{"name", valueJson(doc, d.name)}, {"default", optionalValue(doc, d.defaultValue)}});
          }
          return {{"declarations", decls}};
        } else if constexpr (std::is_same_v<T, ast::StringArgs>) {
          return {{"value", optionalValue(doc, p.value)}};
        } else if constexpr (std::is_same_v<T, ast::ListArgs>) {
          json items = json::array();
          for (const auto& v : p.items) items.push_back(valueJson(doc, v));
          return {{"items", items}, {"form", p.json ? "exec" : "shell"}};
        } else if constexpr (std::is_same_v<T, ast::HealthcheckArgs>) {
          return {{"type", optionalValue(doc, p.type)}, {"command", commandJson(doc, p.command)},
                  {"interval", optionalString(p.interval)}, {"timeout", optionalString(p.timeout)},
                  {"start_period", optionalString(p.startPeriod)},
                  {"start_interval", optionalString(p.startInterval)}, {"retries", optionalString(p.retries)}};
        } else if constexpr (std::is_same_v<T, ast::OnbuildArgs>) {
          return {{"trigger", p.trigger ? instructionJson(doc, *p.trigger) : json(nullptr)}};
        } else {
          return json::object();
        }
      },
      ins.payload);
}

json instructionJson(const ast::Document& doc, const ast::Instruction& ins) {
  json j;
  j["kind"] = ins.kind == ast::InstructionKind::Unknown ? std::string("unknown")
                                                       : std::string(ast::instructionKeyword(ins.kind));
  j["keyword"] = std::string(doc.text(ins.keyword));
  j["range"] = rangeJson(doc, ins.range);
  j["start_line"] = ins.startLine;
  j["end_line"] = ins.endLine;
  json flags = json::array();
  for (const auto& f : ins.flags) {
    flags.push_back({{"name", f.name}, {"value", optionalString(f.value)}, {"range", rangeJson(doc, f.range)}});
  }
  j["flags"] = flags;
  j["form"] = ins.json ? "exec" : "shell";
  j["args"] = payloadJson(doc, ins);
  json vars = json::array();
  for (const auto& v : ins.variables) {
    vars.push_back({{"name", v.name}, {"op", v.op}, {"word", ins.variableWord(v)}, {"braced", v.braced},
                    {"range", rangeJson(doc, v.range)}});
  }
  j["variables"] = vars;
  json heredocs = json::array();
  for (const auto& h : ins.heredocs) {
    heredocs.push_back({{"name", h.name}, {"content", h.content}, {"expand", h.expand},
                        {"chomp", h.chomp}, {"fd", h.fd}, {"body", rangeJson(doc, h.body)},
                        {"terminator", rangeJson(doc, h.terminator)}});
  }
  j["heredocs"] = heredocs;
  if (!ins.comments.empty()) j["comments"] = ins.comments;
  return j;
}

}  // namespace

std::string astJson(const ast::Document& doc, const std::string& file, bool pretty) {
  json j;
  setJsonHeader(j, kParseSchemaVersion);
  j["file"] = file;
  j["ok"] = doc.ok();
  if (doc.error) {
    j["error"] = {{"message", doc.error->message},
                  {"line", doc.error->position.line},
                  {"column", doc.error->position.column}};
  }
  j["escape"] = std::string(1, doc.escape);
  j["bom"] = doc.hasBom;
  json directives = json::array();
  for (const auto& d : doc.directives) {
    directives.push_back({{"name", d.name}, {"value", d.value}, {"range", rangeJson(doc, d.range)}});
  }
  j["directives"] = directives;
  j["warnings"] = doc.warnings;
  json stages = json::array();
  for (const auto& s : doc.stages) {
    stages.push_back({{"index", s.index}, {"name", s.name ? json(*s.name) : json(nullptr)},
                      {"base", s.base}, {"first_instruction", s.from}, {"end_instruction", s.end}});
  }
  j["stages"] = stages;
  json instructions = json::array();
  for (const auto& ins : doc.instructions) instructions.push_back(instructionJson(doc, ins));
  j["instructions"] = instructions;
  json comments = json::array();
  for (const auto& c : doc.comments) comments.push_back({{"text", c.text}, {"range", rangeJson(doc, c.range)}});
  j["comments"] = comments;
  return j.dump(pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace restage::output
