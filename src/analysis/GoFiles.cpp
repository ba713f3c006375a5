#include "analysis/GoFiles.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace restage::analysis {

namespace {

constexpr std::array<std::string_view, 18> kKnownOs = {
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
    "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos"};
constexpr std::array<std::string_view, 24> kKnownArch = {
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
    "mips64", "mips64le", "mips64p32", "mips64p32le", "mipsle", "ppc", "ppc64", "ppc64le", "riscv",
    "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm"};
constexpr std::array<std::string_view, 2> kTargetArchs = {"amd64", "arm64"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view word) {
  for (auto w : list) {
    if (w == word) return true;
  }
  return false;
}

// The 1-based line of a byte offset.
std::size_t lineAt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// `custom`: what a tag go does not define itself holds as (`-tags
// integration`); restage tries both, since it cannot see every build's -tags.
bool tagHolds(std::string_view tag, std::string_view arch, bool custom = false) {
  if (tag == "linux" || tag == "unix" || tag == "gc" || tag == "cgo" || tag == arch || tag.starts_with("go1.")) return true;
  bool defined = listed(kKnownOs, tag) || listed(kKnownArch, tag) || tag == "gccgo" || tag == "ignore" ||
                 tag.starts_with("goexperiment.");
  return !defined && custom;
}

// name_GOOS_GOARCH.go, name_GOOS.go, name_GOARCH.go, as go/build reads them.
bool nameHolds(std::string_view name, std::string_view arch) {
  std::string_view stem = name.substr(0, name.find('.'));
  std::size_t underscore = stem.find('_');
  if (underscore == std::string_view::npos) return true;
  std::vector<std::string_view> parts;
  std::string_view rest = stem.substr(underscore + 1);
  while (true) {
    std::size_t next = rest.find('_');
    parts.push_back(rest.substr(0, next));
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + 1);
  }
  if (!parts.empty() && parts.back() == "test") parts.pop_back();
  std::size_t n = parts.size();
  if (n >= 2 && listed(kKnownOs, parts[n - 2]) && listed(kKnownArch, parts[n - 1])) {
    return tagHolds(parts[n - 2], arch) && tagHolds(parts[n - 1], arch);
  }
  if (n >= 1 && (listed(kKnownOs, parts[n - 1]) || listed(kKnownArch, parts[n - 1]))) {
    return tagHolds(parts[n - 1], arch);
  }
  return true;
}

// `//go:build` expressions: || binds loosest, then &&, then !.
class Expression {
 public:
  Expression(std::string_view text, std::string_view arch, bool custom) : text_(text), arch_(arch), custom_(custom) {}

  bool holds() {
    bool value = orExpr();
    skipSpace();
    if (pos_ != text_.size()) malformed_ = true;
    return malformed_ ? true : value;
  }

 private:
  static constexpr int kMaxDepth = 64;

  void skipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r')) ++pos_;
  }
  bool take(std::string_view op) {
    skipSpace();
    if (text_.substr(pos_, op.size()) != op) return false;
    pos_ += op.size();
    return true;
  }
  bool orExpr() {
    bool value = andExpr();
    while (!malformed_ && take("||")) value = andExpr() || value;
    return value;
  }
  bool andExpr() {
    bool value = notExpr();
    while (!malformed_ && take("&&")) value = notExpr() && value;
    return value;
  }
  bool notExpr() {
    if (++depth_ > kMaxDepth) {
      malformed_ = true;
      return true;
    }
    bool value;
    if (take("!")) {
      value = !notExpr();
    } else if (take("(")) {
      value = orExpr();
      if (!take(")")) malformed_ = true;
    } else {
      skipSpace();
      std::size_t start = pos_;
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                                     text_[pos_] == '.')) {
        ++pos_;
      }
      if (start == pos_) malformed_ = true;
      value = tagHolds(text_.substr(start, pos_ - start), arch_, custom_);
    }
    --depth_;
    return value;
  }

  std::string_view text_;
  std::string_view arch_;
  bool custom_ = false;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool malformed_ = false;
};

// One `// +build` line: options separated by spaces (any holds), each of
// terms separated by commas (all hold), a term possibly negated.
bool plusBuildHolds(std::string_view line, std::string_view arch, bool custom) {
  bool any = false, sawOption = false;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r')) ++pos;
    std::size_t end = pos;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '\r') ++end;
    if (end == pos) break;
    std::string_view option = line.substr(pos, end - pos);
    sawOption = true;
    bool all = true;
    while (!option.empty()) {
      std::size_t comma = option.find(',');
      std::string_view term = option.substr(0, comma);
      bool negated = term.starts_with('!');
      if (negated) term.remove_prefix(1);
      if (tagHolds(term, arch, custom) == negated) all = false;
      option = comma == std::string_view::npos ? std::string_view() : option.substr(comma + 1);
    }
    any = any || all;
    pos = end;
  }
  return !sawOption || any;
}

