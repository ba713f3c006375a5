#include "analysis/Effects.h"

#include <algorithm>
#include <set>

namespace restage::analysis {

std::string_view effectKindName(EffectKind kind) {
  switch (kind) {
    case EffectKind::Package: return "package";
    case EffectKind::Path: return "path";
    case EffectKind::User: return "user";
    case EffectKind::Group: return "group";
    case EffectKind::Program: return "program";
  }
  return "path";
}

std::string_view needName(Need need) {
  switch (need) {
    case Need::BuildOnly: return "build-only";
    case Need::Runtime: return "runtime";
    case Need::Unknown: return "unknown";
  }
  return "unknown";
}

std::vector<const Effect*> StageEffects::of(Need need) const {
  std::vector<const Effect*> out;
  for (const auto& e : effects) {
    if (e.need == need) out.push_back(&e);
  }
  return out;
}

std::vector<const Effect*> StageEffects::of(EffectKind kind, Need need) const {
  std::vector<const Effect*> out;
  for (const auto& e : effects) {
    if (e.kind == kind && e.need == need) out.push_back(&e);
  }
  return out;
}

std::string StageEffects::packageManager() const {
  std::string manager;
  for (const auto& e : effects) {
    if (e.kind == EffectKind::Package) manager = e.manager;
  }
  return manager;
}

namespace {

bool contains(const nlohmann::json& list, const std::string& value) {
  for (const auto& v : list) {
    if (v.get<std::string>() == value) return true;
  }
  return false;
}

bool isOption(const std::string& w) { return w.size() > 1 && w[0] == '-'; }

std::string baseOf(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

// The words after the program that are not options, with the values of the
// options listed in `valued` skipped.
std::vector<std::string> operands(const std::vector<std::string>& argv, const std::set<std::string>& valued = {}) {
  std::vector<std::string> out;
  bool endOfOptions = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    if (!endOfOptions && w == "--") {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && isOption(w)) {
      if (valued.count(w)) ++i;
      continue;
    }
    out.push_back(w);
  }
  return out;
}

std::optional<std::string> valueOf(const std::vector<std::string>& argv, std::initializer_list<const char*> flags) {
  for (std::size_t i = 1; i < argv.size(); ++i) {
    for (const char* f : flags) {
      std::string flag(f);
      if (argv[i] == flag && i + 1 < argv.size()) return argv[i + 1];
      if (flag.size() > 2 && argv[i].rfind(flag + "=", 0) == 0) return argv[i].substr(flag.size() + 1);
    }
  }
  return std::nullopt;
}

bool hasFlag(const std::vector<std::string>& argv, std::initializer_list<const char*> flags) {
  for (std::size_t i = 1; i < argv.size(); ++i) {
    for (const char* f : flags) {
      if (argv[i] == f) return true;
    }
  }
  return false;
}

class Builder {
 public:
  Builder(const EffectInput& in, const nlohmann::json& rules) : in_(in), rules_(rules) {}

  StageEffects run() {
    const auto& f = in_.facts;
    std::string workdir = f.imageWorkdir;
    for (std::size_t i = f.stage->from + 1; i < f.stage->end; ++i) {
      const auto& ins = in_.doc.instructions[i];
      if (ins.kind == ast::InstructionKind::Workdir) {
        if (const auto* a = ins.as<ast::StringArgs>(); a && a->value) workdir = joinPath(workdir, f.expand(a->value->text));
      } else if (ins.kind == ast::InstructionKind::Copy || ins.kind == ast::InstructionKind::Add) {
        copy(i, ins, workdir);
      } else if (ins.kind == ast::InstructionKind::Run) {
        for (const auto& rc : f.commands) {
          if (rc.instruction == i) command(rc);
        }
      }
    }
    classify();
    return std::move(out_);
  }

 private:
  std::size_t lineOf(std::size_t instruction) const {
    return in_.doc.lines.line(in_.doc.instructions[instruction].lines.begin);
  }

  Effect& add(EffectKind kind, std::size_t instruction, std::string subject, std::string how) {
    Effect e;
    e.kind = kind;
    e.instruction = instruction;
    e.line = lineOf(instruction);
    e.subject = std::move(subject);
    e.how = std::move(how);
    out_.effects.push_back(std::move(e));
    return out_.effects.back();
  }

  // A path as the image sees it; nullopt when a variable or glob hides it.
  std::optional<std::string> resolve(const std::string& cwd, const std::string& word) const {
    std::string w = in_.facts.expand(word);
    if (w.empty() || w.find_first_of("$`*?[") != std::string::npos) return std::nullopt;
    return joinPath(cwd, w);
  }

