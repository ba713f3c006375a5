#include "analysis/StageFacts.h"

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
  std::string combined = (!path.empty() && path[0] == '/') ? path : dir + "/" + path;
  std::vector<std::string> parts;
  std::stringstream ss(combined);
  std::string part;
  while (std::getline(ss, part, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

std::optional<std::string> StageFacts::envValue(const std::string& key) const {
  std::optional<std::string> v;
  for (const auto& [k, value] : env) {
    if (k == key) v = value;
  }
  return v;
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

StageFacts analyzeStage(const ast::Document& doc, const ast::Stage& stage) {
  StageFacts f;
  f.stage = &stage;
  f.base = ImageRef::parse(stage.base);
  std::string workdir = "/";
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const auto& ins = doc.instructions[i];
    using K = ast::InstructionKind;
    switch (ins.kind) {
      case K::Workdir:
        if (const auto* a = ins.as<ast::StringArgs>(); a && a->value) workdir = joinPath(workdir, a->value->text);
        break;
      case K::Env:
        if (const auto* a = ins.as<ast::KeyValueArgs>()) {
          for (const auto& kv : a->pairs) f.env.emplace_back(kv.key.text, unquote(kv.value.text));
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
      case K::Copy: case K::Add:
        f.copies.push_back(i);
        if (const auto* a = ins.as<ast::CopyArgs>(); a && a->destination) {
          f.copyDestinations.push_back(joinPath(workdir, a->destination->text));
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
        for (const auto& text : scripts) {
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
