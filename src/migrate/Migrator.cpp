#include "migrate/Migrator.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "analysis/BuildContext.h"
#include "analysis/StageFacts.h"
#include "analysis/Writability.h"
#include "catalog/Catalog.h"
#include "migrate/DockerfileText.h"
#include "migrate/Plan.h"
#include "migrate/RuntimeCheck.h"
#include "shell/ShellScript.h"
#include "syntax/DockerfileReader.h"
#include "syntax/GoText.h"
#include "templates/Template.h"
#include "templates/TemplateFiles.h"
#include "transforms/AppPrograms.h"
#include "transforms/ContainerCommands.h"
#include "transforms/Planners.h"
#include "transforms/PlannerSupport.h"
#include "transforms/StartScript.h"
#include "transforms/RuntimeEffects.h"
#include "transforms/WritableFolders.h"

namespace restage::migrate {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
std::size_t utf8Length(const std::string& s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong forms and surrogates are not UTF-8 either.
  if (n == 2 && c < 0xC2) return 0;
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;
  return n;
}

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8Length(text, i);
    // BuildKit reads the JSON form with Go's decoder, which turns such bytes
    // into U+FFFD: the command would no longer be the same.
    if (n == 0) throw NotUtf8("the start command holds bytes that are not UTF-8, which an exec-form (JSON) command cannot carry");
    char c = text[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else if (n > 1 && !controlProblem(text.substr(i, n)).empty()) {
      // C1 controls, line separators, bidi overrides: the same code point,
      // written so the Dockerfile line reads as it runs (issue 21).
      unsigned cp = n == 2 ? ((static_cast<unsigned char>(text[i]) & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu)
                           : ((static_cast<unsigned char>(text[i]) & 0x0Fu) << 12) |
                                 ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                                 (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      out += fmt::format("\\u{:04x}", cp);
    } else {
      out.append(text, i, n);
    }
    i += n;
  }
  return out + "\"";
}

}  // namespace

std::string execForm(const std::vector<std::string>& argv) {
  std::string s = "[";
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (i) s += ", ";
    s += jsonString(argv[i]);
  }
  return s + "]";
}

namespace {

using K = ast::InstructionKind;

std::string detectLanguage(const analysis::StageFacts& facts, const analysis::BuildContext& context,
                           const catalog::BuilderInfo& builder) {
  if (!builder.language.empty()) return builder.language;
  int node = 0, go = 0, cpp = 0;
  for (const auto& rc : facts.commands) {
    if (rc.argv.empty()) continue;
    const std::string& p = rc.argv[0];
    if (p == "npm" || p == "yarn" || p == "pnpm" || p == "npx" || p == "node") ++node;
    if (p == "go") ++go;
    if (p == "g++" || p == "gcc" || p == "c++" || p == "clang++" || p == "cmake" || p == "make" || p == "meson" || p == "ninja") ++cpp;
    // Toolchains installed from the distro's packages count too.
    bool installs = p == "apt-get" || p == "apt" || p == "apk" || p == "yum" || p == "dnf";
    for (std::size_t i = 1; installs && i < rc.argv.size(); ++i) {
      const std::string& pkg = rc.argv[i];
      if (pkg == "g++" || pkg == "gcc" || pkg == "build-essential" || pkg == "clang" || pkg == "gcc-c++" || pkg == "cmake") ++cpp;
      if (pkg == "golang" || pkg == "golang-go" || pkg == "go") ++go;
      if (pkg == "nodejs" || pkg == "npm") ++node;
    }
  }
  if (context.known()) {
    if (context.has("package.json")) node += 2;
    if (context.has("go.mod")) go += 2;
    if (context.has("CMakeLists.txt") || context.has("meson.build")) cpp += 2;
  }
  if (node > go && node > cpp) return "node";
  if (go > node && go > cpp) return "go";
  if (cpp > node && cpp > go) return "cpp";
  return "";
}

// Removes the blocks (instructions with their comments) that leave the
// builder. Blocks that touch are one run; a run between two blank lines takes
// one of them along, so the builder is not left with two in a row.
void removeBlocks(std::vector<std::pair<std::size_t, std::size_t>> blocks, const std::string& source,
                  const std::string& nl, edit::EditSet& edits) {
  std::sort(blocks.begin(), blocks.end());
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for (const auto& b : blocks) {
    if (!runs.empty() && runs.back().second == b.first) runs.back().second = b.second;
    else runs.push_back(b);
  }
  for (const auto& run : runs) {
    std::size_t start = run.first, end = run.second;
    bool blankBefore = start >= 2 * nl.size() && source.compare(start - 2 * nl.size(), 2 * nl.size(), nl + nl) == 0;
    bool blankAfter = source.compare(end, nl.size(), nl) == 0;
    if (blankBefore && blankAfter) end += nl.size();
    edits.remove(start, end - start);
  }
}

// Start of the comment lines directly above an instruction (no blank line
// between), so a moved instruction takes its comments along.
std::size_t commentBlockStart(const ast::Document& doc, const ast::Instruction& ins) {
  std::size_t start = ins.lines.begin;
  for (auto it = doc.comments.rbegin(); it != doc.comments.rend(); ++it) {
    if (it->range.end == start) start = it->range.begin;
    else if (it->range.end < start) break;
  }
  return start;
}

// A block of original lines without its final line break (the template adds
// one), its bytes otherwise untouched.
std::string withoutFinalNewline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

// Generated text uses \n; a CRLF file gets \r\n (original bytes already have it).
std::string toNewlineStyle(const std::string& text, const std::string& nl) {
  if (nl == "\n") return text;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += nl;
    else out += text[i];
  }
  return out;
}

