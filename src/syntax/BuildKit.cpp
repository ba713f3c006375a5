#include "syntax/BuildKit.h"

#include <cstring>

#include "syntax/GoText.h"

namespace restage::syntax {

namespace {

Span shifted(Span s, std::size_t by) { return {s.begin + by, s.end + by}; }

void shiftAll(std::vector<LineValue>& values, std::size_t by) {
  for (auto& v : values) v.span = shifted(v.span, by);
}

// --------------------------------------------------------------------- JSON
// A validator and decoder with the acceptance rules of Go's encoding/json for
// `json.Unmarshal(data, &[]interface{})`.
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  // Whole-input validation; collects the top-level array's elements.
  bool readTopArray(std::vector<LineValue>& out, bool& allStrings) {
    skipWs();
    if (!eat('[')) return false;
    skipWs();
    allStrings = true;
    if (eat(']')) return finish();
    for (;;) {
      skipWs();
      std::size_t start = pos_;
      if (peek() == '"') {
        std::string decoded;
        if (!readString(&decoded)) return false;
        out.push_back({std::move(decoded), {start, pos_}});
      } else {
        if (!readValue(1)) return false;
        allStrings = false;
      }
      skipWs();
      if (eat(',')) continue;
      if (eat(']')) return finish();
      return false;
    }
  }

 private:
  static constexpr int kMaxDepth = 10000;

