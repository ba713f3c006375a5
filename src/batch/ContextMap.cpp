#include "batch/ContextMap.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "Error.h"
#include "io/FileIO.h"
#include "output/JsonError.h"

namespace restage::batch {

namespace fs = std::filesystem;

namespace {

std::string withoutTrailingSlash(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

void ContextMap::load(const fs::path& file) {
  std::string text = io::readFile(file);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(output::jsonParseErrorMessage(file.string(), text, e));
  }
  if (!doc.is_object() || !doc.contains("contexts") || !doc["contexts"].is_object()) {
    throw Error(file.string() + ": expected an object {\"contexts\": {\"PATH\": \"CONTEXT\", ...}}");
  }
  std::error_code ec;
  fs::path base = fs::canonical(fs::absolute(file).parent_path(), ec);
  if (ec) throw Error(file.string() + ": cannot resolve its folder: " + ec.message());
  for (const auto& [key, value] : doc["contexts"].items()) {
    if (!value.is_string()) throw Error(file.string() + ": the context for '" + key + "' is not a string");
    fs::path context = (base / value.get<std::string>()).lexically_normal();
    if (!fs::is_directory(context, ec)) {
      throw Error(file.string() + ": the context '" + value.get<std::string>() + "' for '" + key +
                  "' is not a folder");
    }
    bool folder = key.ends_with('/') || key == "." || key.empty();
    std::string where = withoutTrailingSlash((base / key).lexically_normal().string());
    (folder ? folders_ : files_)[where] = Entry{withoutTrailingSlash(context.string()), file, key};
  }
}

const ContextMap::Entry* ContextMap::entryFor(const fs::path& dockerfile) const {
  if (empty()) return nullptr;
  std::string path = dockerfile.lexically_normal().string();
  if (auto it = files_.find(path); it != files_.end()) return &it->second;
  // The deepest folder key that contains the file.
  for (auto slash = path.rfind('/'); slash != std::string::npos && slash > 0; slash = path.rfind('/', slash - 1)) {
    if (auto it = folders_.find(path.substr(0, slash)); it != folders_.end()) return &it->second;
  }
  if (auto it = folders_.find("/"); it != folders_.end()) return &it->second;
  return nullptr;
}

std::optional<fs::path> ContextMap::contextFor(const fs::path& dockerfile) const {
  if (const Entry* e = entryFor(dockerfile)) return e->context;
  return std::nullopt;
}

std::vector<std::string> ContextMap::unmatchedKeys(const std::vector<std::string>& dockerfiles) const {
  std::unordered_map<std::string, bool> used;
  for (const auto& [where, entry] : files_) used[where] = false;
  for (const auto& [where, entry] : folders_) used["dir:" + where] = false;
  for (const auto& file : dockerfiles) {
    std::string path = fs::path(file).lexically_normal().string();
    if (files_.count(path)) used[path] = true;
    // Every folder key above the file counts as used, not only the deepest:
    // each of them names a Dockerfile that exists.
    for (auto slash = path.rfind('/'); slash != std::string::npos; slash = path.rfind('/', slash - 1)) {
      std::string folder = slash == 0 ? "/" : path.substr(0, slash);
      if (folders_.count(folder)) used["dir:" + folder] = true;
      if (slash == 0) break;
    }
  }
  std::vector<std::string> out;
  for (const auto& [where, entry] : files_) {
    if (!used[where]) out.push_back(entry.mapFile.string() + ": \"" + entry.key + "\"");
  }
  for (const auto& [where, entry] : folders_) {
    if (!used["dir:" + where]) out.push_back(entry.mapFile.string() + ": \"" + entry.key + "\"");
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace restage::batch
