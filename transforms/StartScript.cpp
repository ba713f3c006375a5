#include "transforms/StartScript.h"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include "shell/ShellScript.h"
#include "transforms/PlannerSupport.h"

namespace restage::transforms {

namespace {

const std::set<std::string>& shells() {
  static const std::set<std::string> names{"sh", "bash", "ash", "dash", "/bin/sh", "/bin/bash", "/bin/ash",
                                           "/bin/dash", "/usr/bin/bash", "/usr/bin/env"};
  return names;
}

// Commands that run the command after their own options: the program that
// follows is run too.
const std::set<std::string>& wrappers() {
  static const std::set<std::string> names{"exec", "command", "nohup", "env", "timeout", "nice", "time"};
  return names;
}

// `#!/bin/sh`, `#!/usr/bin/env bash`, ...
bool hasShellShebang(const std::string& text) {
  if (!text.starts_with("#!")) return false;
  std::string line = text.substr(2, text.find('\n') == std::string::npos ? std::string::npos : text.find('\n') - 2);
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  if (words.empty()) return false;
  if (baseName(words[0]) == "env" && words.size() > 1) return isShellName(words[1]);
  return isShellName(words[0]);
}

// Reads the programs of shell text into `script`; false (with why) when some
// of what it runs cannot be told.
bool readPrograms(const std::string& text, StartScript& script, int depth = 0) {
  shell::Script parsed = shell::parse_shell(text);
  if (!parsed.ok()) {
    script.whyUnknown = "has shell syntax restage cannot read";
    return false;
  }
  for (const auto& command : parsed.commands) {
    if (command.words.empty()) continue;
    std::size_t at = 0;
    // Step over wrappers to the program they run: `exec node x.js`,
    // `timeout 1 bash -c ...`, `env A=1 app`.
    while (at < command.words.size() && command.words[at].is_literal() &&
           wrappers().count(command.words[at].literal)) {
      std::string wrapper = command.words[at].literal;
      script.programs.push_back(wrapper);
      ++at;
      while (at < command.words.size() && command.words[at].is_literal() &&
             (command.words[at].literal.starts_with("-") || command.words[at].literal.find('=') != std::string::npos)) {
        ++at;
      }
      if (wrapper == "timeout" && at < command.words.size()) ++at;  // the duration
    }
    if (at >= command.words.size()) continue;
    const auto& word = command.words[at];
    if (!word.is_literal()) {
      // `exec "$@"` runs the command line the image was started with, which
      // is read from CMD/ENTRYPOINT already.
      if (at > 0 && (word.text == "\"$@\"" || word.text == "$@")) continue;
      script.whyUnknown = "runs a command named by a variable (" + word.text + ")";
      return false;
    }
    const std::string& name = word.literal;
    if (name == "." || name == "source") {
      script.whyUnknown = "sources another file with `" + name + "`";
      return false;
    }
    script.programs.push_back(name);
    // `bash -c TEXT`: the text runs too.
    if (isShellName(name) && at + 2 < command.words.size() && command.words[at + 1].literal == "-c") {
      const auto& inner = command.words[at + 2];
      if (!inner.is_literal() || depth > 2) {
        script.whyUnknown = "runs `" + name + " -c` with text restage cannot read";
        return false;
      }
      if (!readPrograms(inner.literal, script, depth + 1)) return false;
    }
  }
  return true;
}

}  // namespace

bool isShellName(const std::string& program) {
  std::string name = baseName(program);
  return name == "sh" || name == "bash" || name == "ash" || name == "dash";
}

std::optional<std::string> contextPathOf(const ast::Document& doc, const analysis::StageFacts& facts,
                                         const analysis::BuildContext& context, const std::string& imagePath) {
  std::optional<std::string> found;
  forEachContextCopy(doc, facts, [&](const ast::CopyArgs& a, const std::string& dest, bool destIsDir) {
    for (const auto& src : a.sources) {
      // Context-relative, no leading or trailing slash; "" is the root.
      std::string s = analysis::joinPath("/", src.text).substr(1);
      if (s.empty() || context.hasDir(s)) {
        // A folder's contents land in dest.
        if (imagePath != dest && analysis::isUnder(imagePath, dest)) {
          std::string rest = imagePath.substr(dest == "/" ? 1 : dest.size() + 1);
          std::string candidate = s.empty() ? rest : s + "/" + rest;
          if (context.has(candidate)) found = candidate;
        }
      } else if (s.find_first_of("*?[") != std::string::npos) {
        // A pattern: files of its folder whose names match land in dest.
        if (dirName(imagePath) != dest) continue;
        std::string folder = s.find('/') == std::string::npos ? "" : s.substr(0, s.rfind('/') + 1);
        std::string candidate = folder + baseName(imagePath);
        if (context.has(candidate) && ::fnmatch(s.c_str(), candidate.c_str(), FNM_PATHNAME) == 0) found = candidate;
      } else if (context.has(s)) {
        std::string landed = destIsDir ? analysis::joinPath(dest, baseName(s)) : dest;
        if (landed == imagePath) found = s;
      }
    }
  });
  return found;
}

std::optional<StartScript> startScript(const ast::Document& doc, const analysis::StageFacts& facts,
                                       const analysis::BuildContext& context) {
  auto start = facts.start();
  if (!start) return std::nullopt;
  return scriptRun(doc, facts, context, start->argv);
}

StartScript shellScriptPrograms(const std::string& text) {
  StartScript script;
  script.path = "-c";
  script.known = readPrograms(text, script);
  return script;
}

std::optional<StartScript> scriptRun(const ast::Document& doc, const analysis::StageFacts& facts,
                                     const analysis::BuildContext& context, const std::vector<std::string>& argv) {
  if (argv.empty()) return std::nullopt;
  StartScript script;
  std::string file;
  if (shells().count(argv[0]) && argv[0] != "/usr/bin/env") {
    if (argv.size() < 2) return std::nullopt;
    if (argv[1] == "-c") {
      // Shell form (`/bin/sh -c TEXT`) is the start command itself, read
      // already; an explicit `sh -c TEXT` reads the same way.
      if (argv.size() < 3) return std::nullopt;
      script.path = "-c";
      script.known = readPrograms(argv[2], script);
      return script;
    }
    if (argv[1].starts_with("-")) return std::nullopt;
    file = argv[1];
  } else {
    file = argv[0];
  }
  bool viaShell = file != argv[0];
  // `sh FILE` reads FILE from the working folder; a bare program name is
  // looked up on the PATH.
  std::string imagePath;
  std::optional<std::string> fromContext;
  if (viaShell || file.find('/') != std::string::npos) {
    imagePath = analysis::joinPath(facts.finalWorkdir, file);
    fromContext = contextPathOf(doc, facts, context, imagePath);
  } else {
    for (const auto& folder : facts.pathFolders()) {
      std::string candidate = analysis::joinPath(folder, file);
      if (auto found = contextPathOf(doc, facts, context, candidate)) {
        imagePath = candidate;
        fromContext = found;
        break;
      }
    }
  }
  std::string text = fromContext ? context.readText(*fromContext) : std::string();
  bool isScript = viaShell || file.ends_with(".sh") || (!text.empty() && hasShellShebang(text));
  if (!isScript) return std::nullopt;
  // A bare name no COPY put on the PATH is the base image's own program
  // (node's docker-entrypoint.sh): what it calls comes with that image.
  if (!fromContext && !viaShell && file.find('/') == std::string::npos) return std::nullopt;
  script.path = imagePath.empty() ? file : imagePath;
  script.contextPath = fromContext;
  if (!fromContext) {
    script.whyUnknown = context.known() ? "is not a file the build copies from the context"
                                        : "is not readable without the build context";
    return script;
  }
  if (text.empty()) {
    script.whyUnknown = "could not be read (empty, too large or not a regular file)";
    return script;
  }
  script.known = readPrograms(text, script);
  return script;
}

}  // namespace restage::transforms