  bool finish() {
    skipWs();
    return pos_ == s_.size();
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void skipWs() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool readLiteral(const char* word) {
    std::size_t n = std::strlen(word);
    if (s_.substr(pos_, n) != word) return false;
    pos_ += n;
    return true;
  }
  static bool isDigit(char c) { return c >= '0' && c <= '9'; }
  bool readNumber() {
    eat('-');
    if (eat('0')) {
    } else if (pos_ < s_.size() && s_[pos_] >= '1' && s_[pos_] <= '9') {
      while (isDigit(peek())) ++pos_;
    } else {
      return false;
    }
    if (eat('.')) {
      if (!isDigit(peek())) return false;
      while (isDigit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!isDigit(peek())) return false;
      while (isDigit(peek())) ++pos_;
    }
    return true;
  }
  static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool readHex4(char32_t& v) {
    if (pos_ + 4 > s_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      int h = hexValue(s_[pos_ + i]);
      if (h < 0) return false;
      v = (v << 4) | static_cast<char32_t>(h);
    }
    pos_ += 4;
    return true;
  }
  // Reads a string token; decodes it into *out when out is not null.
  bool readString(std::string* out) {
    if (!eat('"')) return false;
    for (;;) {
      if (pos_ >= s_.size()) return false;
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size()) return false;
        char e = s_[pos_++];
        char32_t r = 0;
        switch (e) {
          case '"': r = '"'; break;
          case '\\': r = '\\'; break;
          case '/': r = '/'; break;
          case 'b': r = '\b'; break;
          case 'f': r = '\f'; break;
          case 'n': r = '\n'; break;
          case 'r': r = '\r'; break;
          case 't': r = '\t'; break;
          case 'u': {
            if (!readHex4(r)) return false;
            if (r >= 0xD800 && r < 0xDC00) {
              // A high surrogate combines with a following low surrogate.
              std::size_t save = pos_;
              char32_t low = 0;
              if (pos_ + 1 < s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
                pos_ += 2;
                if (!readHex4(low)) return false;
                if (low >= 0xDC00 && low < 0xE000) {
                  r = 0x10000 + ((r - 0xD800) << 10) + (low - 0xDC00);
                } else {
                  r = 0xFFFD;
                  pos_ = save;
                }
              } else {
                r = 0xFFFD;
              }
            } else if (r >= 0xDC00 && r < 0xE000) {
              r = 0xFFFD;
            }
            break;
          }
          default:
            return false;
        }
        if (out) appendRune(*out, r);
        continue;
      }
      if (c < 0x80) {
        if (out) out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      auto d = decodeRune(s_, pos_);
      if (out) {
        if (d.rune == 0xFFFD && d.width == 1) appendRune(*out, 0xFFFD);
        else out->append(s_.substr(pos_, d.width));
      }
      pos_ += d.width;
    }
  }
  bool readValue(int depth) {
    if (depth > kMaxDepth) return false;
    skipWs();
    char c = peek();
    switch (c) {
      case '"': return readString(nullptr);
      case '[': {
        ++pos_;
        skipWs();
        if (eat(']')) return true;
        for (;;) {
          if (!readValue(depth + 1)) return false;
          skipWs();
          if (eat(',')) continue;
          return eat(']');
        }
      }
      case '{': {
        ++pos_;
        skipWs();
        if (eat('}')) return true;
        for (;;) {
          skipWs();
          if (!readString(nullptr)) return false;
          skipWs();
          if (!eat(':')) return false;
          if (!readValue(depth + 1)) return false;
          skipWs();
          if (eat(',')) continue;
          return eat('}');
        }
      }
      case 't': return readLiteral("true");
      case 'f': return readLiteral("false");
      case 'n': return readLiteral("null");
      default: return readNumber();
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

// ------------------------------------------------------------ line parsers

// parseStringsWhitespaceDelimited: split on runs of [\t\v\f\r ].
std::vector<LineValue> splitWhitespace(std::string_view rest) {
  std::vector<LineValue> out;
  if (rest.empty()) return out;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < rest.size()) {
    if (isTokenWhitespace(rest[i])) {
      out.push_back({std::string(rest.substr(start, i - start)), {start, i}});
      while (i < rest.size() && isTokenWhitespace(rest[i])) ++i;
      start = i;
    } else {
      ++i;
    }
  }
  out.push_back({std::string(rest.substr(start)), {start, rest.size()}});
  return out;
}

bool parseMaybeJson(std::string_view rest, LineNode& node, LineError& error, bool toList) {
  std::size_t lead = leftSpaceEnd(rest);
  std::string_view trimmed = rest.substr(lead);
  if (!trimmed.empty() && trimmed.front() == '[') {
    std::vector<LineValue> values;
    switch (parseJsonArray(trimmed, values)) {
      case JsonArrayResult::Valid:
        shiftAll(values, lead);
        node.values = std::move(values);
        node.json = true;
        return true;
      case JsonArrayResult::NotStringArray:
        error.message = "JSON array must contain only strings";
        error.span = {lead, rest.size()};
        return false;
      case JsonArrayResult::NotJson:
        break;
    }
  }
  if (toList) {
    node.values = splitWhitespace(rest);
  } else if (!rest.empty()) {
    node.values.push_back({std::string(rest), {0, rest.size()}});
  }
  return true;
}

bool parseNameVal(std::string_view rest, const char* key, char escape, LineNode& node,
                  LineError& error) {
  auto words = parseWords(rest, escape);
  if (words.empty()) return true;
  if (words[0].value.find('=') == std::string::npos) {
    // Old form: KEY name value
    std::size_t i = 0;
    while (i < rest.size() && !isTokenWhitespace(rest[i])) ++i;
    if (i == rest.size()) {
      error.message = std::string(key) + " must have two arguments";
      error.span = {0, rest.size()};
      return false;
    }
    std::size_t j = i;
    while (j < rest.size() && isTokenWhitespace(rest[j])) ++j;
    node.values.push_back({std::string(rest.substr(0, i)), {0, i}});
    node.values.push_back({std::string(rest.substr(j)), {j, rest.size()}});
    node.values.push_back({"", {rest.size(), rest.size()}});
    return true;
  }
  for (auto& word : words) {
    auto eq = word.value.find('=');
    if (eq == std::string::npos) {
      error.message = "Syntax error - can't find = in " + goQuote(word.value) +
                      ". Must be of the form: name=value";
      error.span = word.span;
      return false;
    }
    // The word's raw text and its value agree up to the first '=' (BuildKit
    // keeps quotes and escapes in the value), so the key span is exact.
    std::size_t keyEnd = word.span.begin + eq;
    node.values.push_back({word.value.substr(0, eq), {word.span.begin, keyEnd}});
    node.values.push_back({word.value.substr(eq + 1), {keyEnd + 1, word.span.end}});
    node.values.push_back({"=", {keyEnd, keyEnd + 1}});
  }
  return true;
}

bool parseHealthConfig(std::string_view rest, LineNode& node, LineError& error) {
  std::size_t sep = 0;
  while (sep < rest.size() && !isGoSpaceByte(static_cast<unsigned char>(rest[sep]))) ++sep;
  std::size_t next = sep;
  while (next < rest.size() && isGoSpaceByte(static_cast<unsigned char>(rest[next]))) ++next;
  if (sep == 0) return true;
  node.values.push_back({std::string(rest.substr(0, sep)), {0, sep}});
  LineNode cmd;
  if (!parseMaybeJson(rest.substr(next), cmd, error, false)) {
    error.span = shifted(error.span, next);
    return false;
  }
  shiftAll(cmd.values, next);
  for (auto& v : cmd.values) node.values.push_back(std::move(v));
  node.json = cmd.json;
  return true;
}

bool dispatch(std::string_view rest, char escape, LineNode& node, LineError& error) {
  const std::string& cmd = node.cmd;
  if (cmd == "add" || cmd == "copy" || cmd == "volume") {
    return parseMaybeJson(rest, node, error, true);
  }
  if (cmd == "run" || cmd == "cmd" || cmd == "entrypoint" || cmd == "shell") {
    if (rest.empty()) return true;
    return parseMaybeJson(rest, node, error, false);
  }
  if (cmd == "arg") {
    node.values = parseWords(rest, escape);
    return true;
  }
  if (cmd == "env") return parseNameVal(rest, "ENV", escape, node, error);
  if (cmd == "label") return parseNameVal(rest, "LABEL", escape, node, error);
  if (cmd == "expose" || cmd == "from") {
    node.values = splitWhitespace(rest);
    return true;
  }
  if (cmd == "healthcheck") return parseHealthConfig(rest, node, error);
  if (cmd == "maintainer" || cmd == "stopsignal" || cmd == "user" || cmd == "workdir") {
    if (!rest.empty()) node.values.push_back({std::string(rest), {0, rest.size()}});
    return true;
  }
  if (cmd == "onbuild") {
    if (rest.empty()) return true;
    auto child = std::make_unique<LineNode>();
    if (!parseLine(rest, escape, *child, error)) return false;
    node.child = std::move(child);
    return true;
  }
  // Unknown instruction: BuildKit keeps the keyword and one empty node.
  node.values.push_back({"", {0, 0}});
  return true;
}

void shiftNode(LineNode& node, std::size_t by) {
  node.cmdSpan = shifted(node.cmdSpan, by);
  node.argsSpan = shifted(node.argsSpan, by);
  shiftAll(node.flags, by);
  shiftAll(node.values, by);
  if (node.child) shiftNode(*node.child, by);
}

// ---------------------------------------------------------------- heredocs

bool isShellSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The words of a line as BuildKit's shell lexer gives them with RawQuotes and
// RawEscapes: quotes and escapes are kept, and `<<` takes the blanks after it
// into the same word.
std::vector<LineValue> rawShellWords(std::string_view line) {
  std::vector<LineValue> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && isShellSpace(line[i])) ++i;
    if (i >= line.size()) break;
    std::size_t start = i;
    while (i < line.size() && !isShellSpace(line[i])) {
      char c = line[i];
      if (c == '\\') {
        i = std::min(line.size(), i + 2);
      } else if (c == '\'') {
        auto close = line.find('\'', i + 1);
        i = close == std::string_view::npos ? line.size() : close + 1;
      } else if (c == '"') {
        ++i;
        while (i < line.size() && line[i] != '"') i += (line[i] == '\\') ? 2 : 1;
        i = std::min(line.size(), i + 1);
      } else if (c == '<' && i + 1 < line.size() && line[i + 1] == '<') {
        i += 2;
        if (i < line.size() && line[i] == '-') ++i;
        while (i < line.size() && isShellSpace(line[i])) ++i;
      } else {
        ++i;
      }
    }
    words.push_back({std::string(line.substr(start, i - start)), {start, i}});
  }
  return words;
}

// Processes a heredoc delimiter word: quote removal and escapes. Returns the
// number of words it makes (a delimiter must be exactly one word).
int processDelimiter(std::string_view raw, std::string& word, int& quotesUsed) {
  word.clear();
  quotesUsed = 0;
  int words = 0;
  bool inWord = false;
  for (std::size_t i = 0; i < raw.size();) {
    char c = raw[i];
    if (isShellSpace(c)) {
      if (inWord) {
        ++words;
        inWord = false;
      }
      ++i;
      continue;
    }
    if (!inWord) {
      if (words > 0) word.clear();
      inWord = true;
    }
    if (c == '\\' && i + 1 < raw.size()) {
      word.push_back(raw[i + 1]);
      i += 2;
    } else if (c == '\'') {
      ++quotesUsed;
      auto close = raw.find('\'', i + 1);
      std::size_t end = close == std::string_view::npos ? raw.size() : close;
      word.append(raw.substr(i + 1, end - i - 1));
      i = close == std::string_view::npos ? raw.size() : close + 1;
    } else if (c == '"') {
      ++quotesUsed;
      ++i;
      while (i < raw.size() && raw[i] != '"') {
        if (raw[i] == '\\' && i + 1 < raw.size() &&
            (raw[i + 1] == '"' || raw[i + 1] == '\\' || raw[i + 1] == '$')) {
          word.push_back(raw[i + 1]);
          i += 2;
        } else {
          word.push_back(raw[i++]);
        }
      }
      i = std::min(raw.size(), i + 1);
    } else {
      word.push_back(c);
      ++i;
    }
  }
  if (inWord) ++words;
  return words;
}

std::optional<HeredocSpec> parseHeredocWord(const LineValue& word) {
  // ^(\d*)<<(-?)\s*([^<]*)$
  std::string_view w = word.value;
  std::size_t i = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  std::string_view digits = w.substr(0, i);
  if (w.substr(i, 2) != "<<") return std::nullopt;
  i += 2;
  bool chomp = false;
  if (i < w.size() && w[i] == '-') {
    chomp = true;
    ++i;
  }
  while (i < w.size() && (w[i] == ' ' || w[i] == '\t' || w[i] == '\n' || w[i] == '\r' || w[i] == '\f')) ++i;
  std::string_view rest = w.substr(i);
  if (rest.find('<') != std::string_view::npos) return std::nullopt;
  std::string name;
  int quotes = 0;
  if (processDelimiter(rest, name, quotes) != 1) return std::nullopt;
  HeredocSpec spec;
  spec.name = std::move(name);
  spec.chomp = chomp;
  spec.expand = quotes == 0;
  spec.span = word.span;
  unsigned long fd = 0;
  for (char d : digits) {
    fd = fd * 10 + static_cast<unsigned>(d - '0');
    if (fd > 0xFFFFFFFFul) {
      fd = 0;
      break;
    }
  }
  spec.fd = static_cast<unsigned>(fd);
  return spec;
}

}  // namespace

