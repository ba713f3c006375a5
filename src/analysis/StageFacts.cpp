#include "analysis/StageFacts.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace restage::analysis {

ImageRef ImageRef::parse(const std::string& raw) {
  ImageRef ref;
  ref.raw = raw;
  ref.hasVariable = raw.find('$') != std::string::npos;
  std::string s = raw;
  auto at = s.find('@');
  if (at != std::string::npos) s = s.substr(0, at);
  auto slash = s.rfind('/');
  auto colon = s.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    ref.name = s.substr(0, colon);
    ref.tag = s.substr(colon + 1);
  } else {
    ref.name = s;
  }
  for (const char* prefix : {"docker.io/library/", "docker.io/", "index.docker.io/library/"}) {
    if (ref.name.rfind(prefix, 0) == 0 && std::string(prefix).size() < ref.name.size()) {
      ref.name = ref.name.substr(std::string(prefix).size());
      break;
    }
  }
  return ref;
}

std::string ImageRef::shortName() const {
  auto slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

std::string joinPath(const std::string& dir, const std::string& path) {
  // Called in loops over every PATH folder and COPY of a stage: segments are
  // taken in place, without a stream (a stringstream per call was 8% of a
  // batch's instructions).
  bool absolute = !path.empty() && path[0] == '/';
  std::string out;
  out.reserve(dir.size() + path.size() + 2);
  auto add = [&](std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t slash = text.find('/', start);
      if (slash == std::string_view::npos) slash = text.size();
      std::string_view part = text.substr(start, slash - start);
      start = slash + 1;
      if (part.empty() || part == ".") continue;
      if (part == "..") {
        std::size_t last = out.rfind('/');
        out.erase(last == std::string::npos ? 0 : last);
        continue;
      }
      out += '/';
      out += part;
    }
  };
  if (!absolute) add(dir);
  add(path);
  return out.empty() ? "/" : out;
}

std::string StageFacts::path() const {
  return envValue("PATH").value_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
}

std::vector<std::string> StageFacts::pathFolders() const {
  std::vector<std::string> folders;
  std::string all = path();
  for (std::size_t start = 0; start <= all.size();) {
    std::size_t end = std::min(all.find(':', start), all.size());
    std::string folder = all.substr(start, end - start);
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    if (!folder.empty()) folders.push_back(folder);
    start = end + 1;
  }
  return folders;
}

std::optional<std::string> StageFacts::envValue(const std::string& key) const {
  std::optional<std::string> v;
  for (const auto& [k, value] : env) {
    if (k == key) v = value;
  }
  if (!v) {
    if (auto it = imageEnv.find(key); it != imageEnv.end()) v = it->second;
  }
  return v;
}

namespace {

bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Dockerfile-style substitution of $NAME and ${NAME} (no modifiers) with
// lookup(name); a name lookup does not know stays as written.
template <typename Lookup>
std::string expandWith(const std::string& text, Lookup lookup) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() && text[i + 1] == '$') {
      out += text.substr(i, 2);
      ++i;
      continue;
    }
    if (c != '$' || i + 1 >= text.size()) {
      out += c;
      continue;
    }
    std::size_t start = i + 1, end = start;
    bool braced = text[start] == '{';
    if (braced) ++start;
    end = start;
    while (end < text.size() && isNameChar(text[end])) ++end;
    if (end == start || (braced && (end >= text.size() || text[end] != '}'))) {
      out += c;
      continue;
    }
    std::string name = text.substr(start, end - start);
    std::size_t next = braced ? end + 1 : end;
    if (auto value = lookup(name)) {
      out += *value;
    } else {
      out += text.substr(i, next - i);
    }
    i = next - 1;
  }
  return out;
}

}  // namespace

std::string expandVariables(const std::string& text, const std::map<std::string, std::string>& values) {
  return expandWith(text, [&values](const std::string& name) -> std::optional<std::string> {
    if (auto it = values.find(name); it != values.end()) return it->second;
    return std::nullopt;
  });
}

std::string StageFacts::expand(const std::string& text) const {
  return expandWith(text, [this](const std::string& name) { return envValue(name); });
}

namespace {

// ENV values keep their quotes in the AST; this is the value a process sees
// for the simple cases (quotes removed, no expansion).
std::string unquote(const std::string& v) {
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\''))) {
    return v.substr(1, v.size() - 2);
  }
  return v;
}

std::vector<std::string> execArgv(const ast::CommandLine& c) {
  std::vector<std::string> out;
  for (const auto& v : c.argv) out.push_back(v.text);
  return out;
}

}  // namespace

bool isRootUser(const std::string& user) {
  return user == "root" || user == "0" || user.starts_with("0:") || user.starts_with("root:");
}

bool StageFacts::runsAsRoot() const { return !finalUser || isRootUser(*finalUser); }

