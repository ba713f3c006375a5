#include "transforms/RepairRuntimeStage.h"

#include <algorithm>
#include <set>

#include "analysis/StageFacts.h"
#include "catalog/Catalog.h"
#include "migrate/DockerfileText.h"
#include "glob/Wildcard.h"
#include "migrate/RuntimeCheck.h"
#include "syntax/DockerfileReader.h"
#include "syntax/GoText.h"
#include "transforms/NodeSupport.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

namespace {

using K = ast::InstructionKind;
constexpr std::size_t kMaxLine = 100;  // generated Dockerfile lines

RepairOutcome noRepair(std::string why) { return {std::nullopt, std::move(why)}; }

std::string lineRef(const ast::Instruction& ins) { return "line " + std::to_string(ins.startLine); }

// The line ending the file uses ("\r\n" when it has any).
std::string newlineOf(const ast::Document& doc) {
  return doc.source.find("\r\n") != std::string::npos ? "\r\n" : "\n";
}

bool hasGlob(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }
bool hasBlank(const std::string& s) { return s.find_first_of(" \t") != std::string::npos; }

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

// `path` below `dir`, as a path relative to it ("" for dir itself).
std::string relativeTo(const std::string& path, const std::string& dir) {
  if (path == dir) return "";
  return path.substr(dir == "/" ? 1 : dir.size() + 1);
}

// A COPY instruction, on one line when it fits, else one source per line.
std::string copyInstruction(const std::vector<std::string>& flags, const std::vector<std::string>& sources,
                            const std::string& dest) {
  std::vector<std::string> words{"COPY"};
  words.insert(words.end(), flags.begin(), flags.end());
  for (const auto& f : flags) {
    if (!f.starts_with("--")) throw migrate::UnsafeValue("the COPY flag \"" + migrate::showValue(f) + "\" is not a flag");
    migrate::dockerToken("the COPY flag", f.substr(2));
  }
  for (const auto& s : sources) migrate::dockerToken("the COPY source", s);
  migrate::dockerToken("the COPY destination", dest);
  std::string head = joined(words);
  std::string one = head + " " + joined(sources) + " " + dest;
  if (one.size() <= kMaxLine) return one;
  std::string text = head;
  for (const auto& s : sources) text += " \\\n    " + s;
  return text + " \\\n    " + dest;
}

// The source and destination words of a COPY/ADD that come before `cut`
// (the trailing comment's offset: BuildKit took the words after it as more
// arguments). Empty when there are fewer than two.
std::vector<std::string> copyWords(const ast::Instruction& ins, std::optional<std::size_t> cut) {
  std::vector<std::string> words;
  const auto* a = ins.as<ast::CopyArgs>();
  if (!a) return words;
  for (const auto& v : a->sources) {
    if (!cut || v.range.begin < *cut) words.push_back(v.text);
  }
  if (a->destination && (!cut || a->destination->range.begin < *cut)) words.push_back(a->destination->text);
  if (words.size() < 2) words.clear();
  return words;
}

// Where a COPY/ADD of the build context (no --from) puts the context file
// `rel` in `stage`, following its WORKDIRs; glob sources count. `named`: a
// source names the file itself (so the build fails without it).
std::optional<std::string> landsAt(const ast::Document& doc, const ast::Stage& stage, const std::string& rel,
                                   bool& named) {
  std::optional<std::string> found;
  std::string workdir = "/";
  std::string file = "/" + rel;
  for (std::size_t i = stage.from + 1; i < stage.end; ++i) {
    const auto& ins = doc.instructions[i];
    if (ins.kind == K::Workdir) {
      if (const auto* w = ins.as<ast::StringArgs>(); w && w->value) workdir = analysis::joinPath(workdir, w->value->text);
      continue;
    }
    if (ins.kind != K::Copy && ins.kind != K::Add) continue;
    const auto* a = ins.as<ast::CopyArgs>();
    if (!a || !a->destination || a->from) continue;
    const std::string& destText = a->destination->text;
    std::string dest = analysis::joinPath(workdir, destText);
    bool destIsDir = a->sources.size() > 1 || destText.ends_with('/') || destText == "." || destText == "./";
    for (const auto& src : a->sources) {
      std::string s = analysis::joinPath("/", src.text);
      if (s == "/") {
        found = analysis::joinPath(dest, rel);
        named = false;
      } else if (s == file) {
        found = destIsDir ? analysis::joinPath(dest, baseName(file)) : dest;
        named = true;
      } else if (hasGlob(src.text) && glob::pathMatches(s, file)) {
        found = analysis::joinPath(dest, baseName(file));
        named = false;
      }
    }
  }
  return found;
}

// The earlier stage a --from names (by name or index), or nullopt.
std::optional<std::size_t> stageNamed(const ast::Document& doc, const std::string& ref, std::size_t before) {
  std::string lower = syntax::asciiLower(ref);
  for (std::size_t s = 0; s < before; ++s) {
    if ((doc.stages[s].name && *doc.stages[s].name == lower) || std::to_string(s) == lower) return s;
  }
  return std::nullopt;
}

// A package the builder installed into node_modules, whose bin the start runs.
bool installedPackage(const nlohmann::json& pkg, const std::string& name, bool productionOnly) {
  if (!pkg.is_object()) return false;
  auto listed = [&](const char* key) {
    return pkg.contains(key) && pkg[key].is_object() && pkg[key].contains(name);
  };
  return listed("dependencies") || (!productionOnly && listed("devDependencies"));
}

// Edits that touch (one ends where the next starts) as one, so no consumer
// sees two edits at one offset.
std::vector<edit::Edit> coalesced(const std::vector<edit::Edit>& edits) {
  std::vector<edit::Edit> out;
  for (const auto& e : edits) {
    if (!out.empty() && out.back().end() == e.offset) {
      out.back().length += e.length;
      out.back().replacement += e.replacement;
    } else {
      out.push_back(e);
    }
  }
  return out;
}

bool numericUser(const std::string& user) {
  return !user.empty() && user.find_first_not_of("0123456789:") == std::string::npos;
}

}  // namespace

