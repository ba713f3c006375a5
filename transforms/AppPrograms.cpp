#include "transforms/AppPrograms.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "analysis/GoFiles.h"
#include "transforms/NodeSupport.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

namespace {

constexpr std::size_t kMaxCommands = 32;   // one per program is plenty
constexpr std::size_t kMaxFiles = 5000;    // files read per context
constexpr std::size_t kMaxLiteral = 4096;  // longest string literal read

const std::set<std::string, std::less<>> kProgramFunctions{"spawn", "spawnSync", "execFile", "execFileSync"};
const std::set<std::string, std::less<>> kShellFunctions{"exec", "execSync"};

bool identifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

std::size_t lineAt(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// After `//` on the same line, or on a line of a block comment (` * ...`).
bool inComment(std::string_view text, std::size_t offset) {
  std::size_t lineStart = text.rfind('\n', offset);
  lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
  std::string_view before = text.substr(lineStart, offset - lineStart);
  std::size_t first = before.find_first_not_of(" \t");
  if (first != std::string_view::npos && (before[first] == '*' || before.substr(first, 2) == "/*")) return true;
  return before.find("//") != std::string_view::npos;
}

std::size_t skipSpaceForward(std::string_view text, std::size_t at) {
  while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  return at;
}

// Index of the last non-space character before `at`, or npos.
std::size_t skipSpaceBack(std::string_view text, std::size_t at) {
  while (at > 0) {
    --at;
    if (!std::isspace(static_cast<unsigned char>(text[at]))) return at;
  }
  return std::string_view::npos;
}

// The identifier that ends at `last` (inclusive), or "".
std::string_view identifierEndingAt(std::string_view text, std::size_t last) {
  if (last == std::string_view::npos || !identifierChar(text[last])) return {};
  std::size_t start = last;
  while (start > 0 && identifierChar(text[start - 1])) --start;
  return text.substr(start, last - start + 1);
}

// The string literal starting at `at` ('...', "..." or `...`), without its
// quotes. A template's text stops at its first ${...}.
std::optional<std::string> literalAt(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::nullopt;
  char quote = text[at];
  if (quote != '\'' && quote != '"' && quote != '`') return std::nullopt;
  std::string body;
  for (std::size_t i = at + 1; i < text.size() && i - at <= kMaxLiteral; ++i) {
    char c = text[i];
    if (c == quote) return body;
    if (c == '\n' && quote != '`') return std::nullopt;
    if (c == '\\' && i + 1 < text.size()) {
      body += text[++i];
      continue;
    }
    if (quote == '`' && c == '$' && i + 1 < text.size() && text[i + 1] == '{') return body;
    body += c;
  }
  return std::nullopt;
}

// `{ a, b: c }` (require) or `{ a, b as c }` (import): local name -> the
// child_process function it stands for.
void readList(std::string_view list, std::map<std::string, std::string, std::less<>>& functions) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    std::string_view item = list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < item.size()) {
      while (i < item.size() && !identifierChar(item[i])) ++i;
      std::size_t start = i;
      while (i < item.size() && identifierChar(item[i])) ++i;
      if (i > start) words.push_back(item.substr(start, i - start));
    }
    if (!words.empty()) {
      std::string_view original = words.front();
      std::string_view local = words.back();  // `b: c`, `b as c`: c
      if (kProgramFunctions.count(original) || kShellFunctions.count(original)) {
        functions[std::string(local)] = std::string(original);
      }
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
}

struct Bindings {
  std::set<std::string, std::less<>> namespaces;               // cp in cp.exec(...)
  std::map<std::string, std::string, std::less<>> functions;   // local name -> function
  std::vector<std::pair<std::size_t, std::string>> directCalls;  // require('child_process').exec(: offset of '(' , function
};

// Where the file binds child_process: `const cp = require('child_process')`,
// `const { exec } = require("node:child_process")`, `import * as cp from ...`,
// `import cp, { spawn as run } from ...`, `require('child_process').execSync(`.
Bindings readBindings(std::string_view text) {
  Bindings b;
  for (std::size_t at = text.find("child_process"); at != std::string_view::npos;
       at = text.find("child_process", at + 1)) {
    std::size_t open = at;
    if (open >= 5 && text.substr(open - 5, 5) == "node:") open -= 5;
    if (open == 0) continue;
    --open;
    char quote = text[open];
    std::size_t close = at + 13;
    if ((quote != '\'' && quote != '"') || close >= text.size() || text[close] != quote) continue;
    std::size_t before = skipSpaceBack(text, open);
    if (before == std::string_view::npos) continue;
    if (text[before] == '(' && identifierEndingAt(text, skipSpaceBack(text, before)) == "require") {
      std::size_t requireStart = skipSpaceBack(text, before);
      requireStart -= 6;  // the start of `require`
      std::size_t after = skipSpaceForward(text, close + 1);
      if (after >= text.size() || text[after] != ')') continue;
      after = skipSpaceForward(text, after + 1);
      std::string member;  // require('child_process').exec
      if (after < text.size() && text[after] == '.') {
        std::size_t name = skipSpaceForward(text, after + 1);
        std::size_t end = name;
        while (end < text.size() && identifierChar(text[end])) ++end;
        member = std::string(text.substr(name, end - name));
        std::size_t paren = skipSpaceForward(text, end);
        if (paren < text.size() && text[paren] == '(') {
          b.directCalls.emplace_back(paren, member);
          continue;
        }
      }
      std::size_t eq = skipSpaceBack(text, requireStart);
      if (eq == std::string_view::npos || text[eq] != '=') continue;
      std::size_t target = skipSpaceBack(text, eq);
      if (target == std::string_view::npos) continue;
      if (!member.empty()) {
        // const run = require('child_process').execSync;
        auto local = identifierEndingAt(text, target);
        if (!local.empty() && (kProgramFunctions.count(member) || kShellFunctions.count(member))) {
          b.functions[std::string(local)] = member;
        }
        continue;
      }
      if (text[target] == '}') {
        std::size_t brace = text.rfind('{', target);
        if (brace != std::string_view::npos && target - brace < 1000) readList(text.substr(brace + 1, target - brace - 1), b.functions);
      } else if (auto name = identifierEndingAt(text, target); !name.empty()) {
        b.namespaces.insert(std::string(name));
      }
      continue;
    }
    if (identifierEndingAt(text, before) != "from") continue;
    std::size_t clause = skipSpaceBack(text, before - 3);
    if (clause == std::string_view::npos) continue;
    if (text[clause] == '}') {
      std::size_t brace = text.rfind('{', clause);
      if (brace == std::string_view::npos || clause - brace >= 1000) continue;
      readList(text.substr(brace + 1, clause - brace - 1), b.functions);
      clause = skipSpaceBack(text, brace);
      if (clause == std::string_view::npos || text[clause] != ',') continue;
      clause = skipSpaceBack(text, clause);
    }
    if (auto name = identifierEndingAt(text, clause); !name.empty() && name != "import") {
      b.namespaces.insert(std::string(name));  // `import cp from`, `import * as cp from`
    }
  }
  return b;
}

// `name(` not part of a longer identifier or a member access: offsets of '('.
std::vector<std::size_t> callsOf(std::string_view text, std::string_view name, bool member) {
  std::vector<std::size_t> out;
  for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    if (at > 0 && (identifierChar(text[at - 1]) || (!member && text[at - 1] == '.'))) continue;
    std::size_t end = at + name.size();
    if (end < text.size() && identifierChar(text[end])) continue;
    std::size_t next = skipSpaceForward(text, end);
    if (member) {
      // cp.exec(
      if (next >= text.size() || text[next] != '.') continue;
      std::size_t fn = skipSpaceForward(text, next + 1);
      std::size_t fnEnd = fn;
      while (fnEnd < text.size() && identifierChar(text[fnEnd])) ++fnEnd;
      std::string_view function = text.substr(fn, fnEnd - fn);
      if (!kProgramFunctions.count(function) && !kShellFunctions.count(function)) continue;
      next = skipSpaceForward(text, fnEnd);
    }
    if (next < text.size() && text[next] == '(') out.push_back(next);
  }
  return out;
}