  void pathEffect(std::size_t instruction, const std::string& cwd, const std::string& word, const std::string& how,
                  bool directory) {
    if (auto p = resolve(cwd, word)) {
      Effect& e = add(EffectKind::Path, instruction, *p, how);
      e.directory = directory;
    } else {
      Effect& e = add(EffectKind::Path, instruction, word, how);
      e.need = Need::Unknown;
      e.reason = "line " + std::to_string(e.line) + " " + how + " writes `" + word + "`, a path restage cannot resolve";
      unresolved_.insert(out_.effects.size() - 1);
    }
  }

  void copy(std::size_t i, const ast::Instruction& ins, const std::string& workdir) {
    const auto* a = ins.as<ast::CopyArgs>();
    if (!a || !a->destination) return;
    std::string how = std::string(ast::instructionKeyword(ins.kind));
    std::string dest = a->destination->text;
    bool directory = dest.ends_with('/') || a->sources.size() > 1 || dest == "." ||
                     std::any_of(a->sources.begin(), a->sources.end(), [](const auto& s) {
                       return s.text == "." || s.text == "./" || s.text.ends_with('/');
                     });
    pathEffect(i, workdir, dest, how, directory);
    if (auto chown = ins.flag("chown")) out_.effects.back().owner = chown->value;
  }

  void command(const RunCommand& rc) {
    const auto& a = rc.argv;
    std::string program = baseOf(a[0]);
    for (const auto& w : rc.writes) pathEffect(rc.instruction, rc.cwd, w, "a redirection", false);
    const auto& managers = rules_.at("package_managers");
    if (managers.contains(program)) return packages(rc, managers.at(program));
    if (program == "mkdir") {
      for (const auto& p : operands(a, {"-m", "--mode"})) pathEffect(rc.instruction, rc.cwd, p, "mkdir", true);
    } else if (program == "touch") {
      for (const auto& p : operands(a, {"-d", "-r", "-t"})) pathEffect(rc.instruction, rc.cwd, p, "touch", false);
    } else if (program == "ln" || program == "cp" || program == "mv" || program == "install") {
      fileCopy(rc, program);
    } else if (program == "chmod" || program == "chown" || program == "chgrp") {
      auto ops = operands(a, {"--reference"});
      if (ops.size() < 2) return;
      for (std::size_t k = 1; k < ops.size(); ++k) {
        pathEffect(rc.instruction, rc.cwd, ops[k], program, false);
        if (program != "chmod") out_.effects.back().owner = ops[0];
      }
    } else if (program == "tee") {
      for (const auto& p : operands(a)) pathEffect(rc.instruction, rc.cwd, p, "tee", false);
    } else if (program == "sed" && hasFlag(a, {"-i", "--in-place"})) {
      auto ops = operands(a, {"-e", "-f"});
      for (std::size_t k = hasFlag(a, {"-e"}) ? 0 : 1; k < ops.size(); ++k) {
        pathEffect(rc.instruction, rc.cwd, ops[k], "sed -i", false);
      }
    } else if (program == "curl" || program == "wget") {
      download(rc, program);
    } else if (program == "tar" || program == "unzip") {
      extract(rc, program);
    } else if (program == "useradd" || program == "adduser" || program == "groupadd" || program == "addgroup" ||
               program == "usermod") {
      account(rc, program);
    } else if (program == "rm") {
      for (const auto& p : operands(a)) {
        if (auto path = resolve(rc.cwd, p)) removed_.push_back({*path, rc.instruction, out_.effects.size()});
      }
    } else if (contains(rules_.at("build_commands"), program) || contains(rules_.at("build_commands"), a[0]) ||
               contains(rules_.at("neutral_commands"), program)) {
      // Running code of the build: `node seed.js`, `go run ./cmd/seed`.
      if (program == "node" && a.size() >= 2 && !isOption(a[1])) programRun(rc, "node " + a[1]);
      if (program == "go" && a.size() >= 3 && a[1] == "run") programRun(rc, "go run " + a[2]);
      return;
    } else {
      programRun(rc, a[0]);
    }
  }