std::optional<std::size_t> trailingComment(const ast::Document& doc, const ast::Instruction& ins) {
  std::string_view text = doc.text(ins.range);
  std::size_t argsBegin = ins.keyword.end - ins.range.begin;
  char escape = doc.escape;
  char quote = 0;
  bool lineStart = false;
  for (std::size_t i = argsBegin; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      lineStart = true;
      continue;
    }
    if (lineStart) {
      if (c == ' ' || c == '\t') continue;
      lineStart = false;
      if (c == '#') {  // a comment line inside the continuation
        std::size_t end = text.find('\n', i);
        if (end == std::string_view::npos) return std::nullopt;
        i = end - 1;
        continue;
      }
    }
    if (c == escape) {
      // A line continuation starts a new physical line; else the next
      // character is taken as it is.
      std::size_t next = i + 1;
      if (next < text.size() && text[next] == '\r') ++next;
      if (next < text.size() && text[next] == '\n') {
        lineStart = true;
        i = next;
      } else {
        ++i;
      }
      continue;
    }
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && i > argsBegin && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
      return ins.range.begin + i;
    }
  }
  return std::nullopt;
}

RepairOutcome moveTrailingComment(const ast::Document& doc, const ast::Instruction& ins, std::size_t at) {
  const std::string& src = doc.source;
  std::size_t end = ins.range.end;
  if (src.find('\n', at) < end) {
    return noRepair("more lines of the instruction follow the comment, so restage cannot tell where it ends");
  }
  std::size_t commentEnd = end;
  while (commentEnd > at && (src[commentEnd - 1] == '\r' || src[commentEnd - 1] == ' ' || src[commentEnd - 1] == '\t')) {
    --commentEnd;
  }
  std::size_t cut = at;  // the blank space before '#' goes too
  while (cut > ins.keyword.end && (src[cut - 1] == ' ' || src[cut - 1] == '\t')) --cut;
  if (cut == ins.keyword.end) return noRepair("without the comment the instruction has no arguments");
  std::string comment = src.substr(at, commentEnd - at);
  // Above the first instruction, `# name=value` would read as a parser directive.
  bool first = &ins == &doc.instructions.front();
  if (first && comment.find('=') != std::string::npos) {
    return noRepair("on its own line above the first instruction, the comment would read as a parser directive");
  }
  std::string indent = src.substr(ins.lines.begin, ins.range.begin - ins.lines.begin);
  if (indent.find_first_not_of(" \t") != std::string::npos) indent.clear();
  edit::EditSet edits;
  edits.insert(ins.lines.begin, indent + comment + newlineOf(doc));
  edits.remove(cut, commentEnd - cut);
  Repair repair{coalesced(edits.edits()), "Move `" + comment + "` to its own line above " +
                                   std::string(ast::instructionKeyword(ins.kind)) +
                                   ", so its words are no longer arguments."};
  // The instruction must still read as one. Only its own lines are parsed
  // again (with the file's escape character), so a file with many such
  // comments costs no more than reading it once.
  std::vector<edit::Edit> local;
  for (const auto& e : edits.edits()) local.push_back({e.offset - ins.lines.begin, e.length, e.replacement});
  std::string lines = edit::applyEdits(std::string_view(src).substr(ins.lines.begin, ins.lines.end - ins.lines.begin), local);
  std::string snippet = doc.escape == '\\' ? lines : std::string("# escape=") + doc.escape + "\n" + lines;
  ast::Document fixed = syntax::readDockerfile(snippet, doc.path);
  if (!fixed.ok() || fixed.instructions.size() != 1 || fixed.instructions[0].kind != ins.kind) {
    return noRepair("the instruction would not parse without the comment" +
                    (fixed.error ? ": " + fixed.error->message : std::string()));
  }
  return {std::move(repair), ""};
}