// ---------------------------------------------------------------- public

std::vector<LineValue> parseWords(std::string_view rest, char escape) {
  enum Phase { InSpaces, InWord, InQuote };
  std::vector<LineValue> words;
  Phase phase = InSpaces;
  std::string word;
  std::size_t wordStart = 0;
  char32_t quote = 0;
  bool blankOK = false;
  char32_t ch = 0;
  std::size_t chWidth = 0;
  const char32_t esc = static_cast<unsigned char>(escape);

  for (std::size_t pos = 0; pos <= rest.size(); pos += chWidth) {
    if (pos != rest.size()) {
      auto d = decodeRune(rest, pos);
      ch = d.rune;
      chWidth = d.width;
    }
    if (phase == InSpaces) {
      if (pos == rest.size()) break;
      if (isGoSpace(ch)) continue;
      phase = InWord;
      wordStart = pos;
    }
    if ((phase == InWord || phase == InQuote) && pos == rest.size()) {
      if (blankOK || !word.empty()) words.push_back({word, {wordStart, pos}});
      break;
    }
    if (phase == InWord) {
      if (isGoSpace(ch)) {
        phase = InSpaces;
        if (blankOK || !word.empty()) words.push_back({word, {wordStart, pos}});
        word.clear();
        blankOK = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blankOK = true;
        phase = InQuote;
      }
      if (ch == esc) {
        if (pos + chWidth == rest.size()) continue;  // an escape at the end is dropped
        appendRune(word, ch);
        pos += chWidth;
        auto d = decodeRune(rest, pos);
        ch = d.rune;
        chWidth = d.width;
      }
      appendRune(word, ch);
      continue;
    }
    if (phase == InQuote) {
      if (ch == quote) phase = InWord;
      if (ch == esc && quote != '\'') {
        if (pos + chWidth == rest.size()) {
          phase = InWord;
          continue;
        }
        pos += chWidth;
        appendRune(word, ch);
        auto d = decodeRune(rest, pos);
        ch = d.rune;
        chWidth = d.width;
      }
      appendRune(word, ch);
    }
  }
  return words;
}