// The constraint lines of the header: the comments before the package clause.
struct Header {
  std::string goBuild;                 // the //go:build expression, if any
  std::vector<std::string> plusBuild;  // the // +build lines
};

Header readHeader(std::string_view text) {
  Header h;
  bool inBlock = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    line = line.substr(first);
    if (inBlock) {
      if (line.find("*/") != std::string_view::npos) inBlock = false;
      continue;
    }
    if (line.starts_with("/*")) {
      inBlock = line.find("*/", 2) == std::string_view::npos;
      continue;
    }
    if (!line.starts_with("//")) break;  // the package clause, or code
    if (line.starts_with("//go:build ") && h.goBuild.empty()) h.goBuild = std::string(line.substr(11));
    if (line.starts_with("// +build ")) h.plusBuild.emplace_back(line.substr(10));
  }
  return h;
}

// Just enough of Go's lexer for the import declarations: identifiers,
// string literals, punctuation; comments and spaces skipped.
class Tokens {
 public:
  explicit Tokens(std::string_view text) : text_(text) {}

  enum class Kind { End, Word, String, Punct };
  struct Token {
    Kind kind = Kind::End;
    std::string_view text;  // a string without its quotes
    std::size_t offset = 0;
  };

  Token next() {
    skip();
    if (pos_ >= text_.size()) return {};
    char c = text_[pos_];
    std::size_t start = pos_;
    Token t = scan(c, start);
    t.offset = start;
    return t;
  }

