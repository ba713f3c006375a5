// The files of a repository restage reads besides Dockerfiles, on any bytes:
// a compose file, a .restage.yaml, a .dockerignore and paths to match. The
// input is split at lines "%%": compose, config, dockerignore, paths (one a
// line). Promises checked:
//   - the compose reader and the config parser throw nothing but
//     restage::Error (a FILE:LINE:COL message); compose paths are absolute;
//   - config globs match any path without throwing;
//   - .dockerignore matching costs at most (states) x (path bytes) steps, the
//     bound docs/limits.md states, and for small star patterns it agrees
//     with Docker's own reading of them (a regular expression, as
//     moby/patternmatcher builds it).
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "Error.h"
#include "FuzzSupport.h"
#include "analysis/BuildContext.h"
#include "batch/Compose.h"
#include "config/Config.h"

namespace {

std::vector<std::string_view> sections(std::string_view text) {
  std::vector<std::string_view> out;
  while (out.size() < 3) {
    std::size_t split = text.find("\n%%\n");
    if (split == std::string_view::npos) break;
    out.push_back(text.substr(0, split + 1));
    text.remove_prefix(split + 4);
  }
  out.push_back(text);
  while (out.size() < 4) out.emplace_back();
  return out;
}

std::vector<std::string> lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// Docker's regular expression for a pattern without classes or escapes
// (those are left to the unit tests); nullopt-like "" when not translated.
bool dockerRegex(std::string_view pattern, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '[' || c == ']' || c == '\\') return false;
    if (c == '*') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '*') {
        ++i;
        if (i + 1 < pattern.size() && pattern[i + 1] == '/') ++i;
        out += i + 1 == pattern.size() ? ".*" : "(.*/)?";
      } else {
        out += "[^/]*";
      }
    } else if (c == '?') {
      out += "[^/]";
    } else if (std::string_view(".+()|{}$^").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return true;
}

// The pattern lines as IgnoreFile cleans them, for the oracle.
struct OraclePattern {
  std::regex re;
  bool negated;
};

bool oracleIgnored(const std::vector<OraclePattern>& patterns, const std::string& path) {
  for (auto p = patterns.rbegin(); p != patterns.rend(); ++p) {
    bool matched = std::regex_match(path, p->re);
    for (std::size_t slash = path.find('/'); !matched && slash != std::string::npos; slash = path.find('/', slash + 1)) {
      if (slash > 0) matched = std::regex_match(path.substr(0, slash), p->re);
    }
    if (matched) return !p->negated;
  }
  return false;
}

// The oracle only for inputs a backtracking regex handles quickly.
bool oracleApplies(const std::vector<std::string>& ignoreLines, std::vector<OraclePattern>& out) {
  if (ignoreLines.size() > 8) return false;
  for (std::string line : ignoreLines) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    line = line.substr(start);
    bool negated = line[0] == '!';
    std::string p = negated ? line.substr(1) : line;
    while (p.rfind("./", 0) == 0) p = p.substr(2);
    while (!p.empty() && p[0] == '/') p = p.substr(1);
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    if (p.empty()) continue;
    std::size_t stars = 0;
    for (char c : p) {
      stars += c == '*';
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) return false;
    }
    // libstdc++'s regex backtracks: few stars, short paths.
    if (p.size() > 32 || stars > 3) return false;
    std::string re;
    if (!dockerRegex(p, re)) return false;
    out.push_back({std::regex(re, std::regex::ECMAScript), negated});
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parts = sections(text);
  std::vector<std::string> paths = lines(parts[3]);
  if (paths.size() > 64) paths.resize(64);

  try {
    auto project = restage::batch::parseCompose(std::string(parts[0]), "/restage-fuzz/compose.yaml");
    for (const auto& b : project.builds) {
      if (!b.context.is_absolute() || !b.dockerfile.is_absolute()) {
        restage::fuzz::fail("repo_files", "compose path not absolute: " + b.context.string());
      }
    }
  } catch (const restage::Error&) {
  } catch (const std::exception& e) {
    restage::fuzz::fail("repo_files", std::string("compose: exception: ") + e.what());
  }

  try {
    auto config = restage::config::parseConfig(std::string(parts[1]), "/restage-fuzz/.restage.yaml");
    for (const auto& path : paths) {
      for (const auto& g : config.exclude) (void)g.matches(path);
      for (const auto& r : config.runtimeBaseByPath) (void)r.glob.matches(path);
      (void)config.excludedBy("/restage-fuzz/" + path);
    }
  } catch (const restage::Error&) {
  } catch (const std::exception& e) {
    restage::fuzz::fail("repo_files", std::string("config: exception: ") + e.what());
  }

  auto ignore = restage::analysis::IgnoreFile::parse(parts[2]);
  std::vector<OraclePattern> oracle;
  bool compare = oracleApplies(lines(parts[2]), oracle);
  std::size_t compared = 0;
  for (const auto& path : paths) {
    std::size_t cost = 0;
    bool ignored = ignore.ignored(path, &cost);
    if (cost > ignore.states() * path.size()) {
      restage::fuzz::fail("repo_files", "ignore matching took " + std::to_string(cost) + " steps, over " +
                                            std::to_string(ignore.states()) + " x " + std::to_string(path.size()));
    }
    // (Go's and ECMAScript's `.` stop at line ends; a file name rarely has one.)
    bool plain = path.size() <= 32 && path.find_first_of("\r\n") == std::string::npos;
    if (compare && plain && compared++ < 8 && ignored != oracleIgnored(oracle, path)) {
      restage::fuzz::fail("repo_files", "'" + path + "': ignored " + (ignored ? "true" : "false") +
                                            ", Docker's regular expressions say otherwise");
    }
  }
  return 0;
}