std::string humanBytes(long long bytes) {
  if (bytes >= 1000000000) return fmt::format("{:.1f} GB", bytes / 1e9);
  if (bytes >= 1000000) return fmt::format("{:.0f} MB", bytes / 1e6);
  return fmt::format("{} kB", bytes / 1000);
}

// Programs the container runs: the start command's and HEALTHCHECK's. A
// package that provides one of them is needed at run time.
std::vector<std::string> runtimePrograms(const ast::Document& doc, const analysis::StageFacts& facts) {
  std::vector<std::string> programs;
  auto addScript = [&](const std::string& script) {
    for (const auto& c : shell::parse_shell(script).commands) {
      if (!c.name().empty()) programs.push_back(c.name());
    }
  };
  if (auto start = facts.start()) {
    if (start->shellForm) addScript(start->script);
    for (const auto& a : start->argv) {
      if (!a.empty() && a[0] != '-') programs.push_back(a);
    }
  }
  for (std::size_t i = facts.stage->from + 1; i < facts.stage->end; ++i) {
    const auto& ins = doc.instructions[i];
    if (ins.kind != K::Healthcheck) continue;
    const auto* hc = ins.as<ast::HealthcheckArgs>();
    if (!hc) continue;
    if (hc->command.exec) {
      for (const auto& a : hc->command.argv) programs.push_back(a.text);
    } else {
      addScript(hc->command.script.text);
    }
  }
  return programs;
}

// The final stage's HEALTHCHECK CMD as a container command (NONE is none),
// named by its line: "the HEALTHCHECK at line 5".
std::vector<ContainerCommand> healthcheckCommands(const ast::Document& doc, const analysis::StageFacts& facts) {
  std::vector<ContainerCommand> out;
  for (std::size_t i = facts.stage->from + 1; i < facts.stage->end; ++i) {
    const auto& ins = doc.instructions[i];
    if (ins.kind != K::Healthcheck) continue;
    const auto* hc = ins.as<ast::HealthcheckArgs>();
    if (!hc || (hc->type && syntax::asciiLower(hc->type->text) == "none")) continue;
    ContainerCommand c;
    c.source = "the HEALTHCHECK at line " + std::to_string(ins.startLine);
    c.key = "healthcheck";
    if (hc->command.exec) {
      for (const auto& a : hc->command.argv) c.argv.push_back(a.text);
    } else {
      c.shell = hc->command.script.text;
    }
    out.push_back(std::move(c));
  }
  // Only the last HEALTHCHECK counts, as for the engines.
  if (out.size() > 1) out.erase(out.begin(), out.end() - 1);
  return out;
}

// The names `$NAME` and `${NAME...}` in a text refers to.
std::set<std::string> referencedNames(const std::string& text) {
  std::set<std::string> names;
  auto isNameChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '$') continue;
    std::size_t start = i + 1 + (text[i + 1] == '{' ? 1 : 0);
    std::size_t end = start;
    while (end < text.size() && isNameChar(text[end])) ++end;
    if (end > start) names.insert(text.substr(start, end - start));
  }
  return names;
}

// The image a FROM that names variables builds on, given the build
// arguments: the global ARGs (those before the first FROM, the only ones FROM
// sees) take a build argument's value, else their default, in order.
// Nothing when a variable is still unresolved, or when no build argument
// takes part: with defaults alone restage keeps refusing, since whoever
// builds chooses the base.
struct ResolvedBase {
  std::string image;
  std::vector<std::string> used;  // NAME=VALUE of the build arguments that decided it
};
std::optional<ResolvedBase> resolveBase(const ast::Document& doc, const std::string& base,
                                        const std::vector<std::pair<std::string, std::string>>& buildArgs) {
  std::map<std::string, std::string> values;
  // The first value of a name wins (a --build-arg before compose's).
  std::map<std::string, std::string> given(buildArgs.begin(), buildArgs.end());
  std::map<std::string, std::set<std::string>> dependsOn;  // ARG -> the build args its value came from
  auto dependencies = [&](const std::string& text) {
    std::set<std::string> out;
    for (const auto& name : referencedNames(text)) {
      if (auto it = dependsOn.find(name); it != dependsOn.end()) out.insert(it->second.begin(), it->second.end());
    }
    return out;
  };
  std::size_t firstFrom = doc.stages.front().from;
  for (std::size_t i = 0; i < firstFrom; ++i) {
    const auto* a = doc.instructions[i].as<ast::ArgArgs>();
    if (!a) continue;
    for (const auto& d : a->decls) {
      const std::string& name = d.name.text;
      if (auto it = given.find(name); it != given.end()) {
        values[name] = it->second;
        dependsOn[name] = {name};
      } else if (d.defaultValue) {
        std::string v = d.defaultValue->text;
        bool single = v.size() >= 2 && v.front() == '\'' && v.back() == '\'';
        if (v.size() >= 2 && (single || (v.front() == '"' && v.back() == '"'))) v = v.substr(1, v.size() - 2);
        dependsOn[name] = single ? std::set<std::string>{} : dependencies(v);
        values[name] = single ? v : analysis::expandVariables(v, values);
      }
    }
  }
  ResolvedBase r;
  r.image = analysis::expandVariables(base, values);
  if (r.image.find('$') != std::string::npos || r.image.empty()) return std::nullopt;
  for (const auto& name : dependencies(base)) r.used.push_back(name + "=" + values[name]);
  if (r.used.empty()) return std::nullopt;
  return r;
}

