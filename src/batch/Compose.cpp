#include "batch/Compose.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string_view>
#include <system_error>

#include "Error.h"
#include "io/FileIO.h"
#include "io/Paths.h"

namespace restage::batch {

namespace fs = std::filesystem;

const std::vector<std::string>& composeFileNames() {
  static const std::vector<std::string> names = {"compose.yaml", "compose.yml", "docker-compose.yaml",
                                                 "docker-compose.yml"};
  return names;
}

const std::vector<std::string>& composeOverrideFileNames() {
  static const std::vector<std::string> names = {"compose.override.yaml", "compose.override.yml",
                                                 "docker-compose.override.yaml", "docker-compose.override.yml"};
  return names;
}

namespace {

// `FILE:LINE:COL: ` for a node or an exception's mark (1-based).
// "FILE:LINE:COL: error: ", as the config reader words its errors (thrown
// as LocatedError, printed as it is): a file restage found under an
// absolute path is shown relative to the current folder when it is below it.
std::string where(const fs::path& file, const YAML::Mark& mark) {
  fs::path shown = file;
  if (file.is_absolute()) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    fs::path rel = ec ? fs::path() : file.lexically_proximate(cwd);
    if (!rel.empty() && !rel.is_absolute() && *rel.begin() != "..") shown = rel;
  }
  if (mark.is_null()) return shown.string() + ": error: ";
  return shown.string() + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": error: ";
}

// A `build:` as one compose file writes it, before it is merged and resolved.
struct RawBuild {
  std::optional<std::string> context;
  std::optional<std::string> dockerfile;
  bool inlineDockerfile = false;
  // Name -> value; no value: Compose takes it from the environment.
  std::vector<std::pair<std::string, std::optional<std::string>>> args;
  std::string problem;  // why this build cannot be used, "" when it can
  fs::path file;        // where it was written (the last file that changed it)
};

// Compose interpolates `${VAR}` and `$VAR` from the environment and .env;
// `$$` is a literal `$`. Nothing when the text needs interpolation.
std::optional<std::string> literal(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      out += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == '$') {
      out += '$';
      ++i;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// A command's text after Compose's interpolation when it needs none; as
// written (and the command marked unresolved) when it names variables.
std::string interpolated(const std::string& text, ComposeCommand& c) {
  if (auto plain = literal(text)) return *plain;
  c.unresolved = true;
  return text;
}

// What one compose file says about a service: its build, and what it runs.
struct RawService {
  std::optional<RawBuild> build;
  std::optional<ComposeCommand> entrypoint;
  std::optional<ComposeCommand> command;
  std::optional<ComposeCommand> healthcheck;
};

// Walks the parts of a compose document restage reads, counting every node
// it touches: aliases share nodes, so a small document can stand for a huge
// tree, and the count is what bounds the work.
class Reader {
 public:
  explicit Reader(fs::path file) : file_(std::move(file)) {}

  void touch(const YAML::Node& node) {
    if (++visited_ > kMaxComposeNodes) {
      throw LocatedError(where(file_, node.Mark()) + "more than " + std::to_string(kMaxComposeNodes) +
                  " YAML nodes to read (aliases that expand to too much, or a very large file); restage stops here");
    }
    // A scalar counts its full size at each use: one 128 KB string under an
    // anchor used by 2,000 services is 256 MB of text to read.
    if (node.IsScalar() && (textBytes_ += node.Scalar().size()) > kMaxComposeTextBytes) {
      throw LocatedError(where(file_, node.Mark()) + "more than " + std::to_string(kMaxComposeTextBytes / (1024 * 1024)) +
                  " MiB of text to read (aliases that repeat long values); restage stops here");
    }
  }

  // A mapping's entries, `<<` merge keys expanded (explicit keys win, then
  // the merged maps in order), as Compose reads them.
  std::vector<std::pair<std::string, YAML::Node>> entries(const YAML::Node& map, int depth = 0) {
    std::vector<std::pair<std::string, YAML::Node>> out;
    std::set<std::string> seen;
    std::vector<YAML::Node> merged;
    touch(map);
    for (auto it = map.begin(); it != map.end(); ++it) {
      // Copies: `it->second` lives in a temporary the iterator hands out,
      // gone before a loop over it would start.
      YAML::Node keyNode = it->first;
      YAML::Node value = it->second;
      touch(keyNode);
      if (!keyNode.IsScalar()) continue;
      std::string key = keyNode.Scalar();
      if (key == "<<") {
        if (value.IsMap()) merged.push_back(value);
        if (value.IsSequence()) {
          for (const auto& m : value) {
            touch(m);
            if (m.IsMap()) merged.push_back(m);
          }
        }
        continue;
      }
      if (seen.insert(key).second) out.emplace_back(key, value);
    }
    if (depth < 8) {
      for (const auto& m : merged) {
        for (auto& [key, value] : entries(m, depth + 1)) {
          if (seen.insert(key).second) out.emplace_back(key, value);
        }
      }
    }
    return out;
  }

  // A scalar as text; nothing for a null, a map or a list.
  std::optional<std::string> scalar(const YAML::Node& node) {
    touch(node);
    if (!node.IsScalar()) return std::nullopt;
    return node.Scalar();
  }

  RawBuild build(const YAML::Node& node) {
    RawBuild b;
    b.file = file_;
    touch(node);
    if (node.IsScalar()) {
      b.context = node.Scalar();
      return b;
    }
    if (!node.IsMap()) {
      b.problem = "its build is neither a context path nor a mapping";
      return b;
    }
    for (const auto& [key, value] : entries(node)) {
      if (key == "context") {
        b.context = scalar(value);
        if (!b.context) b.problem = "its build.context is not a string";
      } else if (key == "dockerfile") {
        b.dockerfile = scalar(value);
        if (!b.dockerfile) b.problem = "its build.dockerfile is not a string";
      } else if (key == "dockerfile_inline") {
        b.inlineDockerfile = true;
      } else if (key == "args") {
        readArgs(value, b);
      }
    }
    return b;
  }

  // `entrypoint` or `command`: a list (exec form) or a string (words).
  ComposeCommand command(const YAML::Node& node, const std::string& key) {
    touch(node);
    ComposeCommand c = commandAt(node, key);
    c.file = file_;
    return c;
  }

  ComposeCommand commandAt(const YAML::Node& node, const std::string& key) {
    ComposeCommand c;
    if (node.IsNull()) {
      c.form = ComposeCommand::Form::None;
    } else if (node.IsScalar()) {
      c = splitComposeWords(node.Scalar());
      if (c.argv.empty() && c.problem.empty()) c.form = ComposeCommand::Form::None;
    } else if (node.IsSequence()) {
      c.form = ComposeCommand::Form::Exec;
      c.argv = words(node, key, c);
      if (c.argv.empty() && c.problem.empty()) c.form = ComposeCommand::Form::None;
    } else {
      c.problem = "its " + key + " is neither a string nor a list";
    }
    return c;
  }

  // `healthcheck`: its `test` (or `disable: true`); nothing when it names
  // neither, since the image's own HEALTHCHECK then applies.
  std::optional<ComposeCommand> healthcheck(const YAML::Node& node) {
    touch(node);
    if (!node.IsMap()) return std::nullopt;
    std::optional<ComposeCommand> out;
    for (const auto& [key, value] : entries(node)) {
      if (key == "disable") {
        auto text = scalar(value);
        if (text && (*text == "true" || *text == "True" || *text == "yes")) {
          ComposeCommand none;
          none.form = ComposeCommand::Form::None;
          none.file = file_;
          return none;
        }
      } else if (key == "test") {
        out = healthcheckTest(value);
        if (out) out->file = file_;
      }
    }
    return out;
  }

 private:
  std::optional<ComposeCommand> healthcheckTest(const YAML::Node& node) {
    touch(node);
    ComposeCommand c;
    if (node.IsScalar()) {
      // A string is CMD-SHELL.
      c.form = ComposeCommand::Form::Shell;
      c.text = node.Scalar();
      markShellText(c);
      return c;
    }
    if (!node.IsSequence()) {
      if (node.IsNull()) return std::nullopt;
      c.problem = "its healthcheck.test is neither a string nor a list";
      return c;
    }
    std::vector<std::string> list = words(node, "healthcheck.test", c);
    if (list.empty()) return std::nullopt;  // `test: []` inherits the image's
    const std::string kind = list.front();
    list.erase(list.begin());
    if (kind == "NONE") {
      c.form = ComposeCommand::Form::None;
    } else if (kind == "CMD") {
      c.form = ComposeCommand::Form::Exec;
      c.argv = std::move(list);
    } else if (kind == "CMD-SHELL") {
      c.form = ComposeCommand::Form::Shell;
      for (const auto& w : list) c.text += (c.text.empty() ? "" : " ") + w;
      markShellText(c);
    } else {
      c.problem = "its healthcheck.test starts with " + kind + ", not CMD, CMD-SHELL or NONE";
    }
    return c;
  }

  // The text of a list's string entries, `$$` read as `$`.
  std::vector<std::string> words(const YAML::Node& list, const std::string& key, ComposeCommand& c) {
    std::vector<std::string> out;
    for (const auto& item : list) {
      auto text = scalar(item);
      if (!text) {
        c.problem = "an entry of its " + key + " is not a string";
        continue;
      }
      out.push_back(interpolated(*text, c));
    }
    return out;
  }

  static void markShellText(ComposeCommand& c) { c.text = interpolated(c.text, c); }

  void readArgs(const YAML::Node& node, RawBuild& b) {
    touch(node);
    if (node.IsMap()) {
      for (const auto& [key, value] : entries(node)) {
        touch(value);
        if (value.IsNull()) {
          b.args.emplace_back(key, std::nullopt);
        } else if (value.IsScalar()) {
          b.args.emplace_back(key, value.Scalar());
        } else {
          b.problem = "its build.args." + key + " is not a single value";
        }
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
        auto text = scalar(item);
        if (!text) {
          b.problem = "an entry of its build.args is not a `KEY=VALUE` string";
          continue;
        }
        auto eq = text->find('=');
        if (eq == std::string::npos) {
          b.args.emplace_back(*text, std::nullopt);
        } else {
          b.args.emplace_back(text->substr(0, eq), text->substr(eq + 1));
        }
      }
    } else if (!node.IsNull()) {
      b.problem = "its build.args is neither a mapping nor a list";
    }
  }

  fs::path file_;
  std::size_t visited_ = 0;
  std::size_t textBytes_ = 0;
};

YAML::Node load(const std::string& text, const fs::path& file) {
  if (text.size() > kMaxComposeBytes) {
    throw LocatedError(where(file, YAML::Mark::null_mark()) + "larger than " + std::to_string(kMaxComposeBytes) +
                " bytes; restage does not read compose files that large");
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw LocatedError(where(file, e.mark) + "invalid YAML: nested too deeply");
  } catch (const YAML::Exception& e) {
    throw LocatedError(where(file, e.mark) + "invalid YAML: " + e.msg);
  }
}

// What each service of one document says, in order; services with none of
// build, entrypoint, command and healthcheck are left out.
std::vector<std::pair<std::string, RawService>> readServices(const YAML::Node& doc, const fs::path& file) {
  std::vector<std::pair<std::string, RawService>> out;
  if (doc.IsNull()) return out;  // an empty file
  if (!doc.IsMap()) throw LocatedError(where(file, doc.Mark()) + "a compose file is a mapping (services: ...)");
  Reader reader(file);
  YAML::Node services;
  for (const auto& [key, value] : reader.entries(doc)) {
    if (key == "services") services = value;
  }
  if (!services || services.IsNull()) return out;
  if (!services.IsMap()) throw LocatedError(where(file, services.Mark()) + "`services` is not a mapping");
  auto all = reader.entries(services);
  if (all.size() > kMaxComposeServices) {
    throw LocatedError(where(file, services.Mark()) + std::to_string(all.size()) + " services, more than " +
                std::to_string(kMaxComposeServices) + "; restage does not read compose files that large");
  }
  for (const auto& [name, service] : all) {
    reader.touch(service);
    if (!service.IsMap()) continue;  // nothing restage can read from it
    RawService raw;
    for (const auto& [key, value] : reader.entries(service)) {
      if (key == "build") raw.build = reader.build(value);
      if (key == "entrypoint") raw.entrypoint = reader.command(value, "entrypoint");
      if (key == "command") raw.command = reader.command(value, "command");
      if (key == "healthcheck") raw.healthcheck = reader.healthcheck(value);
    }
    if (raw.build || raw.entrypoint || raw.command || raw.healthcheck) out.emplace_back(name, std::move(raw));
  }
  return out;
}

// Compose's merge of an override's build over the base's.
void mergeBuild(RawBuild& base, const RawBuild& over) {
  if (over.context) base.context = over.context;
  if (over.dockerfile) base.dockerfile = over.dockerfile;
  base.inlineDockerfile |= over.inlineDockerfile;
  for (const auto& [key, value] : over.args) {
    bool replaced = false;
    for (auto& arg : base.args) {
      if (arg.first == key) {
        arg.second = value;
        replaced = true;
      }
    }
    if (!replaced) base.args.emplace_back(key, value);
  }
  if (!over.problem.empty()) base.problem = over.problem;
  base.file = over.file;
}

// Compose's merge of an override's service over the base's: the build as
// above, what it runs replaced whole.
void mergeService(RawService& base, const RawService& over) {
  if (over.build) {
    if (base.build) mergeBuild(*base.build, *over.build);
    else base.build = over.build;
  }
  if (over.entrypoint) base.entrypoint = over.entrypoint;
  if (over.command) base.command = over.command;
  if (over.healthcheck) base.healthcheck = over.healthcheck;
}

// `a/b/` (what lexically_normal makes of `a/b/.`) as `a/b`.
fs::path withoutTrailingSlash(const fs::path& p) {
  std::string s = p.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool isRemote(const std::string& context) {
  return context.find("://") != std::string::npos || context.starts_with("git@") ||
         context.starts_with("github.com/");
}

// Resolves one merged build against the compose file's folder.
void resolve(const std::string& service, const RawService& raw, const fs::path& dir, ComposeProject& project) {
  const RawBuild& b = *raw.build;
  auto skip = [&](std::string reason) { project.skipped.push_back({b.file, service, std::move(reason)}); };
  if (!b.problem.empty()) return skip(b.problem);
  if (b.inlineDockerfile) return skip("its Dockerfile is inline (dockerfile_inline)");
  std::string contextText = b.context.value_or(".");
  if (isRemote(contextText)) return skip("its context " + contextText + " is remote (git or URL)");
  auto context = literal(contextText);
  if (!context) return skip("its context " + contextText + " needs variable interpolation");
  auto dockerfile = literal(b.dockerfile.value_or("Dockerfile"));
  if (!dockerfile) return skip("its dockerfile " + *b.dockerfile + " needs variable interpolation");
  fs::path contextPath = (dir / *context).lexically_normal();
  std::error_code ec;
  if (!fs::is_directory(contextPath, ec)) return skip("its context " + contextText + " is not a folder");
  fs::path dockerfilePath = (contextPath / *dockerfile).lexically_normal();
  if (!fs::is_regular_file(dockerfilePath, ec)) {
    return skip("its Dockerfile " + dockerfilePath.lexically_relative(dir).string() + " does not exist");
  }
  ComposeBuild out;
  out.service = service;
  out.composeFile = b.file;
  out.context = withoutTrailingSlash(contextPath);
  out.dockerfile = dockerfilePath;
  for (const auto& [key, value] : b.args) {
    if (!value) {
      skip("its build argument " + key + " has no value (Compose would take it from the environment)");
      continue;
    }
    auto text = literal(*value);
    if (!text) {
      skip("its build argument " + key + "=" + *value + " needs variable interpolation");
      continue;
    }
    out.args.emplace_back(key, *text);
  }
  out.entrypoint = raw.entrypoint;
  out.command = raw.command;
  out.healthcheck = raw.healthcheck;
  project.builds.push_back(std::move(out));
}

}  // namespace

ComposeCommand splitComposeWords(const std::string& text) {
  ComposeCommand c;
  c.form = ComposeCommand::Form::Words;
  c.text = text;
  std::string word;
  bool inWord = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quote == '\'') {
      if (ch == '\'') quote = 0;
      else word += ch;
    } else if (quote == '"') {
      if (ch == '"') {
        quote = 0;
      } else if (ch == '\\' && i + 1 < text.size() &&
                 std::string_view("\"\\$`").find(text[i + 1]) != std::string_view::npos) {
        word += text[++i];
      } else {
        word += ch;
      }
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      inWord = true;
    } else if (ch == '\\' && i + 1 < text.size()) {
      word += text[++i];
      inWord = true;
    } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      if (inWord) c.argv.push_back(std::move(word));
      word.clear();
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) c.problem = std::string("its text has an unterminated ") + (quote == '"' ? "double" : "single") + " quote";
  if (inWord) c.argv.push_back(std::move(word));
  for (auto& w : c.argv) w = interpolated(w, c);
  return c;
}

