#include "output/BuildKitDump.h"

#include <nlohmann/json.hpp>

#include "syntax/GoText.h"

namespace restage::output {

std::string dumpInstruction(const ast::Instruction& ins) {
  std::string s = ins.cmd;
  if (!ins.flags.empty()) {
    s += " [";
    for (std::size_t i = 0; i < ins.flags.size(); ++i) {
      if (i) s += ' ';
      syntax::appendGoQuote(s, ins.flags[i].raw);
    }
    s += ']';
  }
  if (const auto* onbuild = ins.as<ast::OnbuildArgs>(); onbuild && onbuild->trigger) {
    s += " (" + dumpInstruction(*onbuild->trigger) + ")";
  } else {
    for (const auto& n : ins.nodes) {
      s += ' ';
      syntax::appendGoQuote(s, n.text);
    }
  }
  return std::string(syntax::trimSpace(s));
}

std::string buildkitDump(const ast::Document& doc) {
  std::string out;
  for (const auto& ins : doc.instructions) {
    out += '(';
    out += dumpInstruction(ins);
    out += ")\n";
  }
  return out;
}

std::string buildkitJson(const ast::Document& doc, const std::string& file) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["ok"] = doc.ok();
  if (doc.error) j["error"] = doc.error->message;
  j["escape"] = std::string(1, doc.escape);
  j["warnings"] = nlohmann::json::array();
  j["instructions"] = nlohmann::json::array();
  if (doc.ok()) {
    for (const auto& w : doc.warnings) j["warnings"].push_back(w);
    for (const auto& ins : doc.instructions) {
      nlohmann::ordered_json i;
      i["dump"] = dumpInstruction(ins);
      i["start_line"] = ins.startLine;
      i["end_line"] = ins.endLine;
      i["heredocs"] = nlohmann::json::array();
      for (const auto& h : ins.heredocs) {
        nlohmann::ordered_json hj;
        hj["name"] = h.name;
        hj["content"] = h.content;
        hj["expand"] = h.expand;
        hj["chomp"] = h.chomp;
        i["heredocs"].push_back(std::move(hj));
      }
      j["instructions"].push_back(std::move(i));
    }
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace restage::output