DistroPackages installedPackages(const StageFacts& facts) {
  DistroPackages d;
  for (const auto& rc : facts.commands) {
    const auto& a = rc.argv;
    bool apk = a.size() >= 2 && a[0] == "apk" && a[1] == "add";
    bool apt = a.size() >= 2 && (a[0] == "apt-get" || a[0] == "apt") && a[1] == "install";
    if (!apk && !apt) continue;
    d.manager = apk ? "apk" : "apt";
    for (std::size_t i = 2; i < a.size(); ++i) {
      if (a[i] == "--virtual" || a[i] == "-t") {
        ++i;
        continue;
      }
      if (!a[i].empty() && a[i][0] != '-') d.names.insert(a[i].substr(0, a[i].find('=')));
    }
  }
  return d;
}

bool isUnder(const std::string& path, const std::string& dir) {
  if (dir == "/") return true;
  return path == dir || path.rfind(dir + "/", 0) == 0;
}

std::optional<StageFacts::StartCommand> StageFacts::start() const {
  const ast::CommandArgs* ep = entrypoint ? entrypoint->as<ast::CommandArgs>() : nullptr;
  const ast::CommandArgs* c = cmd ? cmd->as<ast::CommandArgs>() : nullptr;
  if (!ep && !c) return std::nullopt;
  StartCommand s;
  if (ep) {
    s.fromEntrypoint = true;
    if (!ep->command.exec) {
      s.shellForm = true;  // a shell-form ENTRYPOINT ignores CMD
      s.script = ep->command.script.text;
      return s;
    }
    s.argv = execArgv(ep->command);
    if (c) {
      if (c->command.exec) {
        auto more = execArgv(c->command);
        s.argv.insert(s.argv.end(), more.begin(), more.end());
      } else {
        s.argv.push_back("/bin/sh");
        s.argv.push_back("-c");
        s.argv.push_back(c->command.script.text);
      }
    }
    return s;
  }
  if (!c->command.exec) {
    s.shellForm = true;
    s.script = c->command.script.text;
    return s;
  }
  s.argv = execArgv(c->command);
  return s;
}

namespace {

// The number a port word starts with ("80", "80/tcp", "80-90"), when it is
// one.
std::optional<int> portNumber(const std::string& word) {
  std::size_t digits = 0;
  while (digits < word.size() && digits < 6 && std::isdigit(static_cast<unsigned char>(word[digits]))) ++digits;
  if (digits == 0 || digits == 6) return std::nullopt;
  if (digits < word.size() && word[digits] != '/' && word[digits] != '-') return std::nullopt;
  return std::stoi(word.substr(0, digits));
}

}  // namespace

std::optional<StageFacts::PrivilegedPort> StageFacts::privilegedPort() const {
  for (const auto& word : exposed) {
    auto port = portNumber(word);
    if (port && *port > 0 && *port < 1024) return PrivilegedPort{*port, true};
  }
  if (auto value = envValue("PORT")) {
    bool number = !value->empty() && value->find_first_not_of("0123456789") == std::string::npos;
    auto port = number ? portNumber(*value) : std::nullopt;
    if (port && *port > 0 && *port < 1024) return PrivilegedPort{*port, false};
  }
  return std::nullopt;
}

namespace {

// The source offset of byte `at` of `text`, which BuildKit read from the
// source bytes `range` by dropping line continuations (the escape character
// and its line break) and the comment and empty lines between continued
// lines. Nothing when the bytes do not line up that way.
std::optional<std::size_t> sourceOffsetOf(const std::string& source, const ast::SourceRange& range, const std::string& text,
                                          std::size_t at, char escape) {
  if (range.end > source.size() || at >= text.size()) return std::nullopt;
  auto lineBreak = [&](std::size_t k) -> std::size_t {  // its length at k, 0 when none
    if (k < range.end && source[k] == '\n') return 1;
    if (k + 1 < range.end && source[k] == '\r' && source[k + 1] == '\n') return 2;
    return 0;
  };
  std::size_t j = range.begin;
  for (std::size_t i = 0; i <= at; ++i) {
    // Continuations, each followed by any comment or empty lines.
    while (j < range.end && source[j] == escape && lineBreak(j + 1)) {
      j += 1 + lineBreak(j + 1);
      while (j < range.end) {
        std::size_t k = j;
        while (k < range.end && (source[k] == ' ' || source[k] == '\t')) ++k;
        if (k < range.end && source[k] == '#') {
          while (k < range.end && !lineBreak(k)) ++k;
        }
        if (!lineBreak(k)) break;
        j = k + lineBreak(k);
      }
    }
    if (j >= range.end || source[j] != text[i]) return std::nullopt;
    if (i == at) return j;
    ++j;
  }
  return std::nullopt;
}

}  // namespace