ComposeProject parseCompose(const std::string& text, const fs::path& file, const std::string* overrideText,
                            const fs::path& overrideFile) {
  ComposeProject project;
  project.files.push_back(file);
  auto services = readServices(load(text, file), file);
  if (overrideText) {
    project.files.push_back(overrideFile);
    for (auto& [service, over] : readServices(load(*overrideText, overrideFile), overrideFile)) {
      bool merged = false;
      for (auto& [name, base] : services) {
        if (name == service) {
          mergeService(base, over);
          merged = true;
        }
      }
      if (!merged) services.emplace_back(service, std::move(over));
    }
  }
  fs::path dir = fs::absolute(file).parent_path().lexically_normal();
  for (const auto& [service, raw] : services) {
    if (raw.build) resolve(service, raw, dir, project);
  }
  return project;
}

std::optional<ComposeProject> readComposeFolder(const fs::path& dir) {
  auto first = [&](const std::vector<std::string>& names) -> std::optional<fs::path> {
    for (const auto& name : names) {
      std::error_code ec;
      if (fs::is_regular_file(dir / name, ec)) return dir / name;
    }
    return std::nullopt;
  };
  auto base = first(composeFileNames());
  if (!base) return std::nullopt;
  auto readBounded = [](const fs::path& file) {
    // Found in the repository, so not through a symlink out of it.
    if (auto escape = io::symlinkEscape(file)) {
      throw Error(file.string() + ": not read [symlink-outside-root]: " + *escape);
    }
    return io::readFile(file, kMaxComposeBytes);
  };
  std::string text = readBounded(*base);
  if (auto over = first(composeOverrideFileNames())) {
    std::string overText = readBounded(*over);
    return parseCompose(text, *base, &overText, *over);
  }
  return parseCompose(text, *base);
}

}  // namespace restage::batch