// What the catalog's dates say about the pairing: a runtime base past its
// end of life on the day restage runs, and a floating builder tag whose
// release may move away from the runtime base chosen for it.
void noteSupport(const catalog::Catalog& catalog, const catalog::BuilderInfo& builder, const std::string& builderImage,
                 RuntimePlan& plan, Contract& contract, const Options& options) {
  std::string day = catalog::today(options.today);
  auto base = catalog.runtimeBase(plan.base);
  if (base && base->eol && catalog::pastEndOfLife(*base->eol, day)) {
    bool inherited = builder.eol && builder.eol->what == base->eol->what && catalog::pastEndOfLife(*builder.eol, day);
    std::string line = plan.base + " is past its end of life (" + base->eol->what + ", " + base->eol->date +
                       "), and image scanners flag it";
    if (inherited) {
      line += "; the builder " + builderImage + " is on " + base->eol->what +
              " too, which restage keeps: move the builder to a supported one and migrate again";
    } else if (options.runtimeBase) {
      line += "; it was given with " + options.runtimeBaseSource;
    }
    plan.explanation.push_back("Runtime base " + line + ".");
    contract.risks.push_back("runtime base " + line);
  }
  if (!builder.floating) return;
  std::string assumed = builder.releaseName + (builder.toolchain ? " with " + builder.toolchain->name : std::string());
  std::string pin = builder.pinned.empty() ? std::string("migrate again when it moves")
                                           : "pin it (FROM " + builder.pinned + ") to keep this pairing, or migrate again when it moves";
  auto baseRef = analysis::ImageRef::parse(plan.base);
  auto builderRef = analysis::ImageRef::parse(builderImage);
  if (plan.abiFloor && !(options.runtimeBase && !base)) {
    // A toolchain's libraries carried from the builder move with it; the C
    // library stays the base's.
    bool carried = std::any_of(plan.env.begin(), plan.env.end(),
                               [](const std::string& e) { return e.rfind("LD_LIBRARY_PATH=", 0) == 0; });
    std::string libraries = plan.abiFloor->glibcxx.empty() || carried ? "glibc" : "glibc or libstdc++";
    std::string what = plan.abiFloor->libc == "musl"
                           ? "links the libraries of the newer Alpine release, which " + plan.base + " may not have"
                           : "may need a newer " + libraries + " than " + plan.base + " has and stop at start (`GLIBC_2.xx not found`)";
    plan.explanation.push_back(builderImage + " is a floating tag: restage took it to be " + assumed + " on " + catalog.asOf() +
                               ". When it moves to a newer release, a rebuild " + what + "; " + pin + ".");
    contract.risks.push_back("floating builder tag " + builderImage + " (taken as " + assumed + " on " + catalog.asOf() + ")");
  } else if (baseRef.name == builderRef.name && plan.base != builderImage && !options.runtimeBase) {
    plan.explanation.push_back(plan.base + " follows " + builderImage + ", a floating tag: when it moves to another version or release, "
                               "both stages move with it.");
  }
}

// The keyword of a block restage writes or moves (comment lines, then one
// instruction), lower case as the reader keeps it: "run".
std::string blockKeyword(const std::string& block) {
  std::size_t at = 0;
  while (true) {
    at = block.find_first_not_of(" \t\r\n", at);
    if (at == std::string::npos) return "";
    if (block[at] != '#') break;
    at = block.find('\n', at);
    if (at == std::string::npos) return "";
  }
  std::size_t end = block.find_first_of(" \t\r\n", at);
  return syntax::asciiLower(block.substr(at, end == std::string::npos ? std::string::npos : end - at));
}

void refuse(Result& r, std::string code, std::string reason) {
  r.status = Status::Refused;
  r.code = std::move(code);
  r.reason = std::move(reason);
}

}  // namespace

namespace {

// A reason or explanation line quotes the input (a start command, a compose
// entrypoint): at most kMaxReason bytes of it, cut at a character boundary,
// in every output format.
constexpr std::size_t kMaxReason = 1024;
void cutLine(std::string& line) {
  if (line.size() <= kMaxReason) return;
  std::size_t cut = kMaxReason;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  std::size_t dropped = line.size() - cut;
  line = line.substr(0, cut) + fmt::format("... ({} more bytes)", dropped);
}

}  // namespace

std::optional<std::string> unplannedInstructions(const std::vector<std::string>& planned, const ast::Document& rewritten) {
  std::vector<std::string> read;
  for (const auto& ins : rewritten.instructions) read.push_back(ins.cmd);
  if (read == planned) return std::nullopt;
  std::size_t at = 0;
  while (at < read.size() && at < planned.size() && read[at] == planned[at]) ++at;
  auto name = [](const std::vector<std::string>& list, std::size_t k) {
    if (k >= list.size()) return std::string("the end");
    std::string upper = list[k];
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
  };
  return fmt::format("the rewrite has {} instructions where restage planned {} (instruction {} is {}, planned: {})",
                     read.size(), planned.size(), at + 1, name(read, at), name(planned, at));
}

void Migrator::run(Result& result) {
  try {
    rewrite(result);
  } catch (const UnsafeValue& e) {
    result.output = result.original;
    result.edits.clear();
    result.explanation.clear();
    result.contract = Contract{};
    result.problems.clear();
    result.estimatedSavingBytes = 0;
    refuse(result, "unsafe-value", e.what());
  }
  cutLine(result.reason);
  for (auto& line : result.explanation) cutLine(line);
  for (auto& line : result.problems) cutLine(line);
}