  // A program of the build runs: a script, a built binary, something a
  // download piped in. Its writes cannot be seen.
  void programRun(const RunCommand& rc, const std::string& what) {
    std::string program = baseOf(rc.argv[0]);
    bool runner = contains(rules_.at("program_runners"), program);
    Effect& e = add(EffectKind::Program, rc.instruction, what, "runs");
    if (rc.fedByPipe && runner) {
      e.need = Need::Unknown;
      e.reason = "line " + std::to_string(e.line) + " pipes a download into " + program +
                 ", which may install anything anywhere";
    } else {
      // It may write anywhere (a database under /var/lib, a file in /etc):
      // what it leaves cannot be read from the Dockerfile.
      e.need = Need::Unknown;
      e.reason = "line " + std::to_string(e.line) + " runs `" + what + "`, a program of the build whose writes restage cannot see";
    }
  }

  void fileCopy(const RunCommand& rc, const std::string& program) {
    const auto& a = rc.argv;
    std::set<std::string> valued{"-t", "--target-directory", "-S", "--suffix"};
    if (program == "install") valued.insert({"-m", "--mode", "-o", "--owner", "-g", "--group"});
    auto ops = operands(a, valued);
    if (program == "install" && hasFlag(a, {"-d", "--directory"})) {
      for (const auto& p : ops) pathEffect(rc.instruction, rc.cwd, p, "install -d", true);
      return;
    }
    if (auto target = valueOf(a, {"-t", "--target-directory"})) {
      for (const auto& src : ops) pathEffect(rc.instruction, rc.cwd, joinPath(*target, baseOf(src)), program, false);
      return;
    }
    if (ops.size() < (program == "ln" ? 1u : 2u)) return;
    std::string dest = ops.back();
    if (program == "ln" && ops.size() == 1) dest = baseOf(ops[0]);
    bool intoDir = dest.ends_with('/') || ops.size() > 2;
    if (intoDir && ops.size() == 2) dest = joinPath(dest, baseOf(ops[0]));
    pathEffect(rc.instruction, rc.cwd, dest, program, intoDir && ops.size() > 2);
    if (program == "install") {
      if (auto owner = valueOf(a, {"-o", "--owner"})) out_.effects.back().owner = *owner;
    }
  }

  void download(const RunCommand& rc, const std::string& program) {
    const auto& a = rc.argv;
    std::string url;
    for (const auto& w : operands(a, {"-o", "--output", "-O", "-P", "-H", "--header", "-u", "--user", "-d", "--data",
                                      "-X", "--request", "-A", "--user-agent", "--output-dir", "-e", "-T", "-w", "--retry",
                                      "--connect-timeout", "--max-time", "-m", "--output-document", "--directory-prefix"})) {
      if (w.find("://") != std::string::npos) url = w;
    }
    if (program == "curl") {
      auto out = valueOf(a, {"-o", "--output"});
      std::string dir = valueOf(a, {"--output-dir"}).value_or(rc.cwd);
      if (out && *out != "-" && *out != "/dev/null") pathEffect(rc.instruction, joinPath(rc.cwd, dir), *out, "curl -o", false);
      else if (!out && hasFlag(a, {"-O", "--remote-name"}) && !url.empty()) {
        pathEffect(rc.instruction, joinPath(rc.cwd, dir), baseOf(url), "curl -O", false);
      }
      return;
    }
    auto out = valueOf(a, {"-O", "--output-document"});
    if (out) {
      if (*out != "-" && *out != "/dev/null") pathEffect(rc.instruction, rc.cwd, *out, "wget -O", false);
      return;
    }
    std::string dir = valueOf(a, {"-P", "--directory-prefix"}).value_or(".");
    if (!url.empty() && !hasFlag(a, {"--spider"})) pathEffect(rc.instruction, joinPath(rc.cwd, dir), baseOf(url), "wget", false);
  }

  void extract(const RunCommand& rc, const std::string& program) {
    const auto& a = rc.argv;
    if (program == "unzip") {
      std::string dir = valueOf(a, {"-d"}).value_or(".");
      pathEffect(rc.instruction, rc.cwd, dir, "unzip", true);
      return;
    }
    bool extracting = false;
    std::optional<std::string> archive;
    for (std::size_t i = 1; i < a.size(); ++i) {
      const std::string& w = a[i];
      if (w == "--extract" || w == "--get") extracting = true;
      // `tar xzf F`, `tar -xzf F`: one-letter options run together.
      bool cluster = (i == 1 && !w.empty() && w[0] != '-') || (w.size() > 1 && w[0] == '-' && w[1] != '-');
      if (cluster && w.find('x') != std::string::npos) extracting = true;
      if (cluster && w.find('f') != std::string::npos && i + 1 < a.size()) archive = a[i + 1];
    }
    if (extracting) {
      std::string dir = valueOf(a, {"-C", "--directory"}).value_or(".");
      pathEffect(rc.instruction, rc.cwd, dir, "tar -x", true);
    } else if (archive && *archive != "-") {
      pathEffect(rc.instruction, rc.cwd, *archive, "tar -c", false);
    }
  }