// The function name right before the '(' at `paren` (cp.exec( -> exec).
std::string functionBefore(std::string_view text, std::size_t paren) {
  return std::string(identifierEndingAt(text, skipSpaceBack(text, paren)));
}

bool skippedGoPath(const std::string& path) {
  static const std::set<std::string, std::less<>> dirs{"vendor", "testdata", "hack", "tools", "scripts", "examples", "example"};
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) return false;  // the file name is checked by goFileBuildsOnLinux
    std::string_view part(path.data() + start, slash - start);
    if (dirs.count(part) || part.starts_with('_') || part.starts_with('.')) return true;
    start = slash + 1;
  }
}

bool isCppSource(const std::string& path) {
  for (const char* ext : {".c", ".cc", ".cpp", ".cxx", ".c++", ".h", ".hh", ".hpp", ".hxx"}) {
    if (path.ends_with(ext)) return true;
  }
  return false;
}

// Tests, examples and other projects' code kept in the tree are not the app's.
bool skippedCppPath(const std::string& path) {
  static const std::set<std::string, std::less<>> dirs{"test", "tests", "third_party", "thirdparty", "external", "vendor",
                                                       "_deps", "examples", "example", "bench", "benchmarks", "build"};
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) return false;
    std::string_view part(path.data() + start, slash - start);
    if (dirs.count(part) || part.starts_with('.')) return true;
    start = slash + 1;
  }
}

