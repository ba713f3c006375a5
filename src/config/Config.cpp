#include "config/Config.h"
#include "migrate/DockerfileText.h"

#include <fmt/core.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "cli/Spelling.h"
#include "glob/Wildcard.h"
#include "io/FileIO.h"
#include "io/Paths.h"
#include "suggest/Rule.h"

namespace restage::config {

namespace fs = std::filesystem;

namespace {

// A value quoted in an error message: at most 100 bytes of it (a key or
// value may be 64 KiB), cut at a character boundary. Control characters are
// escaped where the message is printed (output::printLine).
std::string shown(std::string_view value) {
  if (value.size() <= 100) return std::string(value);
  std::size_t cut = 100;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "...";
}

}  // namespace

// ---- globs

namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

Glob Glob::parse(std::string_view pattern) {
  Glob g;
  g.text_ = std::string(pattern);
  if (pattern.empty()) throw std::invalid_argument("an empty glob");
  if (pattern.front() == '/') {
    throw std::invalid_argument("'" + shown(g.text_) + "' is absolute; globs are relative to the configuration file's folder");
  }
  for (char c : pattern) {
    if (c == '\\') throw std::invalid_argument("'" + shown(g.text_) + "' has a backslash; separate folders with '/'");
    if (c == '[' || c == ']' || c == '{' || c == '}') {
      throw std::invalid_argument("'" + shown(g.text_) + "' has '" + std::string(1, c) +
                                  "': character classes and braces are not supported (only *, ? and **)");
    }
    if (static_cast<unsigned char>(c) < 0x20) throw std::invalid_argument("a glob with a control character");
  }
  if (pattern.back() == '/') {
    g.folder_ = true;
    pattern.remove_suffix(1);
  }
  for (std::string_view segment : splitPath(pattern)) {
    if (segment.empty()) throw std::invalid_argument("'" + shown(g.text_) + "' has an empty folder name ('//')");
    if (segment == "." || segment == "..") {
      throw std::invalid_argument("'" + shown(g.text_) + "' has a '" + std::string(segment) +
                                  "' segment; globs are relative to the configuration file's folder");
    }
    if (segment != "**" && segment.find("**") != std::string_view::npos) {
      throw std::invalid_argument("'" + shown(g.text_) + "': '**' must be a whole segment, as in 'a/**/b'");
    }
    g.segments_.emplace_back(segment);
  }
  return g;
}

bool Glob::matches(std::string_view relativePath) const {
  std::vector<std::string_view> path = splitPath(relativePath);
  // reach[j]: the pattern's segments so far match path[0, j).
  std::vector<char> reach(path.size() + 1, 0);
  reach[0] = 1;
  for (const auto& segment : segments_) {
    std::vector<char> next(path.size() + 1, 0);
    if (segment == "**") {
      bool any = false;
      for (std::size_t j = 0; j <= path.size(); ++j) {
        any = any || reach[j];
        next[j] = any;
      }
    } else {
      for (std::size_t j = 0; j < path.size(); ++j) {
        if (reach[j] && segmentMatches(segment, path[j])) next[j + 1] = 1;
      }
    }
    reach = std::move(next);
  }
  if (!folder_) return reach[path.size()] != 0;
  // A folder: some proper prefix of the path (the file is inside it).
  for (std::size_t j = 1; j < path.size(); ++j) {
    if (reach[j]) return true;
  }
  return segments_.size() == 1 && segments_[0] == "**" && path.size() > 1;
}

// ---- sizes

long long parseSize(std::string_view text) {
  std::string s(text);
  auto bad = [&] {
    return std::invalid_argument("'" + shown(s) + "' is not a size (for example 50MB, 200 MiB, 1.5GB, 1000000)");
  };
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  std::size_t whole = i;
  if (whole == 0) throw bad();
  std::size_t fractionEnd = i;
  if (i < s.size() && s[i] == '.') {
    fractionEnd = ++i;
    while (fractionEnd < s.size() && s[fractionEnd] >= '0' && s[fractionEnd] <= '9') ++fractionEnd;
    if (fractionEnd == i) throw bad();
  }
  if (whole > 15 || fractionEnd - whole > 10) throw bad();
  std::size_t u = fractionEnd;
  while (u < s.size() && s[u] == ' ') ++u;
  std::string unit;
  for (; u < s.size(); ++u) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(s[u])));
  double scale;
  if (unit.empty() || unit == "b") scale = 1;
  else if (unit == "kb" || unit == "k") scale = 1e3;
  else if (unit == "mb" || unit == "m") scale = 1e6;
  else if (unit == "gb" || unit == "g") scale = 1e9;
  else if (unit == "kib") scale = 1024.0;
  else if (unit == "mib") scale = 1024.0 * 1024;
  else if (unit == "gib") scale = 1024.0 * 1024 * 1024;
  else throw bad();
  double value = std::stod(s.substr(0, fractionEnd)) * scale;
  if (!(value < 1e15)) throw std::invalid_argument("'" + shown(s) + "' is too large");
  return std::llround(value);
}