  void account(const RunCommand& rc, const std::string& program) {
    const auto& a = rc.argv;
    bool group = program == "groupadd" || program == "addgroup";
    // `adduser USER GROUP` (Debian) adds a user to a group; BusyBox `addgroup USER GROUP` likewise.
    auto ops = operands(a, {"-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home", "--home-dir", "-s",
                            "--shell", "-c", "--comment", "--gecos", "-h", "-k", "-K", "-e", "-f", "-p", "--ingroup",
                            "-ingroup", "--firstuid", "--lastuid", "-b", "--base-dir"});
    if (ops.empty()) return;
    std::string name = ops.front();
    if (program == "usermod") {
      Effect& e = add(EffectKind::User, rc.instruction, ops.back(), "usermod");
      e.command = join(a);
      e.argv = a;
      return;
    }
    Effect& e = add(group ? EffectKind::Group : EffectKind::User, rc.instruction, name, program);
    e.command = join(a);
    e.argv = a;
    if (group) e.uid = valueOf(a, {"-g", "--gid"});
    else e.uid = valueOf(a, {"-u", "--uid"});
    if (!group) {
      if (auto g = valueOf(a, {"-g", "--gid", "-G", "--ingroup", "-ingroup"})) userGroups_.push_back({name, *g});
    }
  }

  static std::string join(const std::vector<std::string>& argv) {
    std::string s;
    for (const auto& w : argv) s += (s.empty() ? "" : " ") + w;
    return s;
  }

  void packages(const RunCommand& rc, const nlohmann::json& pm) {
    const auto& a = rc.argv;
    if (a.size() < 2) return;
    std::string verb;
    std::size_t at = 1;
    for (; at < a.size(); ++at) {
      if (!isOption(a[at])) {
        verb = a[at];
        break;
      }
      if (contains(rules_.at("package_options_with_value"), a[at])) ++at;
    }
    bool install = contains(pm.at("install"), verb);
    bool remove = contains(pm.at("remove"), verb);
    if (!install && !remove) return;
    std::optional<std::string> virtualName;
    // apt installs Recommends unless told not to, and the image had them.
    bool recommends = pm.at("manager") == "apt";
    for (const auto& w : a) {
      if (w == "--no-install-recommends" || w.find("Install-Recommends=false") != std::string::npos ||
          w.find("Install-Recommends=0") != std::string::npos) {
        recommends = false;
      }
    }
    for (std::size_t i = at + 1; i < a.size(); ++i) {
      const std::string& w = a[i];
      if (w == "--virtual" || w == "-t") {
        if (i + 1 < a.size() && install && pm.at("manager") == "apk") virtualName = a[i + 1];
        ++i;
        continue;
      }
      if (isOption(w)) {
        if (contains(rules_.at("package_options_with_value"), w)) ++i;
        continue;
      }
      std::string name = w.substr(0, w.find('='));
      if (name.empty() || name.find_first_of("$/") != std::string::npos) continue;
      if (remove) {
        removedPackages_.push_back({name, rc.instruction, out_.effects.size()});
        continue;
      }
      Effect& e = add(EffectKind::Package, rc.instruction, name, baseOf(a[0]) + " " + verb);
      e.manager = pm.at("manager").get<std::string>();
      e.recommends = recommends;
      if (virtualName) virtualOf_.push_back({out_.effects.size() - 1, *virtualName});
    }
  }

  // The instruction that removes the path of effects[index] after it was written.
  std::optional<std::size_t> removedAt(const std::string& path, std::size_t index) const {
    for (const auto& r : removed_) {
      if (r.effectsBefore > index && isUnder(path, r.subject)) return r.instruction;
    }
    return std::nullopt;
  }