void addUnique(std::vector<migrate::ContainerCommand>& out, migrate::ContainerCommand command) {
  if (out.size() >= kMaxCommands) return;
  std::string key = command.shell ? *command.shell : command.argv.front();
  for (const auto& c : out) {
    if ((c.shell ? *c.shell : c.argv.front()) == key) return;
  }
  out.push_back(std::move(command));
}

// Calls `read(entry, text)` for each file of the app's own code: the Go
// files go build compiles on Linux, or the JavaScript and TypeScript that is
// neither a test nor build configuration. At most kMaxFiles are read.
template <typename Read>
void forEachAppFile(const analysis::BuildContext& context, const std::string& language, Read read) {
  if (!context.known() || (language != "go" && language != "node" && language != "cpp")) return;
  std::size_t files = 0;
  for (const auto& entry : context.entries()) {
    if (files >= kMaxFiles) return;
    if (language == "cpp") {
      if (!isCppSource(entry) || skippedCppPath(entry)) continue;
      ++files;
      read(entry, context.readText(entry));
      continue;
    }
    if (language == "go") {
      if (!entry.ends_with(".go") || skippedGoPath(entry)) continue;
      ++files;
      std::string text = context.readText(entry);
      if (analysis::goFileBuildsOnLinux(baseName(entry), text)) read(entry, text);
      continue;
    }
    if (!node::isAppSourceFile(entry)) continue;
    ++files;
    read(entry, context.readText(entry));
  }
}

}  // namespace

std::vector<migrate::ContainerCommand> childProcessCalls(const std::string& path, const std::string& text) {
  std::vector<migrate::ContainerCommand> out;
  if (text.find("child_process") == std::string::npos) return out;
  Bindings b = readBindings(text);
  std::vector<std::pair<std::size_t, std::string>> calls = b.directCalls;
  for (const auto& ns : b.namespaces) {
    for (std::size_t paren : callsOf(text, ns, true)) calls.emplace_back(paren, functionBefore(text, paren));
  }
  for (const auto& [local, function] : b.functions) {
    for (std::size_t paren : callsOf(text, local, false)) calls.emplace_back(paren, function);
  }
  std::sort(calls.begin(), calls.end());
  for (const auto& [paren, function] : calls) {
    bool program = kProgramFunctions.count(function) > 0;
    if (!program && !kShellFunctions.count(function)) continue;
    if (inComment(text, paren)) continue;
    auto literal = literalAt(text, skipSpaceForward(text, paren + 1));
    if (!literal) continue;
    std::size_t first = literal->find_first_not_of(" \t\n");
    if (first == std::string::npos) continue;
    migrate::ContainerCommand c;
    c.source = path + ":" + std::to_string(lineAt(text, paren)) + " (child_process." + function + ")";
    c.key = "app";
    if (program) c.argv = {*literal};
    else c.shell = *literal;
    addUnique(out, std::move(c));
  }
  return out;
}