// ---- the file

namespace {

constexpr const char* kKeys[] = {"exclude", "min-saving", "runtime-base", "languages", "fail-on", "select", "ignore"};
constexpr const char* kLanguages[] = {"node", "go", "cpp"};

class Reader {
 public:
  explicit Reader(const fs::path& file) : file_(file) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& what) const {
    int line = mark.is_null() ? 0 : mark.line;
    int column = mark.is_null() ? 0 : mark.column;
    throw ConfigError(fmt::format("{}:{}:{}: error: {}", file_.string(), line + 1, column + 1, what));
  }

  std::string didYouMean(const std::string& word, const std::vector<std::string>& known) const {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    if (auto near = cli::closestName(word, known)) return " (did you mean '" + *near + "'?)";
    return " (known: " + list + ")";
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (node.IsNull()) fail(node.Mark(), what + " has no value");
    if (!node.IsScalar()) fail(node.Mark(), what + " must be a single value, not a " + kind(node));
    return node.Scalar();
  }

  void expectList(const YAML::Node& node, const std::string& key) const {
    if (!node.IsSequence()) {
      fail(node.Mark(), "'" + shown(key) + "' must be a list (- item, or [a, b]), not a " + kind(node));
    }
    if (node.size() > kMaxPatterns) {
      fail(node.Mark(), fmt::format("'{}' has {} entries; restage takes at most {}", shown(key), node.size(), kMaxPatterns));
    }
  }

  struct Entry {
    std::string key;
    YAML::Mark keyMark;
    YAML::Node value;
  };
  // The entries of a mapping, each key once.
  std::vector<Entry> entries(const YAML::Node& map, const std::string& what) const {
    if (!map.IsMap()) fail(map.Mark(), what + " must be a mapping (key: value), not a " + kind(map));
    std::vector<Entry> out;
    std::map<std::string, int> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string key = scalar(it->first, "a key in " + what);
      if (auto s = seen.find(key); s != seen.end()) {
        fail(it->first.Mark(), "'" + shown(key) + "' is given twice in " + what + " (first on line " +
                                   std::to_string(s->second) + ")");
      }
      seen[key] = it->first.Mark().line + 1;
      out.push_back({key, it->first.Mark(), it->second});
    }
    return out;
  }

  static std::string kind(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Sequence: return "list";
      case YAML::NodeType::Map: return "mapping";
      case YAML::NodeType::Null: return "empty value";
      default: return "single value";
    }
  }

  std::string image(const YAML::Node& node, const std::string& what) const {
    std::string s = scalar(node, what);
    // The reference grammar the runtime FROM line is checked with
    // (migrate/DockerfileText.h): no blanks, quotes, markdown or HTML.
    bool ok = migrate::validImageReference(s);
    if (!ok) fail(node.Mark(), "'" + shown(s) + "' is not an image reference (for example debian:bookworm-slim)");
    return s;
  }

  Glob glob(const YAML::Node& node, const std::string& what) const {
    std::string s = scalar(node, what);
    try {
      return Glob::parse(s);
    } catch (const std::invalid_argument& e) {
      fail(node.Mark(), e.what());
    }
  }

 private:
  const fs::path& file_;
};