  void classify() {
    const auto& buildOnlyPrefixes = rules_.at("build_only_path_prefixes");
    std::set<std::string> runtimePrograms;
    for (const auto& p : in_.runtimePrograms) runtimePrograms.insert(baseOf(p));
    for (std::size_t k = 0; k < out_.effects.size(); ++k) {
      Effect& e = out_.effects[k];
      if (e.kind == EffectKind::Package) classifyPackage(e, k, runtimePrograms);
      if (e.kind != EffectKind::Path || unresolved_.count(k)) continue;
      e.inAppFolder = isUnder(e.subject, in_.appFolder) && in_.appFolder != "/";
      std::string prefix;
      for (const auto& p : buildOnlyPrefixes) {
        if (isUnder(e.subject, p.get<std::string>())) prefix = p.get<std::string>();
      }
      if (e.inAppFolder) {
        e.need = Need::Runtime;
        e.reason = "in the app folder " + in_.appFolder;
      } else if (auto at = removedAt(e.subject, k)) {
        e.need = Need::BuildOnly;
        e.reason = "removed again at line " + std::to_string(lineOf(*at));
      } else if (!prefix.empty()) {
        e.need = Need::BuildOnly;
        e.reason = "under " + prefix + ", a build-time location";
      } else {
        e.need = Need::Runtime;
        e.reason = "written outside the app folder at line " + std::to_string(e.line) + " (" + e.how + ")";
      }
    }
    classifyAccounts();
  }

  void classifyPackage(Effect& e, std::size_t index, const std::set<std::string>& runtimePrograms) {
    for (const auto& r : removedPackages_) {
      if (r.effectsBefore > index && r.subject == e.subject) {
        e.need = Need::BuildOnly;
        e.reason = "removed again at line " + std::to_string(lineOf(r.instruction));
        return;
      }
    }
    for (const auto& [effect, group] : virtualOf_) {
      if (effect != index) continue;
      for (const auto& r : removedPackages_) {
        if (r.subject == group && r.effectsBefore > index) {
          e.need = Need::BuildOnly;
          e.reason = "part of the virtual package " + group + ", removed again at line " + std::to_string(lineOf(r.instruction));
          return;
        }
      }
    }
    std::vector<std::string> provides = programsOf(e.subject, rules_);
    const auto& scriptPrograms = in_.script.programs;
    for (const auto& program : provides) {
      if (runtimePrograms.count(program)) {
        e.need = Need::Runtime;
        e.reason = "the start command or HEALTHCHECK runs `" + program + "`";
        return;
      }
      if (std::find(scriptPrograms.begin(), scriptPrograms.end(), program) != scriptPrograms.end()) {
        e.need = Need::Runtime;
        e.reason = "the start script " + in_.script.path + " runs `" + program + "`";
        return;
      }
    }
    for (const auto& other : in_.otherPrograms) {
      for (const auto& program : provides) {
        bool runs = std::any_of(other.programs.begin(), other.programs.end(),
                                [&](const std::string& p) { return baseOf(p) == program; });
        if (!runs) continue;
        e.need = Need::Runtime;
        e.reason = other.source + " runs `" + program + "`";
        return;
      }
    }
    if (in_.unreadScript && isScriptTool(e.subject)) {
      e.need = Need::Unknown;
      e.reason = "line " + std::to_string(e.line) + " installs " + e.subject + ", and " + in_.unreadScriptRunBy + " runs " +
                 *in_.unreadScript + "; it may run " + e.subject;
      return;
    }
    if (isBuildOnlyPackage(e.subject, rules_)) {
      e.need = Need::BuildOnly;
      bool headers = false;
      for (const auto& s : rules_.at("build_only_package_suffixes")) headers |= e.subject.ends_with(s.get<std::string>());
      e.reason = headers ? "headers and link files for building; the libraries the binary links are resolved on their own"
                         : "a compiler, build or download tool";
      return;
    }
    e.need = Need::Runtime;
    e.reason = "installed with " + e.how + " at line " + std::to_string(e.line) + "; not known to be build-only, so kept";
  }

  bool isScriptTool(const std::string& package) const {
    for (const auto& t : rules_.at("start_script_tools")) {
      if (t.get<std::string>() == package) return true;
    }
    return false;
  }