void Migrator::rewrite(Result& result) {
  const auto& catalog = catalog::Catalog::get();
  result.output = result.original;

  if (doc_.stages.empty()) return refuse(result, "no-from", "the Dockerfile has no FROM instruction");
  if (doc_.stages.size() > 1) {
    result.status = Status::Unchanged;
    result.code = "already-multi-stage";
    result.reason = "the Dockerfile already has " + std::to_string(doc_.stages.size()) + " stages";
    result.problems = checkStageReferences(doc_);
    for (auto& p : checkRuntimeStage(doc_)) result.problems.push_back(std::move(p));
    if (!result.problems.empty()) result.reason += "; its runtime stage cannot start: " + result.problems.front();
    return;
  }
  if (doc_.escape != '\\') {
    return refuse(result, "windows-escape", "the file uses the backtick escape character of Windows images, which restage does not rewrite");
  }

  const ast::Stage& stage = doc_.stages.front();
  const ast::Instruction& from = doc_.instructions[stage.from];
  std::optional<ResolvedBase> resolved;
  if (analysis::ImageRef::parse(stage.base).hasVariable && !options_.buildArgs.empty()) {
    resolved = resolveBase(doc_, stage.base, options_.buildArgs);
  }
  // A base resolved from build arguments (compose build.args, --build-arg,
  // ARG defaults they lead to) is text from outside the Dockerfile: it must be
  // an image reference, or the runtime FROM line would carry whatever it holds.
  if (resolved && !validImageReference(resolved->image)) {
    return refuse(result, "invalid-base",
                  "FROM " + stage.base + " is \"" + showValue(resolved->image) +
                      "\" with the build arguments given, which is not an image reference");
  }
  analysis::ImageRef baseRef = analysis::ImageRef::parse(resolved ? resolved->image : stage.base);
  catalog::BuilderInfo builder = catalog.builder(baseRef);
  analysis::StageFacts facts = analysis::analyzeStage(doc_, stage, builder.env, builder.workdir);
  facts.base = baseRef;
  result.builderBase = facts.base.raw;
  if (from.nodes.empty()) {
    // BuildKit stops on this when it reads the instruction.
    result.status = Status::Error;
    result.code = "syntax-error";
    result.reason = "FROM requires either one or three arguments";
    ast::Position at = doc_.lines.position(from.lines.begin);
    result.error = ast::Diagnostic{result.reason, {from.lines.begin, from.lines.end}, at, at.line};
    return;
  }
  if (facts.base.raw == "scratch") {
    result.status = Status::Unchanged;
    result.code = "already-minimal";
    result.reason = "the image is built FROM scratch already";
    result.problems = checkRuntimeStage(doc_);
    return;
  }
  if (facts.base.hasVariable) {
    return refuse(result, "variable-base", "the base image " + facts.base.raw + " is set by a build argument, so restage cannot tell what it contains");
  }
  if (from.flag("platform")) {
    return refuse(result, "platform-flag", "FROM --platform cross-builds are not rewritten yet");
  }
  // ONBUILD triggers run in the builds that start FROM this image. In a
  // rewrite they would sit in the builder stage, and the image others build on
  // (the runtime stage) would carry none.
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const auto& ins = doc_.instructions[i];
    if (ins.kind != ast::InstructionKind::Onbuild) continue;
    return refuse(result, "onbuild-base",
                  "line " + std::to_string(ins.startLine) +
                      " declares an ONBUILD trigger: this is a base image for other builds, and a runtime stage "
                      "would leave its triggers behind in the builder");
  }
  analysis::BuildContext context;
  if (options_.context) context = analysis::BuildContext::read(*options_.context);

  std::string language = options_.language.value_or(detectLanguage(facts, context, builder));
  result.language = language.empty() ? "other" : language;
  const transforms::Planner* planner = nullptr;
  for (const auto& p : transforms::planners()) {
    if (p.language == language) planner = &p;
  }
  // An image that builds nothing (a service image: nginx, redis, postgres
  // with its configuration copied in) has no build output to split from its
  // tools: there is nothing for restage to do, which is no refusal, whatever
  // language its context is in. A base that is a language's build image
  // (golang, python, maven) brings build tools itself, so it is not such an
  // image, and neither is one that names a language with --lang.
  if (builder.language.empty() && !options_.language) {
    analysis::EffectInput serviceInput{doc_, facts, facts.finalWorkdir, runtimePrograms(doc_, facts), {}, std::nullopt,
                                       "the start command", {}};
    analysis::StageEffects serviceEffects = analysis::stageEffects(serviceInput, catalog.effectRules());
    if (!analysis::firstBuildStep(doc_, facts, serviceEffects, catalog.effectRules())) {
      result.status = Status::Unchanged;
      result.code = "nothing-to-split";
      result.reason = "no step builds anything (no build tool or build-only package runs or is installed; the steps only "
                      "copy files in and configure the image " + facts.base.raw +
                      "), so there is no build output to move away from build tools";
      return;
    }
  }
  if (!planner) {
    // With nothing to run, what it is written in does not matter.
    if (!facts.start()) {
      return refuse(result, "no-start-command", "the image has no CMD or ENTRYPOINT, so restage cannot tell what the runtime stage must run");
    }
    return refuse(result, "unsupported-language",
                  language.empty() ? "restage could not tell the language (Node, Go or C++) from the base image, the build commands or the context"
                                   : "restage has no rewrite for " + language + " (it rewrites Node.js, Go and C++ builds)");
  }
  // What compose services run in containers of this image: a live-reload
  // server there makes it a development image.
  // And what the app's own code runs by name (os/exec, child_process): the
  // runtime must have those programs too.
  transforms::AppCode appCode = transforms::readAppCode(context, language);
  // And the Dockerfile's own HEALTHCHECK: the rewrite keeps it, so what it
  // runs must be on the runtime (installed, or a base that has it), or the
  // file is refused; it is never dropped.
  std::vector<ContainerCommand> healthchecks = healthcheckCommands(doc_, facts);
  std::vector<ContainerCommand> runCommands = options_.runCommands;
  runCommands.insert(runCommands.end(), healthchecks.begin(), healthchecks.end());
  runCommands.insert(runCommands.end(), appCode.programs.begin(), appCode.programs.end());
  auto commandPrograms = transforms::containerPrograms(doc_, facts, context, runCommands);
  if (auto refusal = transforms::devServerRefusal(commandPrograms, catalog.languageConfig(language))) {
    return refuse(result, refusal->code, refusal->reason);
  }
  if (!facts.start()) {
    return refuse(result, "no-start-command", "the image has no CMD or ENTRYPOINT, so restage cannot tell what the runtime stage must run");
  }
  if (facts.shellParseErrors) {
    return refuse(result, "shell-syntax", "a RUN step has shell syntax restage cannot read, so it cannot tell what the build produces");
  }

  std::string builderName = from.as<ast::FromArgs>() && from.as<ast::FromArgs>()->stageName
                                ? from.as<ast::FromArgs>()->stageName->text
                                : "builder";
  // The effect model: what each build step leaves in the image, and what of
  // it the app needs at run time. The app folder is the final WORKDIR, or
  // where the context went when the build ends in /.
  // A WORKDIR the image set (golang's /go, its GOPATH with the module
  // cache) is not the app's folder unless the build put the context there.
  bool ownWorkdir = false;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) ownWorkdir |= doc_.instructions[i].kind == K::Workdir;
  std::string appFolder = facts.finalWorkdir;
  if (appFolder == "/" || !ownWorkdir) {
    if (auto root = transforms::contextRootDestination(doc_, facts)) appFolder = *root;
  }
  analysis::EffectInput effectInput{doc_, facts, appFolder, runtimePrograms(doc_, facts), {}, std::nullopt,
                                    "the start command", {}};
  if (auto script = transforms::startScript(doc_, facts, context)) {
    effectInput.script = {script->path, script->programs};
    if (!script->known) effectInput.unreadScript = script->path + ", which " + script->whyUnknown;
  }
  for (const auto& cp : commandPrograms) {
    effectInput.otherPrograms.push_back({cp.command->source, cp.programs});
    if (cp.script && !cp.script->known && !effectInput.unreadScript) {
      effectInput.unreadScript = (cp.script->path == "-c" ? std::string("shell text") : cp.script->path) + ", which " +
                                 cp.script->whyUnknown;
      effectInput.unreadScriptRunBy = cp.command->source;
    }
  }
  analysis::StageEffects effects = analysis::stageEffects(effectInput, catalog.effectRules());
  // A runtime base set per language (.restage.yaml) counts as given.
  // The planner reads the HEALTHCHECK as it reads compose commands.
  Options planOptions = options_;
  planOptions.runCommands.insert(planOptions.runCommands.end(), healthchecks.begin(), healthchecks.end());
  if (!planOptions.runtimeBase) {
    if (auto it = options_.runtimeBaseByLanguage.find(language); it != options_.runtimeBaseByLanguage.end()) {
      planOptions.runtimeBase = it->second;
    }
  }
  RuntimeNeeds needs = transforms::runtimeNeeds(effects, facts);
  // The writability model: where the app may write, for the user switch.
  std::vector<analysis::CodeWrite> codeWrites;
  for (const auto& w : appCode.writes) codeWrites.push_back({w.path, w.folder, w.where});
  analysis::Writability writable =
      analysis::writability(doc_, facts, appFolder, codeWrites, catalog.effectRules().at("writability"));
  transforms::addRootNeeds(facts, writable, appCode, needs);
  transforms::addCommandNeeds(commandPrograms, needs);
  auto installed = transforms::addInstallablePrograms(commandPrograms, effects, builder, catalog.effectRules(), needs);
  PlanInput input{doc_, facts, context, catalog, planOptions, builderName, builder, effects, needs, appFolder};
  RuntimePlan plan;
  try {
    plan = planner->plan(input);
  } catch (const NotUtf8& e) {
    return refuse(result, "not-utf8", e.what());
  }
  if (plan.refusal) return refuse(result, plan.refusal->code, plan.refusal->reason);
  Contract contract;
  if (auto refusal = transforms::carryEffects(input, plan, contract)) {
    // A tool installed for a command: the reason says which command needs it.
    std::string reason = refusal->reason;
    for (const auto& tool : installed) {
      if (reason.find(tool.package) != std::string::npos) {
        reason += "; " + tool.source + " runs `" + tool.program + "`";
      }
    }
    return refuse(result, refusal->code, reason);
  }
  transforms::ownWritableFolders(input, writable, plan, contract);
  // Root kept for a folder no other user can have: the contract names it.
  if (auto base = catalog.runtimeBase(plan.base); facts.runsAsRoot() && needs.rootWrite && !needs.privilegedPort &&
                                                  (!plan.user || analysis::isRootUser(*plan.user)) && base && base->user) {
    contract.carried.push_back("user root, as in the original: " + needs.rootWrite->why);
  }
  if (auto refusal = transforms::checkCommandsRunnable(commandPrograms, input, plan, contract)) {
    return refuse(result, refusal->code, refusal->reason);
  }
  for (const auto& tool : installed) {
    // "the HEALTHCHECK at line 5" opens the sentence: capitalised.
    std::string who = tool.source.starts_with("the ") ? "The" + tool.source.substr(3) : tool.source;
    plan.explanation.push_back(who + " runs `" + tool.program +
                               "`, which a small runtime base lacks: the runtime stage installs " + tool.package + ".");
    contract.changed.push_back("installs " + tool.package + " (" + tool.source + " runs `" + tool.program + "`)");
  }
  auto runtimeBase = catalog.runtimeBase(plan.base);
  result.runtimeBase = plan.base;
  noteSupport(catalog, builder, facts.base.raw, plan, contract, planOptions);

  // ---- edits
  std::string nl = doc_.source.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  edit::EditSet edits;
  std::vector<std::string> moved;
  if (!from.as<ast::FromArgs>()->stageName) edits.insert(from.nodes.front().range.end, " AS " + builderName);
  for (const auto& prefix : plan.builderPrefixes) edits.insert(prefix.offset, prefix.text + " ");
  if (!plan.builderPrelude.empty()) {
    std::string text;
    for (const auto& line : plan.builderPrelude) text += line + nl;
    edits.insert(from.lines.end, text);
  }

  std::set<std::string> buildOnly(plan.buildOnlyEnv.begin(), plan.buildOnlyEnv.end());
  std::vector<std::string> carried;  // early: ENV, LABEL, SHELL
  // After the copies: a folder a COPY makes below a VOLUME gets its owner
  // whatever the engine does with changes after VOLUME.
  std::vector<std::string> volumes;
  std::vector<std::string> tail;     // late: EXPOSE, STOPSIGNAL, HEALTHCHECK, ENTRYPOINT, CMD
  std::set<std::string> usedArgs;
  std::vector<std::pair<std::size_t, std::size_t>> removed;  // blocks that leave the builder
  // A USER after the builder's last RUN and WORKDIR only says whom the
  // container runs as, which the runtime stage says itself: it leaves the
  // builder, which then ends as the user of its last step.
  std::size_t lastStep = stage.from;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    auto kind = doc_.instructions[i].kind;
    if (kind == K::Run || kind == K::Workdir || kind == K::Onbuild) lastStep = i;
  }
  bool builderEndsAsRoot = true;
  for (std::size_t i = stage.from + 1; i < lastStep; ++i) {
    const auto& ins = doc_.instructions[i];
    if (ins.kind != K::User) continue;
    const auto* a = ins.as<ast::StringArgs>();
    builderEndsAsRoot = analysis::isRootUser(a && a->value ? a->value->text : "");
  }
  auto noteVariables = [&](const ast::Instruction& ins) {
    for (const auto& v : ins.variables) usedArgs.insert(v.name);
  };
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const auto& ins = doc_.instructions[i];
    std::size_t blockStart = commentBlockStart(doc_, ins);
    std::string block(doc_.text({blockStart, ins.lines.end}));
    auto moveOut = [&](std::vector<std::string>& into, std::optional<std::string> replacement) {
      removed.push_back({blockStart, ins.lines.end});
      if (replacement) {
        std::string comments(doc_.text({blockStart, ins.lines.begin}));
        block = comments + *replacement;
      }
      into.push_back(withoutFinalNewline(block));
      moved.push_back(std::string(ast::instructionKeyword(ins.kind)));
    };
    switch (ins.kind) {
      case K::Env: {
        const auto* kv = ins.as<ast::KeyValueArgs>();
        if (!kv) break;
        std::vector<const ast::KeyValue*> keep;
        for (const auto& p : kv->pairs) {
          if (!buildOnly.count(p.key.text)) keep.push_back(&p);
        }
        if (keep.size() == kv->pairs.size()) {
          carried.push_back(withoutFinalNewline(block));
        } else if (!keep.empty()) {
          std::string text = "ENV";
          for (const auto* p : keep) text += " " + std::string(doc_.text(p->key.range)) + "=" + std::string(doc_.text(p->value.range));
          carried.push_back(text);
        } else {
          break;
        }
        noteVariables(ins);
        break;
      }
      case K::Volume:
        volumes.push_back(withoutFinalNewline(block));
        noteVariables(ins);
        break;
      case K::Shell:
        if (runtimeBase && runtimeBase->shell) carried.push_back(withoutFinalNewline(block));
        break;
      case K::Label: case K::Maintainer:
        noteVariables(ins);
        moveOut(carried, std::nullopt);
        break;
      case K::Expose: case K::StopSignal:
        noteVariables(ins);
        moveOut(tail, std::nullopt);
        break;
      case K::Healthcheck: {
        // Kept: checkCommandsRunnable has made sure its program is on the
        // runtime (or, with --accept-unknown, listed it as a risk).
        moveOut(tail, std::nullopt);
        break;
      }
      case K::User:
        if (i > lastStep) {
          removed.push_back({blockStart, ins.lines.end});
          if (plan.user) moved.push_back("USER");
        }
        break;
      case K::Entrypoint: case K::Cmd: {
        // A planned replacement keeps the comments; "[]" drops the instruction.
        const auto& planned = ins.kind == K::Cmd ? plan.cmd : plan.entrypoint;
        if (planned && *planned == "[]") {
          removed.push_back({blockStart, ins.lines.end});
          break;
        }
        std::optional<std::string> replacement;
        if (planned) replacement = std::string(ast::instructionKeyword(ins.kind)) + " " + *planned;
        moveOut(tail, replacement);
        break;
      }
      default:
        break;
    }
  }
  removeBlocks(removed, doc_.source, nl, edits);
  for (std::size_t i : plan.replay) noteVariables(doc_.instructions[i]);
  // A planned start command with no instruction to replace.
  if (plan.entrypoint && *plan.entrypoint != "[]" && !facts.entrypoint) tail.push_back("ENTRYPOINT " + *plan.entrypoint);
  if (plan.cmd && *plan.cmd != "[]" && !facts.cmd) tail.push_back("CMD " + *plan.cmd);

  // ARGs the carried instructions use are declared again in the runtime stage.
  std::vector<std::string> args;
  for (std::size_t i = 0; i < stage.end; ++i) {
    const auto& ins = doc_.instructions[i];
    if (ins.kind != K::Arg) continue;
    const auto* a = ins.as<ast::ArgArgs>();
    if (!a) continue;
    for (const auto& d : a->decls) {
      if (usedArgs.count(d.name.text)) {
        // A global ARG (before FROM) is declared bare to inherit its value;
        // a stage ARG keeps its default.
        bool global = i < stage.from;
        args.push_back("ARG " + d.name.text + (!global && d.defaultValue ? "=" + d.defaultValue->text : ""));
        usedArgs.erase(d.name.text);
      }
    }
  }

  // Every value from the plan is checked for the token it becomes
  // (migrate/DockerfileText.h); the template checks the rest of its values
  // for control characters, and the composed steps are checked for shape.
  if (!validImageReference(plan.base)) {
    throw UnsafeValue("the runtime base \"" + showValue(plan.base) + "\" is not an image reference");
  }
  dockerToken("the builder stage's name", builderName);
  for (const auto& e : plan.env) envAssignment("the runtime ENV", e);
  for (const auto* steps : {&plan.early, &plan.copies}) {
    for (const auto& c : *steps) {
      dockerTokens("the COPY source", c.from);
      dockerToken("the COPY destination", c.to);
      if (c.chown) dockerToken("the COPY --chown owner", *c.chown);
    }
  }
  if (plan.user) dockerToken("the runtime USER", *plan.user);
  for (const auto* steps : {&plan.builderPrelude, &plan.builderFinale, &plan.run}) {
    for (const auto& step : *steps) generatedInstruction(step);
  }
  for (const auto& prefix : plan.builderPrefixes) shellPlainWord("the assignment put in front of a build command", prefix.text);

  nlohmann::json data;
  data["header"] = nlohmann::json::array({"Runtime stage written by restage: only what the app needs to run."});
  data["base"] = plan.base;
  data["args"] = args;
  data["carried"] = carried;
  data["env"] = plan.env;
  // WORKDIR comes after the copies, so it never makes a folder (which would
  // be root's); replayed COPY steps with relative destinations need it first.
  data[plan.replay.empty() ? "workdir" : "workdir_first"] = facts.finalWorkdir;
  data["volumes"] = volumes;
  data["run"] = plan.run;
  data["replay"] = nlohmann::json::array();
  for (std::size_t i : plan.replay) {
    const auto& ins = doc_.instructions[i];
    data["replay"].push_back(withoutFinalNewline(std::string(doc_.text({ins.lines.begin, ins.lines.end}))));
  }
  auto copySteps = [&](const std::vector<CopyStep>& steps) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : steps) {
      nlohmann::json cj{{"builder", builderName}, {"from", c.from}, {"to", c.to}};
      if (c.chown) cj["chown"] = *c.chown;
      // A comment of several lines is a `#` line each.
      if (!c.comment.empty()) {
        cj["comment"] = nlohmann::json::array();
        std::size_t start = 0;
        for (std::size_t end; (end = c.comment.find('\n', start)) != std::string::npos; start = end + 1) {
          cj["comment"].push_back(c.comment.substr(start, end - start));
        }
        cj["comment"].push_back(c.comment.substr(start));
      }
      list.push_back(cj);
    }
    return list;
  };
  data["early"] = copySteps(plan.early);
  data["copies"] = copySteps(plan.copies);
  if (plan.user) data["user"] = *plan.user;
  if (plan.user == std::optional<std::string>("root") && needs.privilegedPort) {
    data["user_comment"] = "Port " + std::to_string(needs.privilegedPort->port) + " is below 1024: binding it may need root.";
  } else if (plan.user == std::optional<std::string>("root") && needs.rootWrite) {
    data["user_comment"] = needs.rootWrite->comment;
  }
  data["tail"] = tail;
  std::string stageText = templates::render(templates::file("runtime-stage.Dockerfile"), data);
  std::string appended;
  // What is left of the original once the moved instructions are gone; it may
  // lack a final line break (the file's last instruction stayed) or already end
  // in a blank line (the last instructions moved out).
  std::string kept = edits.apply(doc_.source);
  if (!kept.empty() && kept.back() != '\n') appended += nl;
  // restage's own builder steps write where the build ran as root (npm prune,
  // install staging): a USER the original switched to may not be allowed to.
  if (!plan.builderFinale.empty() && !builderEndsAsRoot) appended += "USER root" + nl;
  for (const auto& line : plan.builderFinale) appended += toNewlineStyle(line, nl) + nl;
  // One blank line between the stages.
  bool keptEndsBlank = kept.ends_with(nl + nl) || kept == nl;
  if (!(plan.builderFinale.empty() && keptEndsBlank)) appended += nl;
  appended += toNewlineStyle(stageText, nl);
  edits.insert(doc_.source.size(), appended);

  result.edits = edits.edits();
  result.output = edits.apply(doc_.source);

  // ---- explanation
  std::vector<std::string> expl;
  expl.push_back("Builder stage '" + builderName + "' keeps the original build steps on " + facts.base.raw + ".");
  if (resolved) {
    std::string args;
    for (const auto& a : resolved->used) args += (args.empty() ? "" : ", ") + a;
    expl.push_back("FROM " + stage.base + " is " + facts.base.raw + " with the build arguments given (" + args +
                   "); the runtime base was chosen for that image, so a build with other values needs its own migration.");
  }
  for (const auto& line : plan.explanation) expl.push_back(line);
  if (!moved.empty()) {
    std::string list;
    for (const auto& m : moved) list += (list.empty() ? "" : ", ") + m;
    expl.push_back("Moved to the runtime stage: " + list + ".");
  }
  for (auto& e : result.explanation) expl.push_back(std::move(e));
  for (const auto& c : options_.runCommands) {
    if (!c.note.empty()) expl.push_back(c.source + ": " + c.note + ".");
  }
  bool sameBase = plan.base == facts.base.raw;
  // On the same image, the saving is the build-only packages left behind.
  long long droppedMb = 0;
  std::vector<std::string> heavy;
  for (const auto* e : effects.of(analysis::EffectKind::Package, analysis::Need::BuildOnly)) {
    const auto& sizes = catalog.effectRules().at("build_only_package_mb");
    long long mb = sizes.contains(e->subject) ? sizes.at(e->subject).get<long long>() : 1;
    droppedMb += mb;
    if (mb >= 10) heavy.push_back(e->subject);
  }
  if (sameBase && droppedMb >= 10) {
    std::string list;
    for (const auto& h : heavy) list += (list.empty() ? "" : ", ") + h;
    expl.push_back("Estimated saving: about " + std::to_string(droppedMb) + " MB uncompressed, the build-only packages left in the builder (" +
                   list + "); both stages use " + plan.base + ".");
    result.estimatedSavingBytes = droppedMb * 1000000;
  }
  bool becomesNonRoot = facts.runsAsRoot() && plan.user && *plan.user != "root" && plan.user->rfind("0:", 0) != 0 && *plan.user != "0";
  if (sameBase && droppedMb < 10 && !becomesNonRoot) {
    // Benefit gate: the same image again saves only what the build left
    // behind, which the catalog cannot size and which is often a few MB.
    result.status = Status::Unchanged;
    result.code = "no-benefit";
    result.reason = "the runtime stage would use the builder's own image " + plan.base +
                    " and change nothing worth having (the user stays the same), so the saving is too small to be sure of";
    result.output = result.original;
    result.edits.clear();
    return;
  }
  if (sameBase && droppedMb < 10) {
    expl.push_back("Estimated saving: not from the base image (both stages use " + plan.base +
                   "); the rewrite is worth having because the runtime runs as " + *plan.user + " instead of root.");
  } else if (!sameBase && runtimeBase && builder.compressedBytes > runtimeBase->compressedBytes) {
    result.estimatedSavingBytes = std::max(0LL, builder.compressedBytes - runtimeBase->compressedBytes);
    expl.push_back("Estimated saving: about " + humanBytes(result.estimatedSavingBytes) + " compressed (" + facts.base.raw + " ~" +
                   humanBytes(builder.compressedBytes) + " vs " + plan.base + " ~" + humanBytes(runtimeBase->compressedBytes) + ").");
  }
  result.explanation = std::move(expl);

  // ---- check the rewrite before anyone sees it
  // The instructions the plan puts in the rewrite, in order: the original's
  // that stay (restage's builder steps after FROM and at the end), then the
  // runtime stage's, one per planned step. Read back, the rewrite must have
  // exactly these: a value that slipped a line break past the checks above
  // cannot add an instruction a reviewer never sees coming.
  std::vector<std::string> planned;
  for (std::size_t i = 0; i < stage.end; ++i) {
    const auto& ins = doc_.instructions[i];
    bool gone = std::any_of(removed.begin(), removed.end(), [&](const auto& block) {
      return ins.lines.begin >= block.first && ins.lines.begin < block.second;
    });
    if (!gone) planned.push_back(ins.cmd);
    if (i == stage.from) {
      for (const auto& step : plan.builderPrelude) planned.push_back(blockKeyword(step));
    }
  }
  if (!plan.builderFinale.empty() && !builderEndsAsRoot) planned.push_back("user");
  for (const auto& step : plan.builderFinale) planned.push_back(blockKeyword(step));
  planned.push_back("from");
  for (const auto* blocks : {&args, &carried}) {
    for (const auto& b : *blocks) planned.push_back(blockKeyword(b));
  }
  planned.insert(planned.end(), plan.env.size(), "env");
  if (data.contains("workdir_first")) planned.push_back("workdir");
  planned.insert(planned.end(), plan.early.size(), "copy");
  for (const auto& step : plan.run) planned.push_back(blockKeyword(step));
  for (const auto& r : data["replay"]) planned.push_back(blockKeyword(r.get<std::string>()));
  planned.insert(planned.end(), plan.copies.size(), "copy");
  if (data.contains("workdir")) planned.push_back("workdir");
  for (const auto& v : volumes) planned.push_back(blockKeyword(v));
  if (plan.user) planned.push_back("user");
  for (const auto& t : tail) planned.push_back(blockKeyword(t));

  ast::Document rewritten = syntax::readDockerfile(result.output, result.path);
  std::vector<std::string> problems;
  if (!rewritten.ok()) problems.push_back("the rewrite does not parse: " + rewritten.error->message);
  else {
    if (auto p = unplannedInstructions(planned, rewritten)) problems.push_back(*p);
    if (rewritten.stages.size() != 2) problems.push_back("the rewrite does not have two stages");
    for (auto& p : checkStageReferences(rewritten)) problems.push_back(std::move(p));
    for (auto& p : checkRuntimeStage(rewritten)) problems.push_back(std::move(p));
  }
  if (!problems.empty()) {
    result.output = result.original;
    result.edits.clear();
    result.problems = problems;
    return refuse(result, "check-failed", "the rewrite failed restage's own checks: " + problems.front());
  }
  // The contract: what moves, what changes, what is carried or dropped.
  contract.moved = moved;
  if (plan.base != facts.base.raw) contract.changed.push_back("base " + facts.base.raw + " -> " + plan.base);
  std::string before = facts.runsAsRoot() ? "root" : *facts.finalUser;
  std::string after = plan.user.value_or("root");
  if (before != after) contract.changed.push_back("user " + before + " -> " + after);
  for (const auto& e : plan.env) contract.changed.push_back("ENV " + e);
  for (const auto& c : plan.changed) contract.changed.push_back(c);
  if (plan.entrypoint) {
    contract.changed.push_back(*plan.entrypoint == "[]" ? std::string("ENTRYPOINT dropped") : "ENTRYPOINT " + *plan.entrypoint);
  }
  if (plan.cmd) contract.changed.push_back(*plan.cmd == "[]" ? std::string("CMD dropped") : "CMD " + *plan.cmd);
  if (contract.changed.empty()) contract.changed.push_back("none: same base, user and start command");
  result.contract = std::move(contract);
  result.status = Status::Migrated;
  result.code = "migrated";
  result.reason = "split into a builder stage on " + facts.base.raw + " and a runtime stage on " + plan.base;
}

}  // namespace restage::migrate