void readRuntimeBase(const Reader& r, const YAML::Node& node, Config& c) {
  std::vector<std::string> known(std::begin(kLanguages), std::end(kLanguages));
  known.push_back("paths");
  for (const auto& entry : r.entries(node, "'runtime-base'")) {
    if (entry.key == "paths") {
      auto paths = r.entries(entry.value, "'runtime-base: paths'");
      if (paths.size() > kMaxPatterns) {
        r.fail(entry.value.Mark(), fmt::format("'runtime-base: paths' has {} entries; restage takes at most {}",
                                               paths.size(), kMaxPatterns));
      }
      for (const auto& path : paths) {
        Glob g;
        try {
          g = Glob::parse(path.key);
        } catch (const std::invalid_argument& e) {
          r.fail(path.keyMark, e.what());
        }
        c.runtimeBaseByPath.push_back({std::move(g), r.image(path.value, "the image for '" + path.key + "'")});
      }
    } else if (std::find(std::begin(kLanguages), std::end(kLanguages), entry.key) != std::end(kLanguages)) {
      c.runtimeBaseByLanguage[entry.key] = r.image(entry.value, "'runtime-base: " + entry.key + "'");
    } else {
      r.fail(entry.keyMark, "unknown key '" + entry.key +
                                "' in 'runtime-base': a language (node, go, cpp) or 'paths'" +
                                r.didYouMean(entry.key, known));
    }
  }
}

std::vector<std::string> listEntries(const Reader& r, const YAML::Node& node, const std::string& key) {
  r.expectList(node, key);
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(r.scalar(item, "an entry of '" + key + "'"));
  return out;
}

// The YAML node of the entry an invalid_argument is about: the first one
// that alone is rejected.
template <typename Parse>
void readList(const Reader& r, const YAML::Node& node, const std::string& key, Parse parse) {
  std::vector<std::string> entries = listEntries(r, node, key);
  try {
    parse(entries);
  } catch (const std::invalid_argument& e) {
    for (const auto& item : node) {
      try {
        parse({item.Scalar()});
      } catch (const std::invalid_argument& one) {
        r.fail(item.Mark(), one.what());
      }
    }
    r.fail(node.Mark(), e.what());
  }
}

}  // namespace

std::vector<std::string> splitList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string item = v.substr(start, comma - start);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.erase(0, 1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.pop_back();
      if (!item.empty()) out.push_back(item);
      start = comma + 1;
    }
  }
  return out;
}

namespace {

std::string didYouMeanRule(const std::string& word, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> known = extra;
  for (const auto* rule : suggest::kRules) {
    known.emplace_back(rule->code);
    known.emplace_back(rule->name);
  }
  if (auto near = cli::closestName(word, known)) return " (did you mean '" + *near + "'?)";
  std::string list;
  for (const auto& k : extra) list += k + ", ";
  return " (known: " + list + "RS001 to RS005 or their names; restage rule lists them)";
}

}  // namespace

std::set<std::string> parseRuleList(const std::vector<std::string>& entries) {
  std::set<std::string> codes;
  for (const auto& e : entries) {
    const suggest::Rule* rule = suggest::findRule(e);
    if (!rule) throw std::invalid_argument("unknown rule '" + shown(e) + "'" + didYouMeanRule(e));
    codes.insert(std::string(rule->code));
  }
  return codes;
}

FailOn parseFailOn(const std::vector<std::string>& entries) {
  FailOn f;
  f.wouldMigrate = false;
  f.anyFinding = false;
  const std::vector<std::string> kinds = {"would-migrate", "refused", "finding"};
  for (const auto& v : entries) {
    if (v == "would-migrate") {
      f.wouldMigrate = true;
      continue;
    }
    if (v == "refused") {
      f.refused = true;
      continue;
    }
    if (v == "finding") {
      f.anyFinding = true;
      continue;
    }
    const suggest::Rule* rule = suggest::findRule(v);
    if (!rule || rule == &suggest::kPreferMultiStageBuild) {
      std::string hint = rule ? " (RS001's outcome is 'would-migrate')" : didYouMeanRule(v, kinds);
      throw std::invalid_argument("unknown 'fail-on' entry '" + shown(v) + "'" + hint);
    }
    f.rules.insert(std::string(rule->name));
  }
  return f;
}

bool Config::reports(std::string_view ruleCode) const {
  std::string code(ruleCode);
  if (select && !select->count(code)) return false;
  return !ignore.count(code);
}

