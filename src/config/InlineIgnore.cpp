#include "config/InlineIgnore.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace restage::config {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

// Offset of the first non-blank byte at or after i.
std::size_t skipBlank(std::string_view s, std::size_t i) {
  while (i < s.size() && blank(s[i])) ++i;
  return i;
}

// Offset just past `restage` + blanks + ':' after the '#' (at `hash`), or
// nullopt when the comment is not one of restage's.
std::optional<std::size_t> restagePrefixEnd(std::string_view line, std::size_t hash) {
  std::size_t i = skipBlank(line, hash + 1);
  if (!startsWithNoCase(line.substr(i), "restage")) return std::nullopt;
  i = skipBlank(line, i + 7);
  if (i >= line.size() || line[i] != ':') return std::nullopt;
  return i + 1;
}

// BuildKit's directive form, `# key=value` with a bare word as key, for the
// directives it knows (syntax, escape, check).
bool looksLikeDirective(std::string_view line) {
  std::size_t i = skipBlank(line, 0);
  if (i >= line.size() || line[i] != '#') return false;
  i = skipBlank(line, i + 1);
  std::size_t keyBegin = i;
  while (i < line.size() && std::isalnum(static_cast<unsigned char>(line[i]))) ++i;
  std::string key;
  for (std::size_t k = keyBegin; k < i; ++k) key += lower(line[k]);
  i = skipBlank(line, i);
  return i < line.size() && line[i] == '=' && (key == "syntax" || key == "escape" || key == "check");
}

struct Parsed {
  bool ok = false;
  std::string reason;
  std::vector<const suggest::Rule*> rules;  // ignore=...: the rules named
  std::size_t problemAt = 0;  // offset in the line
  std::string message;
};

bool codeChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// The words after `# restage:` (from `at`).
Parsed parseIgnore(std::string_view line, std::size_t at) {
  Parsed p;
  auto fail = [&](std::size_t where, std::string message) {
    p.problemAt = where;
    p.message = std::move(message);
    return p;
  };
  std::size_t wordBegin = skipBlank(line, at);
  std::size_t wordEnd = wordBegin;
  while (wordEnd < line.size() && !blank(line[wordEnd]) && line[wordEnd] != '=') ++wordEnd;
  std::string word(line.substr(wordBegin, wordEnd - wordBegin));
  if (word.empty()) {
    return fail(wordBegin, "'# restage:' with nothing after it; the ignore comment is '# restage: ignore' "
                           "(the whole file) or '# restage: ignore=CODE' (the instruction below)");
  }
  std::string lowered;
  for (char c : word) lowered += lower(c);
  if (lowered != "ignore") {
    return fail(wordBegin, "unknown restage comment '" + word +
                               "': the only one is '# restage: ignore' (optionally =CODE,... and reason=...)");
  }
  std::size_t i = wordEnd;
  if (i < line.size() && line[i] == '=') {
    // ignore=CODE[,CODE...]: rule codes or names, blanks allowed after a comma.
    ++i;
    for (;;) {
      std::size_t codeBegin = i;
      while (i < line.size() && codeChar(line[i])) ++i;
      std::string code(line.substr(codeBegin, i - codeBegin));
      if (code.empty()) return fail(codeBegin, "expected a rule code after 'ignore=' or ',' (e.g. ignore=RS002)");
      const suggest::Rule* rule = suggest::findRule(code);
      if (!rule) {
        return fail(codeBegin, "unknown rule '" + code + "' in '# restage: ignore=': the rules are RS001 to RS005 "
                                                         "(restage rule lists them)");
      }
      if (rule == &suggest::kUnusedIgnore || rule == &suggest::kMalformedIgnore) {
        return fail(codeBegin, std::string(rule->code) + " " + std::string(rule->name) +
                                   " is about the ignore comments themselves, so a comment cannot ignore it; "
                                   "use --ignore " + std::string(rule->code) + " or 'ignore' in .restage.yaml");
      }
      if (std::find(p.rules.begin(), p.rules.end(), rule) == p.rules.end()) p.rules.push_back(rule);
      std::size_t next = skipBlank(line, i);
      if (next < line.size() && line[next] == ',') {
        i = skipBlank(line, next + 1);
        continue;
      }
      break;
    }
  } else if (i < line.size() && !blank(line[i])) {
    return fail(i, "expected blank space or '=' after 'ignore'");
  }
  i = skipBlank(line, i);
  if (i == line.size()) {
    p.ok = true;
    return p;
  }
  std::size_t keyEnd = i;
  while (keyEnd < line.size() && line[keyEnd] != '=' && !blank(line[keyEnd])) ++keyEnd;
  std::string key(line.substr(i, keyEnd - i));
  if (keyEnd >= line.size() || line[keyEnd] != '=') {
    return fail(i, "expected reason=... after 'ignore', not '" + std::string(line.substr(i)) + "'");
  }
  std::string keyLower;
  for (char c : key) keyLower += lower(c);
  if (keyLower != "reason") {
    return fail(i, "unknown key '" + key + "' in '# restage: ignore' (the only one is reason=...)");
  }
  std::size_t v = keyEnd + 1;
  if (v < line.size() && (line[v] == '"' || line[v] == '\'')) {
    char quote = line[v];
    std::size_t close = line.find(quote, v + 1);
    if (close == std::string_view::npos) return fail(v, "the reason's quote is never closed");
    std::size_t after = skipBlank(line, close + 1);
    if (after != line.size()) return fail(after, "text after the quoted reason");
    p.reason = std::string(line.substr(v + 1, close - v - 1));
  } else {
    std::string_view rest = line.substr(v);
    while (!rest.empty() && blank(rest.back())) rest.remove_suffix(1);
    p.reason = std::string(rest);
  }
  if (std::all_of(p.reason.begin(), p.reason.end(), blank)) return fail(v, "reason= is empty");
  p.ok = true;
  return p;
}