std::vector<LineValue> extractBuilderFlags(std::string_view line, std::size_t& restOffset) {
  enum Phase { InSpaces, InWord, InQuote };
  std::vector<LineValue> words;
  Phase phase = InSpaces;
  std::string word;
  std::size_t wordStart = 0;
  char quote = 0;
  bool blankOK = false;
  unsigned char ch = 0;
  // BuildKit reads bytes here and appends each as a rune.
  auto add = [&](unsigned char c) { appendRune(word, c); };

  for (std::size_t pos = 0; pos <= line.size(); ++pos) {
    if (pos != line.size()) ch = static_cast<unsigned char>(line[pos]);
    if (phase == InSpaces) {
      if (pos == line.size()) break;
      if (isGoSpaceByte(ch)) continue;
      if (ch != '-' || pos + 1 == line.size() || line[pos + 1] != '-') {
        restOffset = pos;
        return words;
      }
      phase = InWord;
      wordStart = pos;
    }
    if ((phase == InWord || phase == InQuote) && pos == line.size()) {
      if (word != "--" && (blankOK || !word.empty())) words.push_back({word, {wordStart, pos}});
      break;
    }
    if (phase == InWord) {
      if (isGoSpaceByte(ch)) {
        phase = InSpaces;
        if (word == "--") {
          restOffset = pos;
          return words;
        }
        if (blankOK || !word.empty()) words.push_back({word, {wordStart, pos}});
        word.clear();
        blankOK = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = static_cast<char>(ch);
        blankOK = true;
        phase = InQuote;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == line.size()) continue;
        ++pos;
        ch = static_cast<unsigned char>(line[pos]);
      }
      add(ch);
      continue;
    }
    if (phase == InQuote) {
      if (ch == static_cast<unsigned char>(quote)) {
        phase = InWord;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == line.size()) {
          phase = InWord;
          continue;
        }
        ++pos;
        ch = static_cast<unsigned char>(line[pos]);
      }
      add(ch);
    }
  }
  restOffset = line.size();
  return words;
}

