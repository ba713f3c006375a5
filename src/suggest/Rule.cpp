#include "suggest/Rule.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>

#include "Error.h"
#include "templates/TemplateFiles.h"

namespace restage::suggest {

namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A paragraph kept as lines in the data: joined with blanks.
std::string joined(const nlohmann::json& lines) {
  if (lines.is_string()) return lines.get<std::string>();
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : " ") + l.get<std::string>();
  return out;
}

std::map<std::string, RuleText, std::less<>> loadTexts() {
  nlohmann::json data = nlohmann::json::parse(templates::file("rules.json"));
  std::map<std::string, RuleText, std::less<>> texts;
  for (const auto& r : data.at("rules")) {
    RuleText t;
    t.summary = r.at("summary").get<std::string>();
    t.meaning = joined(r.at("meaning"));
    t.example = r.at("example").get<std::vector<std::string>>();
    t.fix = joined(r.at("fix"));
    if (r.contains("fixed")) t.fixed = r["fixed"].get<std::vector<std::string>>();
    t.suppress = r.at("suppress").get<std::string>();
    texts.emplace(r.at("code").get<std::string>(), std::move(t));
  }
  return texts;
}

// Words wrapped at `width` columns, each line starting with `indent`.
std::string wrapped(const std::string& text, std::size_t width, const std::string& indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

std::string header(const Rule& rule) {
  return fmt::format("{} {} ({}; fix: {})", rule.code, rule.name, severityName(rule.severity), fixName(rule));
}

std::string codeBlock(const std::vector<std::string>& lines) {
  std::string out = "```dockerfile\n";
  for (const auto& l : lines) out += l + "\n";
  return out + "```\n";
}

}  // namespace

std::string_view fixName(const Rule& rule) {
  return rule.offersFix ? applicabilityName(rule.applicability) : std::string_view("none (by hand)");
}

const Rule* findRule(std::string_view codeOrName) {
  std::string wanted = lower(codeOrName);
  for (const Rule* rule : kRules) {
    if (wanted == lower(rule->code) || wanted == rule->name) return rule;
  }
  return nullptr;
}

const RuleText& ruleText(const Rule& rule) {
  static const std::map<std::string, RuleText, std::less<>> texts = loadTexts();
  auto it = texts.find(rule.code);
  if (it == texts.end()) throw Error(fmt::format("templates/rules.json has no entry for {}", rule.code));
  return it->second;
}

std::string ruleHelpText(const Rule& rule) {
  const RuleText& t = ruleText(rule);
  std::string out = header(rule) + "\n" + wrapped(t.summary, 80, "  ") + "\n";
  out += "What it means:\n" + wrapped(t.meaning, 80, "  ") + "\n";
  out += "Example:\n";
  for (const auto& l : t.example) out += "    " + l + "\n";
  out += "\nFix:\n" + wrapped(t.fix, 80, "  ");
  if (!t.fixed.empty()) {
    out += "\nThe example after the fix:\n";
    for (const auto& l : t.fixed) out += "    " + l + "\n";
  }
  out += "\nTo ignore it:\n" + wrapped(fmt::format("`# restage: ignore={}` {}.", rule.code, t.suppress), 80, "  ");
  return out;
}

std::string ruleHelpMarkdown(const Rule& rule) {
  const RuleText& t = ruleText(rule);
  std::string out = fmt::format("## {} `{}`\n\n", rule.code, rule.name);
  out += fmt::format("{} Severity: {}; fix: {}.\n\n", t.summary, severityName(rule.severity), fixName(rule));
  out += "**What it means.** " + t.meaning + "\n\n";
  out += "**Example.**\n\n" + codeBlock(t.example) + "\n";
  out += "**Fix.** " + t.fix + "\n\n";
  if (!t.fixed.empty()) out += "The example after the fix:\n\n" + codeBlock(t.fixed) + "\n";
  out += fmt::format("**To ignore it:** `# restage: ignore={}` {}.\n", rule.code, t.suppress);
  return out;
}

}  // namespace restage::suggest
