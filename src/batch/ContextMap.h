#pragma once
// Which build context each Dockerfile of a batch is built with. By default a
// Dockerfile's context is its own folder; a context map says otherwise:
//
//   {
//     "contexts": {
//       "services/api/Dockerfile": ".",      // one file
//       "docker/": "services"                // every Dockerfile under docker/
//     }
//   }
//
// Keys and values are relative to the map file's folder. The most specific
// key wins (a file over a folder, a deeper folder over a shallower one). A map
// comes from `--context-map FILE`, or else from a `.restage-contexts.json`
// found at the top of a batch root.
//
// A key that matches no Dockerfile of the batch is a mistake (a renamed
// file, a typo): unmatchedKeys finds them, and batch stops with an error.
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace restage::batch {

class ContextMap {
 public:
  static constexpr const char* kConfigFileName = ".restage-contexts.json";

  // Throws restage::Error when the file cannot be read, is not such a JSON
  // object, or names a context folder that does not exist.
  void load(const std::filesystem::path& file);
  bool empty() const { return files_.empty() && folders_.empty(); }

  // The context for a Dockerfile (given by its real, absolute path), if the
  // map names one.
  std::optional<std::filesystem::path> contextFor(const std::filesystem::path& dockerfile) const;

  struct Entry {
    std::filesystem::path context;  // absolute, normalised
    std::filesystem::path mapFile;  // the map that says so
    std::string key;                // as written there
  };
  // The entry that decides a Dockerfile's context, if any (as contextFor).
  const Entry* entryFor(const std::filesystem::path& dockerfile) const;

  // The keys (as written, prefixed by their map file) that match none of
  // `dockerfiles` (real, absolute paths), sorted.
  std::vector<std::string> unmatchedKeys(const std::vector<std::string>& dockerfiles) const;

 private:
  // Absolute, normalised paths (as strings, no trailing slash) to entries.
  std::unordered_map<std::string, Entry> files_;
  std::unordered_map<std::string, Entry> folders_;
};

}  // namespace restage::batch