std::string Config::notReportedWhy(std::string_view ruleCode) const {
  const suggest::Rule* rule = suggest::findRule(ruleCode);
  std::string name = std::string(ruleCode) + (rule ? " " + std::string(rule->name) : "");
  if (ignore.count(std::string(ruleCode))) return name + " is left out by " + ignoreSource;
  return name + " is not in " + selectSource;
}

void Overrides::applyTo(Config& c) const {
  if (select) {
    c.select = select;
    c.selectSource = "--select";
  }
  if (ignore) {
    c.ignore = *ignore;
    c.ignoreSource = "--ignore";
  }
  if (failOn) c.failOn = *failOn;
}

Config parseConfig(const std::string& text, const fs::path& file) {
  Reader r(file);
  Config c;
  c.file = file;
  c.folder = fs::absolute(file).lexically_normal().parent_path();
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    r.fail(e.mark, "invalid YAML: nested too deeply");
  } catch (const YAML::ParserException& e) {
    r.fail(e.mark, "invalid YAML: " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) return c;
  std::vector<std::string> known(std::begin(kKeys), std::end(kKeys));
  for (const auto& entry : r.entries(root, "the file")) {
    const std::string& key = entry.key;
    const YAML::Node& value = entry.value;
    // An empty value's own mark is where the next token starts.
    if (value.IsNull()) r.fail(entry.keyMark, "'" + shown(key) + "' has no value");
    if (key == "exclude") {
      r.expectList(value, key);
      for (const auto& item : value) c.exclude.push_back(r.glob(item, "an entry of 'exclude'"));
    } else if (key == "min-saving") {
      std::string s = r.scalar(value, "'min-saving'");
      try {
        c.minSavingBytes = parseSize(s);
      } catch (const std::invalid_argument& e) {
        r.fail(value.Mark(), std::string("min-saving: ") + e.what());
      }
      c.minSavingText = s;
    } else if (key == "runtime-base") {
      readRuntimeBase(r, value, c);
    } else if (key == "languages") {
      r.expectList(value, key);
      if (value.size() == 0) {
        r.fail(value.Mark(), "'languages' is empty; list at least one of node, go, cpp (to leave files alone, use 'exclude')");
      }
      std::set<std::string> langs;
      std::vector<std::string> knownLanguages(std::begin(kLanguages), std::end(kLanguages));
      for (const auto& item : value) {
        std::string l = r.scalar(item, "an entry of 'languages'");
        if (std::find(knownLanguages.begin(), knownLanguages.end(), l) == knownLanguages.end()) {
          r.fail(item.Mark(), "unknown language '" + shown(l) + "'" + r.didYouMean(l, knownLanguages));
        }
        langs.insert(l);
      }
      c.languages = std::move(langs);
    } else if (key == "fail-on") {
      readList(r, value, key, [&](const std::vector<std::string>& e) { c.failOn = parseFailOn(e); });
    } else if (key == "select") {
      readList(r, value, key, [&](const std::vector<std::string>& e) { c.select = parseRuleList(e); });
      c.selectSource = "'select' in " + file.string();
    } else if (key == "ignore") {
      readList(r, value, key, [&](const std::vector<std::string>& e) { c.ignore = parseRuleList(e); });
      c.ignoreSource = "'ignore' in " + file.string();
    } else {
      r.fail(entry.keyMark, "unknown key '" + shown(key) + "'" + r.didYouMean(key, known));
    }
  }
  return c;
}

Config loadConfig(const fs::path& file) {
  std::error_code ec;
  if (fs::is_regular_file(file, ec) && fs::file_size(file, ec) > kMaxConfigBytes && !ec) {
    throw ConfigError(fmt::format("{}: too large for a configuration file: {} bytes, over the limit of {}",
                                  file.string(), fs::file_size(file, ec), io::describeBytes(kMaxConfigBytes)));
  }
  std::string text;
  try {
    text = io::readFile(file, kMaxConfigBytes);
  } catch (const Error& e) {
    throw ConfigError(std::string(e.what()) + " (a configuration file)");
  }
  return parseConfig(text, file);
}

