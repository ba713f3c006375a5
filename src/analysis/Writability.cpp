#include "analysis/Writability.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <map>

namespace restage::analysis {

namespace {

bool listed(const nlohmann::json& list, const std::string& value) {
  return std::any_of(list.begin(), list.end(), [&](const nlohmann::json& v) { return v.get<std::string>() == value; });
}

bool underAny(const nlohmann::json& list, const std::string& path) {
  return std::any_of(list.begin(), list.end(), [&](const nlohmann::json& v) { return isUnder(path, v.get<std::string>()); });
}

std::string parentOf(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? std::string("/") : path.substr(0, slash);
}

// An ENV key whose value is a place the app may write: HOME, or a name
// ending in _DIR, _PATH, ... that is neither a toolchain's nor something the
// app reads (CONFIG_PATH, TLS_CERT_PATH, STATIC_DIR).
bool placeKey(const std::string& key, const nlohmann::json& rules) {
  if (listed(rules.at("env_key_names"), key)) return true;
  if (listed(rules.at("env_ignored_keys"), key)) return false;
  bool suffix = false;
  for (const auto& s : rules.at("env_key_suffixes")) {
    std::string end = s.get<std::string>();
    suffix |= key.size() > end.size() && key.ends_with(end);
  }
  if (!suffix) return false;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t underscore = key.find('_', start);
    std::string word = key.substr(start, underscore == std::string::npos ? std::string::npos : underscore - start);
    if (listed(rules.at("env_read_words"), word)) return false;
    if (underscore == std::string::npos) break;
    start = underscore + 1;
  }
  return true;
}

// One absolute path, without spaces, list separators or variables left.
bool plainAbsolutePath(const std::string& value) {
  return value.size() > 1 && value[0] == '/' && value.find_first_of(" \t:;,$") == std::string::npos;
}

// A path restage may put in a COPY line and a shell word as it is: letters,
// digits and / . _ - + @ = , only.
bool safePath(const std::string& path) {
  return std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("/._-+@=,").find(c) != std::string_view::npos;
  });
}

// Text from the context (a file name) that goes into a Dockerfile comment:
// no line breaks or other control characters.
bool printable(const std::string& text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::string WritableFolder::named() const {
  std::string list;
  for (const auto& s : sources) list += (list.empty() ? "" : ", ") + s;
  return path + " (" + list + ")";
}

const WritableFolder* Writability::firstBlocked() const {
  for (const auto& f : folders) {
    if (!f.blocked.empty()) return &f;
  }
  return nullptr;
}

Writability writability(const ast::Document& doc, const StageFacts& facts, const std::string& appFolder,
                        const std::vector<CodeWrite>& code, const nlohmann::json& rules) {
  auto lineOf = [&](std::size_t instruction) { return std::to_string(doc.lines.line(doc.instructions[instruction].lines.begin)); };
  std::map<std::string, std::vector<std::string>> sites;  // folder -> what names it
  auto add = [&](const std::string& folder, const std::string& source) {
    auto& list = sites[folder];
    if (std::find(list.begin(), list.end(), source) == list.end()) list.push_back(source);
  };
  add(facts.finalWorkdir, "the WORKDIR");
  if (appFolder != facts.finalWorkdir) add(appFolder, "the app folder");
  // ENV: the last value of each key is what the app sees.
  std::map<std::string, std::pair<std::string, std::size_t>> env;
  for (std::size_t i = 0; i < facts.env.size(); ++i) {
    env[facts.env[i].first] = {facts.env[i].second, i < facts.envInstructions.size() ? facts.envInstructions[i] : 0};
  }
  for (const auto& [key, entry] : env) {
    const auto& [value, instruction] = entry;
    std::string path = value.size() > 1 && value.ends_with('/') ? value.substr(0, value.size() - 1) : value;
    if (!plainAbsolutePath(path) || !safePath(path) || !placeKey(key, rules)) continue;
    path = joinPath("/", path);
    // A *_PATH whose last part has an extension names a file (DB_PATH=/data/app.db).
    std::string last = path.substr(path.rfind('/') + 1);
    bool file = key.ends_with("_PATH") && last.find('.') != std::string::npos && last.front() != '.';
    add(file ? parentOf(path) : path, "ENV " + key + ", line " + lineOf(instruction));
  }
  for (std::size_t i = 0; i < facts.volumes.size(); ++i) {
    if (facts.volumes[i].find('$') != std::string::npos) continue;
    std::string line = i < facts.volumeInstructions.size() ? ", line " + lineOf(facts.volumeInstructions[i]) : "";
    add(facts.volumes[i], "VOLUME" + line);
  }
  for (const auto& w : code) {
    // A literal with other characters (a format string, say) is no path to give.
    if (w.path.empty() || !safePath(w.path)) continue;
    std::string path = joinPath(facts.finalWorkdir, w.path);
    add(w.folder ? path : parentOf(path), printable(w.where) ? w.where : "the app's code");
  }

  Writability out;
  for (const auto& [folder, sources] : sites) {
    if (underAny(rules.at("open_folders"), folder)) continue;
    WritableFolder f{folder, sources, ""};
    if (!safePath(folder)) {
      f.blocked = "a name with characters restage does not write into a Dockerfile line";
    } else if (underAny(rules.at("closed_folders"), folder)) {
      f.blocked = "below /root, root's own home, which no other user may enter";
    } else if (listed(rules.at("base_folders"), folder)) {
      f.blocked = "a system folder base images have already, owned by root";
    }
    out.folders.push_back(std::move(f));
  }
  // A folder below another one that is not blocked (the app folder, a
  // VOLUME) is covered by it: the app can make it there.
  std::vector<WritableFolder> kept;
  for (auto& f : out.folders) {
    auto cover = std::find_if(kept.begin(), kept.end(), [&](const WritableFolder& k) {
      return k.blocked.empty() && k.path != f.path && isUnder(f.path, k.path);
    });
    if (cover != kept.end()) {
      for (auto& s : f.sources) {
        if (std::find(cover->sources.begin(), cover->sources.end(), s) == cover->sources.end()) cover->sources.push_back(s);
      }
      continue;
    }
    kept.push_back(std::move(f));
  }
  out.folders = std::move(kept);
  return out;
}

}  // namespace restage::analysis