std::vector<ListenPort> nodeListenPorts(const std::string& path, const std::string& text) {
  std::vector<ListenPort> out;
  constexpr std::size_t kMax = 16;
  auto number = [&](std::size_t at) {
    int port = 0;
    std::size_t digits = 0;
    while (at + digits < text.size() && digits < 6 && std::isdigit(static_cast<unsigned char>(text[at + digits]))) {
      port = port * 10 + (text[at + digits] - '0');
      ++digits;
    }
    bool whole = digits > 0 && digits < 6 && (at + digits >= text.size() || !identifierChar(text[at + digits]));
    return whole ? port : 0;
  };
  // app.listen(80 ...) / server.listen(443, ...)
  for (std::size_t at = text.find(".listen("); at != std::string::npos && out.size() < kMax;
       at = text.find(".listen(", at + 1)) {
    if (inComment(text, at)) continue;
    if (int port = number(skipSpaceForward(text, at + 8)); port > 0) {
      out.push_back({port, path + ":" + std::to_string(lineAt(text, at)), false});
    }
  }
  // process.env.PORT || 80, process.env.PORT ?? 80
  for (std::size_t at = text.find("process.env.PORT"); at != std::string::npos && out.size() < kMax;
       at = text.find("process.env.PORT", at + 1)) {
    std::size_t end = at + 16;
    if (end < text.size() && identifierChar(text[end])) continue;  // PORTAL
    if (inComment(text, at)) continue;
    std::size_t op = skipSpaceForward(text, end);
    if (text.compare(op, 2, "||") != 0 && text.compare(op, 2, "??") != 0) continue;
    if (int port = number(skipSpaceForward(text, op + 2)); port > 0) {
      out.push_back({port, path + ":" + std::to_string(lineAt(text, at)), true});
    }
  }
  return out;
}

// Whether an open call (the path literal at `argument`) asks to write: Node's
// flags ('w', 'a', 'r+', ...; none means 'r') or Go's os.O_WRONLY, O_RDWR,
// O_CREATE, O_APPEND. Flags restage cannot read count as writing.
bool opensForWriting(std::string_view text, std::size_t argument) {
  // The text of the call's arguments after the path, to its closing ')'.
  std::size_t end = text.find(')', argument);
  if (end == std::string_view::npos || end - argument > 400) return true;
  std::string_view rest = text.substr(argument, end - argument);
  std::size_t comma = rest.find(',');
  if (comma == std::string_view::npos) return false;  // no flags: read only
  std::string_view flags = rest.substr(comma + 1);
  if (flags.find("O_") != std::string_view::npos) {
    for (const char* w : {"O_WRONLY", "O_RDWR", "O_CREATE", "O_APPEND", "O_TRUNC"}) {
      if (flags.find(w) != std::string_view::npos) return true;
    }
    return false;
  }
  auto literal = literalAt(text, skipSpaceForward(text, argument + comma + 1));
  if (!literal) return true;
  return literal->find_first_of("wa+") != std::string::npos;
}