StageFacts analyzeStage(const ast::Document& doc, const ast::Stage& stage,
                        const std::map<std::string, std::string>& imageEnv, const std::string& imageWorkdir) {
  StageFacts f;
  f.stage = &stage;
  f.imageEnv = imageEnv;
  // What an instruction sees so far: the image's ENV, then the stage's.
  auto seen = [&f](const std::string& text) { return f.expand(text); };
  f.base = ImageRef::parse(stage.base);
  f.imageWorkdir = imageWorkdir;
  std::string workdir = imageWorkdir;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const auto& ins = doc.instructions[i];
    using K = ast::InstructionKind;
    switch (ins.kind) {
      case K::Workdir:
        if (const auto* a = ins.as<ast::StringArgs>(); a && a->value) workdir = joinPath(workdir, seen(a->value->text));
        break;
      case K::Env:
        if (const auto* a = ins.as<ast::KeyValueArgs>()) {
          // Every pair sees the values from before this instruction.
          std::vector<std::pair<std::string, std::string>> pairs;
          for (const auto& kv : a->pairs) {
            bool single = kv.value.text.starts_with('\'');
            pairs.emplace_back(kv.key.text, single ? unquote(kv.value.text) : seen(unquote(kv.value.text)));
          }
          f.env.insert(f.env.end(), pairs.begin(), pairs.end());
          f.envInstructions.insert(f.envInstructions.end(), pairs.size(), i);
        }
        break;
      case K::User:
        if (const auto* a = ins.as<ast::StringArgs>(); a && a->value) f.finalUser = a->value->text;
        break;
      case K::Cmd:
        f.cmd = &ins;
        f.cmdIndex = i;
        break;
      case K::Entrypoint:
        f.entrypoint = &ins;
        f.entrypointIndex = i;
        f.cmd = nullptr;  // a new ENTRYPOINT resets an earlier CMD
        break;
      case K::Expose:
        if (const auto* a = ins.as<ast::ListArgs>()) {
          for (const auto& item : a->items) f.exposed.push_back(seen(item.text));
        }
        break;
      case K::Volume:
        if (const auto* a = ins.as<ast::ListArgs>()) {
          // A relative VOLUME is read against /, whatever the WORKDIR (Docker's rule).
          for (const auto& item : a->items) {
            f.volumes.push_back(joinPath("/", seen(unquote(item.text))));
            f.volumeInstructions.push_back(i);
          }
        }
        break;
      case K::Copy: case K::Add:
        f.copies.push_back(i);
        if (const auto* a = ins.as<ast::CopyArgs>(); a && a->destination) {
          f.copyDestinations.push_back(joinPath(workdir, seen(a->destination->text)));
        }
        break;
      case K::Run: {
        const auto* a = ins.as<ast::RunArgs>();
        if (!a) break;
        std::vector<std::string> scripts;
        if (a->command.exec) {
          RunCommand rc;
          rc.instruction = i;
          rc.cwd = workdir;
          for (const auto& v : a->command.argv) rc.argv.push_back(v.text);
          f.commands.push_back(std::move(rc));
          break;
        }
        scripts.push_back(a->command.script.text);
        for (const auto& h : ins.heredocs) scripts.push_back(h.content);
        for (std::size_t n = 0; n < scripts.size(); ++n) {
          const std::string& text = scripts[n];
          // Where the text's bytes are in the source: the script is the
          // source without its line continuations; a heredoc body is as written.
          auto sourceOffset = [&](std::size_t at) -> std::optional<std::size_t> {
            if (n > 0) return ins.heredocs[n - 1].body.begin + at;
            return sourceOffsetOf(doc.source, a->command.script.range, text, at, doc.escape);
          };
          shell::Script script = shell::parse_shell(text);
          if (!script.ok()) f.shellParseErrors = true;
          // The directory each shell scope is in; a `cd` changes its own scope.
          std::vector<std::string> scopeCwd(script.scopes.size(), workdir);
          for (std::size_t s = 1; s < script.scopes.size(); ++s) scopeCwd[s] = scopeCwd[script.scopes[s].parent];
          for (const auto& cmd : script.commands) {
            std::string& cwd = scopeCwd[cmd.scope < scopeCwd.size() ? cmd.scope : 0];
            if (const shell::Word* target = shell::cd_target(cmd)) {
              if (target->is_literal()) cwd = joinPath(cwd, target->literal);
              continue;
            }
            RunCommand rc;
            rc.instruction = i;
            rc.cwd = cwd;
            rc.argv = shell::argv_literals(cmd);
            for (const auto& asg : cmd.assignments) rc.assignments[asg.name] = asg.value.literal;
            for (const auto& r : cmd.redirects) {
              bool output = r.op == ">" || r.op == ">>" || r.op == ">|" || r.op == "&>" || r.op == "&>>" || r.op == "<>";
              if (output) rc.writes.push_back(r.target.literal);
            }
            rc.fedByPipe = cmd.connector == shell::Connector::Pipe;
            if (!cmd.words.empty()) {
              const shell::Word& name = cmd.words.front();
              auto at = sourceOffset(name.begin);
              if (at && doc.source.compare(*at, name.text.size(), name.text) == 0) rc.nameOffset = at;
            }
            if (!rc.argv.empty()) f.commands.push_back(std::move(rc));
          }
        }
        break;
      }
      default:
        break;
    }
  }
  f.finalWorkdir = workdir;
  return f;
}

}  // namespace restage::analysis