std::optional<std::string> Config::relativePath(const fs::path& dockerfile) const {
  fs::path rel = fs::absolute(dockerfile).lexically_normal().lexically_relative(folder);
  std::string s = rel.generic_string();
  if (s.empty() || s == "." || s == ".." || s.starts_with("../")) return std::nullopt;
  return s;
}

const Glob* Config::excludedBy(const fs::path& dockerfile) const {
  if (exclude.empty()) return nullptr;
  auto rel = relativePath(dockerfile);
  if (!rel) return nullptr;
  for (const auto& g : exclude) {
    if (g.matches(*rel)) return &g;
  }
  return nullptr;
}

const PathRuntimeBase* Config::runtimeBaseFor(const fs::path& dockerfile) const {
  if (runtimeBaseByPath.empty()) return nullptr;
  auto rel = relativePath(dockerfile);
  if (!rel) return nullptr;
  for (const auto& p : runtimeBaseByPath) {
    if (p.glob.matches(*rel)) return &p;
  }
  return nullptr;
}

// ---- finding the file

ConfigFinder::ConfigFinder(Mode mode, const fs::path& file) : mode_(mode) {
  if (mode == Mode::Fixed) fixed_ = std::make_shared<Config>(loadConfig(file));
}

void ConfigFinder::setOverrides(Overrides overrides) {
  std::lock_guard lock(mutex_);
  overrides_ = std::move(overrides);
  overrides_.applyTo(defaults_);
  if (fixed_) overrides_.applyTo(*fixed_);
  for (auto& [path, config] : loaded_) overrides_.applyTo(*config);
}

const Config* ConfigFinder::orDefault(const Config* found) {
  if (found || overrides_.empty()) return found;
  return &defaults_;
}

const Config* ConfigFinder::forFile(const fs::path& dockerfile) {
  if (mode_ == Mode::None) return orDefault(nullptr);
  if (mode_ == Mode::Fixed) return fixed_.get();
  // A batch asks for each file several times, and for many files of one
  // folder: the folder as given is looked up once.
  std::string given = dockerfile.parent_path().native();
  {
    std::lock_guard lock(mutex_);
    if (auto it = byGivenFolder_.find(given); it != byGivenFolder_.end()) return orDefault(it->second);
  }
  fs::path folder = fs::absolute(dockerfile).lexically_normal().parent_path();
  const Config* found = lookUp(folder);
  std::lock_guard lock(mutex_);
  byGivenFolder_[given] = found;
  return orDefault(found);
}

const Config* ConfigFinder::forFolder(const fs::path& folder) {
  if (mode_ == Mode::None) return orDefault(nullptr);
  if (mode_ == Mode::Fixed) return fixed_.get();
  return orDefault(lookUp(fs::absolute(folder).lexically_normal()));
}

const Config* ConfigFinder::lookUp(const fs::path& start) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> visited;
  const Config* found = nullptr;
  fs::path folder = start;
  if (folder.has_relative_path() && folder.filename().empty()) folder = folder.parent_path();  // "a/b/" -> "a/b"
  for (;;) {
    std::string key = folder.string();
    if (auto it = byFolder_.find(key); it != byFolder_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(key);
    std::error_code ec;
    fs::path candidate = folder / kConfigFileName;
    if (fs::exists(candidate, ec)) {
      auto& slot = loaded_[candidate.string()];
      // The path shown in messages: relative to the current folder when under it.
      fs::path shown = candidate.lexically_relative(fs::current_path());
      if (shown.empty() || shown.native().starts_with("..")) shown = candidate;
      if (!slot) {
        // The repository's file, found, not named: not through a symlink
        // out of the repository (io/Paths.h). --config FILE is read as named.
        if (auto escape = io::symlinkEscape(candidate)) {
          throw ConfigError(shown.string() + ": not read [symlink-outside-root]: " + *escape);
        }
        slot = std::make_unique<Config>(loadConfig(shown));
        overrides_.applyTo(*slot);
      }
      found = slot.get();
      break;
    }
    if (fs::exists(folder / ".git", ec)) break;
    fs::path parent = folder.parent_path();
    if (parent == folder || parent.empty()) break;
    folder = parent;
  }
  for (const auto& v : visited) byFolder_[v] = found;
  return found;
}

bool segmentMatches(std::string_view pattern, std::string_view text) { return glob::nameMatches(pattern, text); }

}  // namespace restage::config