namespace {

// A sqlite DSN or file name as a path: "file:data.db?cache=shared" -> data.db;
// "" for an in-memory database.
std::string sqliteFile(std::string name) {
  if (name.starts_with("file:")) name = name.substr(5);
  name = name.substr(0, name.find('?'));
  if (name.empty() || name == ":memory:" || name.starts_with("memdb")) return "";
  return name;
}

// The second argument of the call whose '(' is at `paren`, when the first is
// a literal: sql.Open("sqlite3", "./device.db") -> ("sqlite3", "./device.db").
std::optional<std::pair<std::string, std::string>> twoLiterals(std::string_view text, std::size_t argument) {
  auto first = literalAt(text, argument);
  if (!first) return std::nullopt;
  std::size_t close = text.find(text[argument], argument + 1);
  std::size_t comma = skipSpaceForward(text, close + 1);
  if (comma >= text.size() || text[comma] != ',') return std::nullopt;
  auto second = literalAt(text, skipSpaceForward(text, comma + 1));
  if (!second) return std::nullopt;
  return std::make_pair(*first, *second);
}

struct WriteCall {
  std::string call;     // text up to and including '('
  bool folder = false;  // makes a folder
  enum class Check { None, OpenFlags, FopenMode, Sqlite } check = Check::None;
  bool member = false;  // Node: only as a member (fs.open), never a bare open(
};

const std::vector<WriteCall>& callsFor(const std::string& language) {
  using C = WriteCall::Check;
  static const std::vector<WriteCall> go{{"os.WriteFile(", false, C::None, false}, {"os.Create(", false, C::None, false},
                                         {"os.OpenFile(", false, C::OpenFlags, false}, {"os.Mkdir(", true, C::None, false},
                                         {"os.MkdirAll(", true, C::None, false}, {"ioutil.WriteFile(", false, C::None, false},
                                         {"sql.Open(", false, C::Sqlite, false}, {"sqlx.Open(", false, C::Sqlite, false},
                                         {"sqlx.Connect(", false, C::Sqlite, false}, {"sqlite.Open(", false, C::None, false}};
  static const std::vector<WriteCall> node{{"writeFile(", false, C::None, true}, {"writeFileSync(", false, C::None, true},
                                           {"appendFile(", false, C::None, true}, {"appendFileSync(", false, C::None, true},
                                           {"mkdir(", true, C::None, true}, {"mkdirSync(", true, C::None, true},
                                           {"createWriteStream(", false, C::None, true}, {"open(", false, C::OpenFlags, true},
                                           {"openSync(", false, C::OpenFlags, true}, {"Database(", false, C::None, false}};
  static const std::vector<WriteCall> cpp{{"fopen(", false, C::FopenMode, false}, {"freopen(", false, C::FopenMode, false},
                                          {"creat(", false, C::None, false}, {"open(", false, C::OpenFlags, false},
                                          {"mkdir(", true, C::None, false}, {"create_directory(", true, C::None, false},
                                          {"create_directories(", true, C::None, false}, {"sqlite3_open(", false, C::None, false},
                                          {"sqlite3_open_v2(", false, C::None, false}};
  return language == "go" ? go : language == "node" ? node : cpp;
}

// `std::ofstream out("log.txt")`, `ofstream out{"x"}`: the literal after the
// variable's name; `std::ofstream("x")` has none.
std::optional<std::size_t> ofstreamArgument(std::string_view text, std::size_t at) {
  std::size_t after = at + 8;  // "ofstream"
  std::size_t name = skipSpaceForward(text, after);
  std::size_t end = name;
  while (end < text.size() && identifierChar(text[end])) ++end;
  std::size_t open = skipSpaceForward(text, end);
  if (open >= text.size() || (text[open] != '(' && text[open] != '{')) return std::nullopt;
  return skipSpaceForward(text, open + 1);
}

}  // namespace