  void classifyAccounts() {
    const auto& f = in_.facts;
    std::set<std::string> runtimeNames;
    if (f.finalUser && !f.runsAsRoot()) {
      std::string u = *f.finalUser;
      auto colon = u.find(':');
      runtimeNames.insert(u.substr(0, colon));
      if (colon != std::string::npos) runtimeNames.insert(u.substr(colon + 1));
    }
    for (const auto& e : out_.effects) {
      if (e.kind != EffectKind::Path || e.need != Need::Runtime || !e.owner) continue;
      auto colon = e.owner->find(':');
      runtimeNames.insert(e.owner->substr(0, colon));
      if (colon != std::string::npos) runtimeNames.insert(e.owner->substr(colon + 1));
    }
    // A runtime user's group is needed too.
    for (const auto& [user, group] : userGroups_) {
      if (runtimeNames.count(user)) runtimeNames.insert(group);
    }
    for (auto& e : out_.effects) {
      if (e.kind != EffectKind::User && e.kind != EffectKind::Group) continue;
      bool used = runtimeNames.count(e.subject) || (e.uid && runtimeNames.count(*e.uid));
      // A group named like a runtime user is that user's own group.
      if (!used && e.kind == EffectKind::Group) {
        for (const auto& other : out_.effects) {
          if (other.kind == EffectKind::User && other.subject == e.subject && runtimeNames.count(other.subject)) used = true;
        }
      }
      e.need = used ? Need::Runtime : Need::BuildOnly;
      e.reason = used ? "the runtime runs as it or owns files with it" : "no USER line or carried file uses it";
    }
  }

  const EffectInput& in_;
  const nlohmann::json& rules_;
  StageEffects out_;
  std::set<std::size_t> unresolved_;
  struct Removal {
    std::string subject;  // a path, or a package name
    std::size_t instruction;
    std::size_t effectsBefore;  // effects recorded before the rm ran
  };
  std::vector<Removal> removed_;
  std::vector<Removal> removedPackages_;
  std::vector<std::pair<std::size_t, std::string>> virtualOf_;        // effect, virtual package
  std::vector<std::pair<std::string, std::string>> userGroups_;       // user, group
};

}  // namespace

std::vector<std::string> programsOf(const std::string& package, const nlohmann::json& rules) {
  std::vector<std::string> programs{package};
  const auto& named = rules.at("package_programs");
  if (auto it = named.find(package); it != named.end()) {
    for (const auto& p : *it) programs.push_back(p.get<std::string>());
  }
  return programs;
}

bool isBuildOnlyPackage(const std::string& name, const nlohmann::json& rules) {
  if (contains(rules.at("build_only_packages"), name)) return true;
  for (const auto& s : rules.at("build_only_package_suffixes")) {
    if (name.ends_with(s.get<std::string>())) return true;
  }
  for (const auto& p : rules.at("build_only_package_prefixes")) {
    if (name.rfind(p.get<std::string>(), 0) == 0) return true;
  }
  return false;
}

StageEffects stageEffects(const EffectInput& in, const nlohmann::json& rules) { return Builder(in, rules).run(); }

}  // namespace restage::analysis

namespace restage::analysis {

namespace {

// A program the base image brings, named by its absolute path
// (`/usr/share/opensearch/bin/opensearch-plugin remove ...`): no step of the
// build wrote it, and it is no interpreter running code of the build. Run in
// a RUN step, it configures the image rather than building something.
bool baseImageProgram(const std::string& program, const StageEffects& effects, const nlohmann::json& rules) {
  if (program.empty() || program[0] != '/' || program.find(' ') != std::string::npos) return false;
  if (contains(rules.at("program_runners"), baseOf(program))) return false;
  return std::none_of(effects.effects.begin(), effects.effects.end(), [&](const Effect& e) {
    return e.kind == EffectKind::Path && (e.need == Need::Unknown || isUnder(program, e.subject));
  });
}

}  // namespace

std::optional<std::string> firstBuildStep(const ast::Document& doc, const StageFacts& facts, const StageEffects& effects,
                                          const nlohmann::json& rules) {
  std::optional<std::pair<std::size_t, std::string>> first;  // instruction, what it does
  auto note = [&](std::size_t instruction, std::string what) {
    if (!first || instruction < first->first) first = {instruction, std::move(what)};
  };
  for (const auto& rc : facts.commands) {
    if (rc.argv.empty()) continue;
    std::string program = baseOf(rc.argv[0]);
    if (contains(rules.at("build_commands"), program) || contains(rules.at("build_commands"), rc.argv[0])) {
      note(rc.instruction, "runs `" + rc.argv[0] + "`, a build tool");
    }
  }
  for (const auto& e : effects.effects) {
    if (e.kind == EffectKind::Package && e.need == Need::BuildOnly) {
      note(e.instruction, "installs " + e.subject + ", a build-only package");
    } else if (e.kind == EffectKind::Program && !baseImageProgram(e.subject, effects, rules)) {
      note(e.instruction, "runs `" + e.subject + "`, a program whose output restage cannot see");
    }
  }
  if (!first) return std::nullopt;
  return "line " + std::to_string(doc.instructions[first->first].startLine) + " " + first->second;
}

}  // namespace restage::analysis