// The first instruction that starts after `line` (1-based), with only
// comments and blank lines before it; null when another line comes first.
const ast::Instruction* instructionBelow(const ast::Document& doc, std::size_t line) {
  for (const auto& ins : doc.instructions) {
    if (ins.startLine <= line) continue;
    for (std::size_t l = line + 1; l < ins.startLine; ++l) {
      std::size_t begin = doc.lines.lineStart(l);
      std::size_t end = doc.source.find('\n', begin);
      std::string_view text = std::string_view(doc.source).substr(begin, end == std::string::npos ? std::string::npos : end - begin);
      std::size_t k = skipBlank(text, 0);
      bool blankLine = k == text.size() || text[k] == '\r';
      if (!blankLine && text[k] != '#') return nullptr;
    }
    return &ins;
  }
  return nullptr;
}

// The lines an ignore=CODE comment on `line` covers.
void setCoverage(const ast::Document& doc, IgnoreComment& c) {
  const ast::Instruction* below = instructionBelow(doc, c.line);
  if (!below) return;
  c.firstLine = below->startLine;
  c.lastLine = below->endLine;
  if (below->kind != ast::InstructionKind::From) return;
  for (const auto& stage : doc.stages) {
    if (&doc.instructions[stage.from] != below) continue;
    c.coversStage = true;
    c.stageFromLine = below->startLine;
    // To the line before the next stage's FROM, or the end of the file.
    c.lastLine = stage.end < doc.instructions.size() ? doc.instructions[stage.end].startLine - 1
                                                     : std::max(doc.lines.lineCount(), below->endLine);
  }
}

}  // namespace

bool mayHaveIgnoreComment(std::string_view source) {
  for (std::size_t i = source.find(':'); i != std::string_view::npos; i = source.find(':', i + 1)) {
    // "restage" and blanks before the ':'.
    std::size_t j = i;
    while (j > 0 && blank(source[j - 1])) --j;
    if (j >= 7 && startsWithNoCase(source.substr(j - 7), "restage")) return true;
  }
  return false;
}

IgnoreScan scanIgnoreComments(const ast::Document& doc) {
  IgnoreScan scan;
  for (const auto& comment : doc.comments) {
    std::string_view line = doc.text(comment.range);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    std::size_t hash = skipBlank(line, 0);
    if (hash >= line.size() || line[hash] != '#') continue;
    auto prefixEnd = restagePrefixEnd(line, hash);
    if (!prefixEnd) continue;
    ast::Position at = doc.lines.position(comment.range.begin);
    Parsed parsed = parseIgnore(line, *prefixEnd);
    if (!parsed.ok) {
      scan.problems.push_back({at.line, parsed.problemAt + 1, parsed.message});
      continue;
    }
    // Only parser directives may come before it; then it is the line that
    // ends them, and a directive right below is a plain comment to BuildKit.
    bool firstAfterDirectives = at.line == doc.directives.size() + 1;
    if (firstAfterDirectives && at.line < doc.lines.lineCount()) {
      std::size_t nextBegin = doc.lines.lineStart(at.line + 1);
      std::size_t nextEnd = doc.source.find('\n', nextBegin);
      std::string_view next = std::string_view(doc.source).substr(
          nextBegin, nextEnd == std::string::npos ? std::string::npos : nextEnd - nextBegin);
      if (looksLikeDirective(next)) {
        std::string directive(next);
        while (!directive.empty() && (directive.back() == '\r' || blank(directive.back()))) directive.pop_back();
        scan.problems.push_back(
            {at.line, hash + 1,
             "this comment ends the parser directives, so BuildKit reads '" + directive + "' on line " +
                 std::to_string(at.line + 1) +
                 " as a plain comment; put '# restage: ignore' below the directives"});
      }
    }
    IgnoreComment c{at.line, hash + 1, parsed.reason, parsed.rules};
    if (c.rules.empty()) {
      scan.ignores.push_back(std::move(c));
    } else {
      setCoverage(doc, c);
      scan.ruleIgnores.push_back(std::move(c));
    }
  }
  return scan;
}

}  // namespace restage::config