 private:
  Token scan(char c, std::size_t start) {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                                     static_cast<unsigned char>(text_[pos_]) >= 0x80)) {
        ++pos_;
      }
      return {Kind::Word, text_.substr(start, pos_ - start)};
    }
    if (c == '"' || c == '`' || c == '\'') {
      // Interpreted strings and runes end at their line; raw strings may
      // span lines.
      ++pos_;
      while (pos_ < text_.size() && text_[pos_] != c && (c == '`' || text_[pos_] != '\n')) {
        if (c != '`' && text_[pos_] == '\\') ++pos_;
        ++pos_;
      }
      if (pos_ >= text_.size() || text_[pos_] != c) return {};  // unterminated: not Go
      std::string_view body = text_.substr(start + 1, pos_ - start - 1);
      ++pos_;
      if (c == '\'') return {Kind::Punct, text_.substr(start, pos_ - start)};  // a rune, quotes and all
      return {Kind::String, body};
    }
    ++pos_;
    return {Kind::Punct, text_.substr(start, 1)};
  }

  void skip() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        std::size_t end = text_.find('\n', pos_);
        pos_ = end == std::string_view::npos ? text_.size() : end + 1;
      } else if (text_.substr(pos_, 2) == "/*") {
        std::size_t end = text_.find("*/", pos_ + 2);
        pos_ = end == std::string_view::npos ? text_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<std::string> goImportPaths(std::string_view text) {
  using Kind = Tokens::Kind;
  std::vector<std::string> paths;
  Tokens tokens(text);
  auto t = tokens.next();
  if (t.kind != Kind::Word || t.text != "package") return paths;
  tokens.next();  // the package name
  t = tokens.next();
  constexpr std::size_t kMaxImports = 1000;
  while (paths.size() < kMaxImports) {
    if (t.kind == Kind::Punct && t.text == ";") {
      t = tokens.next();
      continue;
    }
    if (t.kind != Kind::Word || t.text != "import") return paths;
    t = tokens.next();
    bool grouped = t.kind == Kind::Punct && t.text == "(";
    if (grouped) t = tokens.next();
    // One spec, or a group of them: [name] "path".
    while (t.kind != Kind::End) {
      if (grouped && t.kind == Kind::Punct && t.text == ")") break;
      if (t.kind == Kind::String) {
        paths.emplace_back(t.text);
        if (!grouped) break;
      }
      t = tokens.next();
    }
    if (t.kind == Kind::End) return paths;
    t = tokens.next();
  }
  return paths;
}

bool goImportsC(std::string_view text) {
  auto paths = goImportPaths(text);
  return std::find(paths.begin(), paths.end(), "C") != paths.end();
}

std::vector<GoExec> goExecCalls(std::string_view text) {
  using Kind = Tokens::Kind;
  std::vector<GoExec> calls;
  if (text.find("os/exec") == std::string_view::npos) return calls;
  Tokens tokens(text);
  // The last four tokens: exec . NAME (
  std::array<Tokens::Token, 4> window{};
  constexpr std::size_t kMaxCalls = 64;
  for (auto t = tokens.next(); t.kind != Kind::End && calls.size() < kMaxCalls; t = tokens.next()) {
    window = {window[1], window[2], window[3], t};
    bool call = window[0].kind == Kind::Word && window[0].text == "exec" && window[1].text == "." &&
                window[2].kind == Kind::Word && window[3].text == "(";
    if (!call) continue;
    std::string_view function = window[2].text;
    if (function != "Command" && function != "CommandContext" && function != "LookPath") continue;
    auto arg = tokens.next();
    if (function == "CommandContext") {
      // Past the context argument: to the first comma outside brackets.
      int depth = 0;
      while (arg.kind != Kind::End && !(depth == 0 && arg.text == ",")) {
        if (arg.text == "(" || arg.text == "[" || arg.text == "{") ++depth;
        if (arg.text == ")" || arg.text == "]" || arg.text == "}") --depth;
        if (depth < 0) break;
        arg = tokens.next();
      }
      if (arg.text != ",") continue;
      arg = tokens.next();
    }
    if (arg.kind != Kind::String || arg.text.empty()) continue;
    calls.push_back({std::string(arg.text), lineAt(text, window[0].offset), "exec." + std::string(function)});
  }
  return calls;
}

namespace {

// The port of a listen address (":80", "0.0.0.0:443", "[::]:8080"); 0 when
// there is none.
int addressPort(std::string_view address) {
  std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || colon + 1 >= address.size() || address.size() - colon > 6) return 0;
  int port = 0;
  for (char c : address.substr(colon + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    port = port * 10 + (c - '0');
  }
  return port;
}

}  // namespace

std::vector<GoListen> goListenPorts(std::string_view text) {
  using Kind = Tokens::Kind;
  std::vector<GoListen> out;
  // Every address this reads is a string with a colon.
  if (text.find(':') == std::string_view::npos) return out;
  Tokens tokens(text);
  Tokens::Token previous, last;
  constexpr std::size_t kMax = 16;
  for (auto t = tokens.next(); t.kind != Kind::End && out.size() < kMax; t = tokens.next()) {
    // ListenAndServe( ":80" / ListenAndServeTLS( ... / Listen( "tcp", ":80"
    static const std::array<std::string_view, 7> kListeners = {"ListenAndServe", "ListenAndServeTLS", "Listen",
                                                               "Run", "RunTLS", "Start", "StartTLS"};
    bool call = previous.kind == Kind::Word && last.text == "(" &&
                std::find(kListeners.begin(), kListeners.end(), previous.text) != kListeners.end();
    // Addr: ":80" in a composite literal
    bool field = previous.kind == Kind::Word && previous.text == "Addr" && last.text == ":";
    std::string_view function = previous.text;
    previous = last;
    last = t;
    if (!call && !field) continue;
    auto arg = t;
    if (call && function == "Listen" && arg.kind == Kind::String && addressPort(arg.text) == 0) {
      // net.Listen("tcp", ADDRESS): the second argument (fiber's Listen(ADDRESS) has one).
      auto comma = tokens.next();
      if (comma.text != ",") continue;
      arg = tokens.next();
    }
    if (arg.kind != Kind::String) continue;
    if (int port = addressPort(arg.text); port > 0) out.push_back({port, lineAt(text, arg.offset)});
  }
  return out;
}

bool goBuildExpressionHolds(std::string_view expression, std::string_view arch) {
  return Expression(expression, arch, false).holds();
}

bool goFileBuildsOnLinux(std::string_view name, std::string_view text) {
  if (!name.ends_with(".go") || name.ends_with("_test.go")) return false;
  // go build skips these names.
  if (name.starts_with('_') || name.starts_with('.')) return false;
  Header header = readHeader(text);
  for (auto arch : kTargetArchs) {
    if (!nameHolds(name, arch)) continue;
    for (bool custom : {false, true}) {
      bool holds = true;
      if (!header.goBuild.empty()) {
        holds = Expression(header.goBuild, arch, custom).holds();
      } else {
        for (const auto& line : header.plusBuild) holds = holds && plusBuildHolds(line, arch, custom);
      }
      if (holds) return true;
    }
  }
  return false;
}

}  // namespace restage::analysis