namespace {
RepairOutcome repairStage(const ast::Document& doc, const analysis::BuildContext& context);
}  // namespace

// Values the repair writes go through migrate/DockerfileText's rule; one
// that cannot be written leaves the stage unrepaired, with the reason.
RepairOutcome repairRuntimeStage(const ast::Document& doc, const analysis::BuildContext& context) {
  try {
    return repairStage(doc, context);
  } catch (const migrate::UnsafeValue& e) {
    return noRepair(e.what());
  }
}

namespace {

RepairOutcome repairStage(const ast::Document& doc, const analysis::BuildContext& context) {
  if (doc.stages.size() < 2) return noRepair("restage repairs only the last stage of a multi-stage file");
  const auto& catalog = catalog::Catalog::get();
  const ast::Stage& last = doc.stages.back();
  const ast::Instruction& from = doc.instructions[last.from];
  const auto* fromArgs = from.as<ast::FromArgs>();
  if (!fromArgs || from.nodes.empty()) return noRepair("the stage's FROM has no image");
  analysis::StageFacts runtime = analysis::analyzeStage(doc, last);

  // What the stage starts: Node.js only.
  auto argv = startArgv(runtime);
  if (!argv || argv->empty()) return noRepair("the start command needs a shell, so restage cannot tell what it runs");
  const std::string& program = argv->front();
  std::string startText = "`" + migrate::dockerLine("the start command", joined(*argv)) + "`";
  if (program == "pnpm") {
    return noRepair("pnpm comes from corepack, not with the node images, so a runtime stage would download it at start");
  }
  if (program != "node" && program != "npm" && program != "npx" && program != "yarn") {
    return noRepair("restage repairs only Node.js starts (node, npm, npx, yarn); this one runs `" + program + "`");
  }

  // The builder: the one earlier stage this stage copies from.
  std::set<std::size_t> sources;
  for (std::size_t i = last.from + 1; i < last.end; ++i) {
    const ast::Flag* f = doc.instructions[i].flag("from");
    if (!f || !f->value) continue;
    auto s = stageNamed(doc, *f->value, last.index);
    if (!s) return noRepair("COPY --from=" + *f->value + " on " + lineRef(doc.instructions[i]) + " names no earlier stage");
    sources.insert(*s);
  }
  if (sources.empty()) return noRepair("the stage copies nothing from an earlier stage, so restage cannot tell where the app is");
  if (sources.size() > 1) return noRepair("the stage copies from more than one stage, so restage cannot tell which one builds the app");
  const ast::Stage& builder = doc.stages[*sources.begin()];
  const std::string builderName = builder.name.value_or(std::to_string(builder.index));
  if (stageNamed(doc, builder.base, builder.index)) {
    return noRepair("the builder stage starts FROM the stage " + builder.base + ", whose steps restage does not follow");
  }
  analysis::ImageRef image = analysis::ImageRef::parse(builder.base);
  if (image.hasVariable) return noRepair("the builder's image " + builder.base + " is set by a build argument");
  if (image.name != "node") {
    return noRepair("the builder (FROM " + builder.base + ") is not a node image, so restage cannot name a runtime image with its Node.js");
  }
  if (image.raw.find('@') != std::string::npos) {
    return noRepair("the builder's image is pinned by digest, which its small variant does not share");
  }
  auto slim = node::slimTag(image.tag);
  if (!slim) return noRepair("restage does not know the small variant of " + builder.base);
  std::string runtimeImage = "node:" + *slim;
  auto base = catalog.runtimeBase(runtimeImage);
  if (!base || !base->node) return noRepair("restage's catalog does not know " + runtimeImage);

  catalog::BuilderInfo info = catalog.builder(image);
  analysis::StageFacts built = analysis::analyzeStage(doc, builder, info.env, info.workdir);
  const std::string workdir = built.finalWorkdir;
  if (workdir == "/") return noRepair("the builder has no WORKDIR, so restage cannot tell which files are the app's");
  bool modules = false, productionOnly = false;
  const auto& cfg = catalog.languageConfig("node");
  for (const auto& rc : built.commands) {
    if (!node::isInstall(rc.argv) || node::isGlobal(rc.argv) || rc.cwd != workdir) continue;
    modules = true;
    for (const auto& marker : cfg.at("production_install_markers")) {
      if (std::find(rc.argv.begin(), rc.argv.end(), marker.get<std::string>()) != rc.argv.end()) productionOnly = true;
    }
  }
  // A context file the builder surely has in its WORKDIR.
  auto inBuilder = [&](const std::string& rel) {
    bool named = false;
    auto at = landsAt(doc, builder, rel, named);
    if (!at || *at != analysis::joinPath(workdir, rel)) return false;
    if (context.known()) return context.has(rel) && !context.ignored(rel);
    return named;
  };
  auto mayBeInBuilder = [&](const std::string& rel) {
    bool named = false;
    auto at = landsAt(doc, builder, rel, named);
    return at && *at == analysis::joinPath(workdir, rel);
  };

  // The stage's own instructions: which COPY brings the build output, what
  // stays as it is; anything whose meaning would change on another image or
  // WORKDIR means no repair.
  std::vector<std::string> outputs;  // build output paths in the builder
  struct Rewrite {
    const ast::Instruction* ins;
    std::string text;  // replaces the instruction's lines
  };
  std::vector<Rewrite> rewrites;
  std::optional<std::size_t> ownWorkdir;
  std::string nl = newlineOf(doc);
  for (std::size_t i = last.from + 1; i < last.end; ++i) {
    const auto& ins = doc.instructions[i];
    auto comment = trailingComment(doc, ins);
    switch (ins.kind) {
      case K::Run:
        return noRepair(lineRef(ins) + " runs a command on " + last.base + ", which restage does not carry to another image");
      case K::Workdir: {
        const auto* w = ins.as<ast::StringArgs>();
        bool same = w && w->value && analysis::joinPath("/", w->value->text) == workdir && !comment;
        if (!same || i != last.from + 1) return noRepair("the stage sets its own WORKDIR on " + lineRef(ins));
        ownWorkdir = i;
        break;
      }
      case K::Env:  // kept as written: NODE_ENV too, which the repair never sets
        break;
      case K::User: {
        const auto* u = ins.as<ast::StringArgs>();
        std::string user = u && u->value ? u->value->text : "";
        if (!numericUser(user) && !base->hasUser(user.substr(0, user.find(':')))) {
          return noRepair("USER " + user + " on " + lineRef(ins) + " does not exist on " + runtimeImage);
        }
        break;
      }
      case K::Copy:
      case K::Add: {
        auto words = copyWords(ins, comment);
        if (words.empty() || ins.json) return noRepair(lineRef(ins) + " has a COPY restage does not read");
        std::string dest = words.back();
        words.pop_back();
        const ast::Flag* fromFlag = ins.flag("from");
        if (!fromFlag) {
          if (dest.starts_with('/')) break;  // unchanged by another WORKDIR
          return noRepair(lineRef(ins) + " copies from the build context to a path relative to the stage's WORKDIR");
        }
        std::vector<std::string> flags;
        for (const auto& f : ins.flags) {
          if (f.name != "from" && f.name != "chown" && f.name != "chmod" && f.name != "link") {
            return noRepair(lineRef(ins) + " uses --" + f.name + ", which restage does not rewrite");
          }
          flags.push_back(f.raw);
        }
        std::size_t under = 0;
        for (const auto& s : words) {
          if (hasGlob(s) || hasBlank(s)) return noRepair(lineRef(ins) + " copies `" + s + "`, a pattern restage does not resolve");
          under += analysis::isUnder(analysis::joinPath("/", s), workdir) ? 1 : 0;
        }
        if (under == 0 && dest.starts_with('/')) break;  // stays as it is
        if (under != words.size()) {
          return noRepair(lineRef(ins) + " copies paths from outside the builder's WORKDIR " + workdir + " to a relative path");
        }
        // The build output keeps its place below the WORKDIR, where the
        // start command looks for it.
        std::string text;
        std::string indent = doc.source.substr(ins.lines.begin, ins.range.begin - ins.lines.begin);
        if (indent.find_first_not_of(" \t") != std::string::npos) indent.clear();
        if (comment) {
          std::string c = doc.source.substr(*comment, ins.range.end - *comment);
          while (!c.empty() && (c.back() == '\r' || c.back() == ' ' || c.back() == '\t')) c.pop_back();
          if (c.find('\n') != std::string::npos) return noRepair(lineRef(ins) + " has more lines after its comment");
          text += indent + c + "\n";
        }
        for (const auto& s : words) {
          std::string path = analysis::joinPath("/", s);
          std::string rel = relativeTo(path, workdir);
          text += indent + copyInstruction(flags, {s}, rel.empty() ? "./" : "./" + rel) + "\n";
          outputs.push_back(path);
        }
        rewrites.push_back({&ins, text});
        break;
      }
      default:
        break;
    }
  }
  if (outputs.empty()) return noRepair("the stage copies no build output from the builder's WORKDIR " + workdir);
  auto covered = [&](const std::string& path) {
    return std::any_of(outputs.begin(), outputs.end(), [&](const std::string& o) { return analysis::isUnder(path, o); });
  };

  // What the start needs: the file node runs, or a package's program, and
  // package.json when a package manager reads it.
  bool needsPackageJson = program != "node";
  std::string entry;   // the file node runs, relative to the WORKDIR
  std::string binary;  // a node_modules/.bin program
  const auto& pkg = context.packageJson();
  if (program == "node") {
    if (!node::isPlainNode(*argv)) return noRepair("the start command passes options to node, which restage does not read");
    entry = (*argv)[1];
  } else {
    node::PackageManagerStart how = node::readStart(*argv, context);
    if (how.builtinNode) return noRepair("the start command runs `yarn node`, which restage does not repair");
    if (!how.binary.empty()) {
      binary = how.binary;
    } else if (how.script.empty()) {
      return noRepair("restage cannot tell what " + startText + " runs");
    } else if (!context.known()) {
      return noRepair("without the build context restage cannot read package.json's `" + how.script +
                      "` script, so it cannot tell what " + startText + " needs");
    } else if (!context.has("package.json")) {
      return noRepair("the build context has no package.json, so restage cannot read the `" + how.script +
                      "` script " + startText + " runs");
    } else if (auto body = context.packageScript(how.script); !body) {
      return noRepair("package.json has no `" + how.script + "` script");
    } else if (auto words = simpleArgv(*body); !words) {
      return noRepair("the `" + how.script + "` script needs a shell, so restage cannot tell what it runs");
    } else if (node::isPlainNode(*words)) {
      entry = (*words)[1];
    } else if ((*words)[0] != "node" && installedPackage(pkg, (*words)[0], productionOnly)) {
      binary = (*words)[0];
    } else {
      return noRepair("the `" + how.script + "` script runs `" + *body +
                      "`, which is neither `node FILE` nor a program of a package the builder installs");
    }
  }
  if (!entry.empty()) {
    std::string file = analysis::joinPath(workdir, entry);
    if (!covered(file) && !(modules && analysis::isUnder(file, workdir + "/node_modules"))) {
      return noRepair("the start runs `node " + entry + "`, and the stage copies nothing that holds " + file);
    }
  }
  if (!binary.empty()) {
    if (!modules) return noRepair("the start runs `" + binary + "`, but the builder installs no node_modules in " + workdir);
    if (context.known() && !installedPackage(pkg, binary, productionOnly)) {
      return noRepair("the start runs `" + binary + "`, which package.json does not list among what the builder installs");
    }
    if (!context.known()) return noRepair("without the build context restage cannot tell where `" + binary + "` comes from");
  }
  bool packageJson = inBuilder("package.json");
  if (!packageJson && !context.known() && mayBeInBuilder("package.json")) {
    return noRepair("without the build context restage cannot tell whether the builder has " + workdir + "/package.json");
  }
  if (needsPackageJson && !packageJson) {
    return noRepair(startText + " reads package.json, which the builder does not put in " + workdir);
  }
  if (!modules && pkg.is_object() && pkg.contains("dependencies") && pkg["dependencies"].is_object() &&
      !pkg["dependencies"].empty()) {
    return noRepair("package.json lists dependencies, but the builder installs none in " + workdir);
  }

  // What the new lines copy, besides the build output.
  std::vector<std::string> files;
  std::vector<std::string> named;  // for the description
  if (packageJson && !covered(workdir + "/package.json")) {
    files.push_back(workdir + "/package.json");
    named.push_back("package.json");
    for (const char* lock : {"package-lock.json", "npm-shrinkwrap.json", "yarn.lock"}) {
      if (inBuilder(lock) && !covered(analysis::joinPath(workdir, lock))) {
        files.push_back(analysis::joinPath(workdir, lock));
        named.push_back(lock);
        break;
      }
    }
  }
  bool copyModules = modules && !covered(workdir + "/node_modules");
  if (copyModules) named.push_back("node_modules");
  std::string fromFlag = "--from=" + builderName;
  std::vector<std::string> added;
  if (!ownWorkdir) added.push_back("WORKDIR " + migrate::dockerLine("the WORKDIR", workdir));
  if (!files.empty() || copyModules) {
    std::string why = "# What " + startText + " needs besides the build output";
    if (why.size() > kMaxLine) why = "# What the start command needs besides the build output";
    added.push_back(why);
  }
  if (!files.empty()) added.push_back(copyInstruction({fromFlag}, files, "./"));
  if (copyModules) added.push_back(copyInstruction({fromFlag}, {workdir + "/node_modules"}, "./node_modules"));

  if (!migrate::validImageReference(runtimeImage)) {
    throw migrate::UnsafeValue("the runtime image \"" + migrate::showValue(runtimeImage) + "\" is not an image reference");
  }
  edit::EditSet edits;
  edits.replace(fromArgs->image.range.begin, fromArgs->image.range.end - fromArgs->image.range.begin, runtimeImage);
  std::size_t insertAt = ownWorkdir ? doc.instructions[*ownWorkdir].lines.end : from.lines.end;
  if (doc.source.compare(insertAt - 1, 1, "\n") != 0) return noRepair("the stage's first line does not end");
  std::string block;
  for (const auto& line : added) block += line + "\n";
  auto styled = [&](const std::string& text) {
    if (nl == "\n") return text;
    std::string out;
    for (char c : text) out += c == '\n' ? nl : std::string(1, c);
    return out;
  };
  edits.insert(insertAt, styled(block));
  for (const auto& r : rewrites) {
    std::string text = r.text;
    bool endsLine = r.ins->lines.end > r.ins->lines.begin && doc.source[r.ins->lines.end - 1] == '\n';
    if (!endsLine) text.pop_back();
    edits.replace(r.ins->lines.begin, r.ins->lines.end - r.ins->lines.begin, styled(text));
  }

  // The repaired file must read and pass the stage checks.
  ast::Document fixed = syntax::readDockerfile(edits.apply(doc.source), doc.path);
  if (!fixed.ok()) return noRepair("the repaired stage would not parse: " + fixed.error->message);
  auto problems = migrate::checkStageReferences(fixed);
  for (auto& p : migrate::checkRuntimeStage(fixed)) problems.push_back(std::move(p));
  if (!problems.empty()) return noRepair("the repaired stage would still fail restage's checks: " + problems.front());

  std::string what;
  named.insert(named.end(), outputs.begin(), outputs.end());
  for (std::size_t k = 0; k < named.size(); ++k) {
    what += (k == 0 ? "" : k + 1 == named.size() ? " and " : ", ") + named[k];
  }
  std::string onImage = runtimeImage == builder.base ? "the builder's own image " + runtimeImage
                                                    : runtimeImage + ", the small variant of the builder's " + builder.base;
  std::string description = "Run the last stage on " + onImage + ", in its WORKDIR " + workdir + ", with " + what +
                            " from the builder (what " + startText + " needs)";
  return {Repair{coalesced(edits.edits()), description + "."}, ""};
}

}  // namespace

}  // namespace restage::transforms
