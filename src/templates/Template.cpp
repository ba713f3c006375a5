#include "templates/Template.h"

#include <vector>

#include "Error.h"
#include "migrate/DockerfileText.h"

namespace restage::templates {

namespace {

using json = nlohmann::json;

struct Renderer {
  std::string_view t;
  std::vector<const json*> stack;
  Context context;

  // The one place a template value becomes Dockerfile text: checked for the
  // template's context (Template.h).
  std::string checked(std::string_view name, std::string value) const {
    std::string what = "the value of {{" + std::string(name) + "}}";
    if (context == Context::Shell) return migrate::shellPlainWord(what, value);
    return migrate::dockerLine(what, value);
  }

  const json* lookup(std::string_view name) const {
    if (name == ".") return stack.back();
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      if ((*it)->is_object()) {
        auto f = (*it)->find(std::string(name));
        if (f != (*it)->end()) return &*f;
      }
    }
    return nullptr;
  }

  static bool truthy(const json* v) {
    if (!v || v->is_null()) return false;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_array() || v->is_object() || v->is_string()) return !v->empty() && !(v->is_string() && v->get<std::string>().empty());
    return true;
  }

  // Position just after the matching {{/name}} for a section starting at `from`.
  std::size_t findClose(std::size_t from, std::string_view name, std::size_t& closeTagStart) const {
    int depth = 1;
    std::size_t at = from;
    while (true) {
      std::size_t open = t.find("{{", at);
      if (open == std::string_view::npos) throw Error("template: unclosed section '" + std::string(name) + "'");
      std::size_t close = t.find("}}", open);
      if (close == std::string_view::npos) throw Error("template: unclosed tag");
      std::string_view tag = t.substr(open + 2, close - open - 2);
      if ((tag.starts_with('#') || tag.starts_with('^')) && tag.substr(1) == name) ++depth;
      if (tag.starts_with('/') && tag.substr(1) == name && --depth == 0) {
        closeTagStart = open;
        return close + 2;
      }
      at = close + 2;
    }
  }

  // A tag alone on its line: extend [b, e) over the line's blanks and newline.
  void standalone(std::size_t& b, std::size_t& e) const {
    std::size_t lb = b;
    while (lb > 0 && (t[lb - 1] == ' ' || t[lb - 1] == '\t')) --lb;
    if (lb > 0 && t[lb - 1] != '\n') return;
    std::size_t le = e;
    while (le < t.size() && (t[le] == ' ' || t[le] == '\t')) ++le;
    if (le < t.size() && t[le] == '\r') ++le;
    if (le < t.size() && t[le] != '\n') return;
    if (le < t.size()) ++le;
    b = lb;
    e = le;
  }

  void render(std::size_t from, std::size_t to, std::string& out) {
    std::size_t at = from;
    while (at < to) {
      std::size_t open = t.find("{{", at);
      if (open == std::string_view::npos || open >= to) {
        out.append(t.substr(at, to - at));
        return;
      }
      std::size_t close = t.find("}}", open);
      if (close == std::string_view::npos || close + 2 > to) throw Error("template: unclosed tag");
      std::string_view tag = t.substr(open + 2, close - open - 2);
      if (tag.starts_with('#') || tag.starts_with('^')) {
        std::string_view name = tag.substr(1);
        std::size_t tagB = open, tagE = close + 2;
        standalone(tagB, tagE);
        out.append(t.substr(at, tagB - at));
        std::size_t closeTag = 0;
        std::size_t after = findClose(close + 2, name, closeTag);
        std::size_t cB = closeTag, cE = after;
        standalone(cB, cE);
        const json* v = lookup(name);
        if (tag[0] == '^') {
          if (!truthy(v)) render(tagE, cB, out);
        } else if (truthy(v)) {
          if (v->is_array()) {
            for (const auto& item : *v) {
              stack.push_back(&item);
              render(tagE, cB, out);
              stack.pop_back();
            }
          } else {
            stack.push_back(v);
            render(tagE, cB, out);
            stack.pop_back();
          }
        }
        at = cE;
        continue;
      }
      if (tag.starts_with('/')) throw Error("template: unexpected '{{" + std::string(tag) + "}}'");
      out.append(t.substr(at, open - at));
      bool raw = tag.starts_with('&');
      if (raw) tag = tag.substr(1);
      const json* v = lookup(tag);
      std::string text;
      if (v && v->is_string()) text = v->get<std::string>();
      else if (v && !v->is_null()) text = v->dump();
      out += raw ? text : checked(tag, std::move(text));
      at = close + 2;
    }
  }
};

}  // namespace

std::string render(std::string_view tmpl, const nlohmann::json& data, Context context) {
  Renderer r{tmpl, {&data}, context};
  std::string out;
  r.render(0, tmpl.size(), out);
  return out;
}

}  // namespace restage::templates