JsonArrayResult parseJsonArray(std::string_view text, std::vector<LineValue>& out) {
  JsonReader reader(text);
  bool allStrings = true;
  std::vector<LineValue> values;
  if (!reader.readTopArray(values, allStrings)) return JsonArrayResult::NotJson;
  if (!allStrings) return JsonArrayResult::NotStringArray;
  out = std::move(values);
  return JsonArrayResult::Valid;
}

bool parseLine(std::string_view line, char escape, LineNode& node, LineError& error) {
  // splitCommand
  std::size_t b = leftSpaceEnd(line);
  std::size_t e = b == line.size() ? b : rightSpaceBegin(line);
  std::string_view trimmed = line.substr(b, e - b);
  std::size_t cmdEnd = 0;
  while (cmdEnd < trimmed.size() && !isTokenWhitespace(trimmed[cmdEnd])) ++cmdEnd;
  node.cmd = asciiLower(trimmed.substr(0, cmdEnd));
  node.cmdSpan = {b, b + cmdEnd};
  std::string_view args;
  std::size_t argsOffset = b + cmdEnd;
  if (cmdEnd < trimmed.size()) {
    std::size_t after = cmdEnd;
    while (after < trimmed.size() && isTokenWhitespace(trimmed[after])) ++after;
    std::string_view tail = trimmed.substr(after);
    std::size_t restOffset = 0;
    node.flags = extractBuilderFlags(tail, restOffset);
    shiftAll(node.flags, b + after);
    std::string_view rest = tail.substr(restOffset);
    std::size_t lb = leftSpaceEnd(rest);
    std::size_t le = lb == rest.size() ? lb : rightSpaceBegin(rest);
    args = rest.substr(lb, le - lb);
    argsOffset = b + after + restOffset + lb;
  }
  node.argsSpan = {argsOffset, argsOffset + args.size()};
  if (!dispatch(args, escape, node, error)) {
    error.span = shifted(error.span, argsOffset);
    return false;
  }
  shiftAll(node.values, argsOffset);
  if (node.child) shiftNode(*node.child, argsOffset);
  return true;
}

