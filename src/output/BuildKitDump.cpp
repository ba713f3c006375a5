#include "output/BuildKitDump.h"

#include "output/JsonWriter.h"
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

void appendBuildkitJson(std::string& out, const ast::Document& doc, std::string_view file) {
  JsonWriter w(out);
  w.beginObject();
  w.key("file").value(file);
  w.key("ok").value(doc.ok());
  if (doc.error) w.key("error").value(doc.error->message);
  w.key("escape").value(std::string_view(&doc.escape, 1));
  w.key("warnings").beginArray();
  if (doc.ok()) {
    for (const auto& warning : doc.warnings) w.value(warning);
  }
  w.endArray();
  w.key("instructions").beginArray();
  if (doc.ok()) {
    for (const auto& ins : doc.instructions) {
      w.beginObject();
      w.key("dump").value(dumpInstruction(ins));
      w.key("start_line").value(ins.startLine);
      w.key("end_line").value(ins.endLine);
      w.key("heredocs").beginArray();
      for (const auto& h : ins.heredocs) {
        w.beginObject();
        w.key("name").value(h.name);
        w.key("content").value(h.content);
        w.key("expand").value(h.expand);
        w.key("chomp").value(h.chomp);
        w.endObject();
      }
      w.endArray();
      w.endObject();
    }
  }
  w.endArray();
  w.endObject();
}

std::string buildkitJson(const ast::Document& doc, const std::string& file) {
  std::string out;
  appendBuildkitJson(out, doc, file);
  return out;
}

}  // namespace restage::output