std::vector<AppWrite> sourceWrites(const std::string& path, const std::string& text, const std::string& language) {
  std::vector<std::pair<std::size_t, AppWrite>> found;  // by offset, so in the file's order
  constexpr std::size_t kMax = 16;
  auto keep = [&](std::size_t at, std::string literal, bool folder) {
    if (literal.empty() || found.size() >= kMax) return;
    found.push_back({at, {std::move(literal), path + ":" + std::to_string(lineAt(text, at)), folder}});
  };
  for (const auto& call : callsFor(language)) {
    for (std::size_t at = text.find(call.call); at != std::string::npos && found.size() < kMax;
         at = text.find(call.call, at + 1)) {
      if (at > 0 && identifierChar(text[at - 1])) continue;  // rewriteFile(, os.Createx(
      if (call.member && (at == 0 || text[at - 1] != '.')) continue;
      if (inComment(text, at)) continue;
      // Node: `new Database('app.db')` (better-sqlite3) or `new sqlite3.Database(...)`.
      if (call.call == "Database(") {
        std::size_t before = skipSpaceBack(text, at);
        bool member = before != std::string_view::npos && text[before] == '.';
        if (!member && identifierEndingAt(text, before) != "new") continue;
      }
      // C: `open(` only as a plain call, not `x.open(` (a stream's, read below).
      if (language == "cpp" && call.call == "open(" && at > 0 && (text[at - 1] == '.' || text[at - 1] == '>')) continue;
      std::size_t argument = skipSpaceForward(text, at + call.call.size());
      if (call.check == WriteCall::Check::Sqlite) {
        auto both = twoLiterals(text, argument);
        if (!both || both->first.find("sqlite") == std::string::npos) continue;
        keep(at, sqliteFile(both->second), false);
        continue;
      }
      auto literal = literalAt(text, argument);
      if (!literal) continue;
      if (call.check == WriteCall::Check::OpenFlags && !opensForWriting(text, argument)) continue;
      if (call.check == WriteCall::Check::FopenMode) {
        std::size_t close = text.find(text[argument], argument + 1);
        std::size_t comma = close == std::string_view::npos ? close : skipSpaceForward(text, close + 1);
        if (comma >= text.size() || text[comma] != ',') continue;
        auto mode = literalAt(text, skipSpaceForward(text, comma + 1));
        if (mode && mode->find_first_of("wa+") == std::string::npos) continue;  // a mode restage cannot read counts
      }
      bool sqlite = call.call.starts_with("sqlite") || call.call == "Database(";
      keep(at, sqlite ? sqliteFile(*literal) : *literal, call.folder);
    }
  }
  // C++: std::ofstream out("file") (an ofstream always writes).
  if (language == "cpp") {
    for (std::size_t at = text.find("ofstream"); at != std::string::npos && found.size() < kMax; at = text.find("ofstream", at + 1)) {
      if ((at > 0 && identifierChar(text[at - 1])) || inComment(text, at)) continue;
      auto argument = ofstreamArgument(text, at);
      if (!argument) continue;
      if (auto literal = literalAt(text, *argument)) keep(at, *literal, false);
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<AppWrite> out;
  for (auto& f : found) {
    bool again = std::any_of(out.begin(), out.end(), [&](const AppWrite& w) { return w.path == f.second.path && w.where == f.second.where; });
    if (!again) out.push_back(std::move(f.second));
  }
  return out;
}

AppCode readAppCode(const analysis::BuildContext& context, const std::string& language) {
  AppCode code;
  forEachAppFile(context, language, [&](const std::string& entry, const std::string& text) {
    if (language == "cpp") {
      // Only writes: what a C++ program runs is found elsewhere.
    } else if (language == "node") {
      for (auto& c : childProcessCalls(entry, text)) addUnique(code.programs, std::move(c));
      for (auto& l : nodeListenPorts(entry, text)) {
        if (code.ports.size() < kMaxCommands) code.ports.push_back(std::move(l));
      }
    } else {
      for (const auto& call : analysis::goExecCalls(text)) {
        migrate::ContainerCommand c;
        c.source = entry + ":" + std::to_string(call.line) + " (" + call.function + ")";
        c.key = "app";
        c.argv = {call.program};
        addUnique(code.programs, std::move(c));
      }
      for (const auto& l : analysis::goListenPorts(text)) {
        if (code.ports.size() < kMaxCommands) code.ports.push_back({l.port, entry + ":" + std::to_string(l.line), false});
      }
    }
    for (auto& w : sourceWrites(entry, text, language)) {
      if (code.writes.size() < kMaxCommands) code.writes.push_back(std::move(w));
    }
  });
  return code;
}

}  // namespace restage::transforms