std::vector<HeredocSpec> heredocsForLine(std::string_view line) {
  std::vector<HeredocSpec> docs;
  if (line.find("<<") == std::string_view::npos) return docs;
  LineNode node;
  LineError error;
  if (!parseLine(line, '\\', node, error)) return docs;
  const LineNode* target = &node;
  if (node.cmd == "onbuild") {
    if (!node.child) return docs;
    target = node.child.get();
  }
  if (target->cmd != "run" && target->cmd != "copy" && target->cmd != "add") return docs;
  if (target->json) return docs;
  for (const auto& word : rawShellWords(line)) {
    if (auto spec = parseHeredocWord(word)) docs.push_back(std::move(*spec));
  }
  return docs;
}

bool isHeredocTerminator(std::string_view rawLine, const HeredocSpec& heredoc) {
  std::string_view candidate = trimNewline(rawLine);
  if (heredoc.chomp) {
    std::size_t i = 0;
    while (i < candidate.size() && candidate[i] == '\t') ++i;
    candidate = candidate.substr(i);
  }
  return candidate == heredoc.name;
}

std::optional<ParsedDirective> parseDirectiveLine(std::string_view line) {
  // ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$  with \s = [\t\n\f\r ]
  auto isS = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  auto isAlpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  line = trimLeftSpace(line);
  if (line.empty() || line[0] != '#') return std::nullopt;
  std::size_t i = 1;
  while (i < line.size() && isS(line[i])) ++i;
  if (i >= line.size() || !isAlpha(line[i])) return std::nullopt;
  std::size_t keyStart = i;
  while (i < line.size() && (isAlpha(line[i]) || isDigit(line[i]))) ++i;
  std::string_view key = line.substr(keyStart, i - keyStart);
  while (i < line.size() && isS(line[i])) ++i;
  if (i >= line.size() || line[i] != '=') return std::nullopt;
  ++i;
  std::size_t valueStart = i;
  while (i < line.size() && isS(line[i])) ++i;
  std::string value;
  if (i < line.size()) {
    std::size_t end = line.size();
    while (end > i && isS(line[end - 1])) --end;
    value = std::string(line.substr(i, end - i));
  } else if (i > valueStart) {
    value = std::string(line.substr(i - 1, 1));  // all blanks: the lazy group takes the last one
  } else {
    return std::nullopt;
  }
  for (char c : value) {
    if (c == '\n') return std::nullopt;  // '.' does not match a newline
  }
  return ParsedDirective{asciiLower(key), std::move(value)};
}

bool isKnownDirective(std::string_view name) {
  return name == "syntax" || name == "escape" || name == "check";
}

}  // namespace restage::syntax
