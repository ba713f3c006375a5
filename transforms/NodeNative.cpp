#include "transforms/NodeNative.h"

#include <algorithm>

#include "transforms/PlannerSupport.h"

namespace restage::transforms {

namespace {

bool listed(const nlohmann::json& list, const std::string& name) {
  return std::any_of(list.begin(), list.end(), [&](const nlohmann::json& v) { return v.get<std::string>() == name; });
}

// A package name the native rules name: a helper or engine package, or a
// platform package (name part "-linux-x64").
std::optional<std::string> nativeName(const std::string& name, const nlohmann::json& rules) {
  if (listed(rules.at("helper_packages"), name)) return name + ", which native modules are built or loaded with";
  if (listed(rules.at("engine_packages"), name)) return name + ", which brings native code of its own";
  for (const auto& part : rules.at("platform_name_parts")) {
    if (name.find(part.get<std::string>()) != std::string::npos) return name + ", a package of prebuilt platform binaries";
  }
  return std::nullopt;
}

// Whether npm installs a package-lock.json entry on Linux: its `os` list, when
// it has one, names linux (or only excludes others: "!win32").
bool forLinux(const nlohmann::json& entry) {
  auto os = entry.find("os");
  if (os == entry.end() || !os->is_array() || os->empty()) return true;
  bool onlyExclusions = true;
  for (const auto& o : *os) {
    if (!o.is_string()) continue;
    std::string v = o.get<std::string>();
    if (v == "linux") return true;
    if (v == "!linux") return false;
    if (!v.starts_with("!")) onlyExclusions = false;
  }
  return onlyExclusions;
}

// The package name of a package-lock.json `packages` key
// ("node_modules/a/node_modules/@s/b" -> "@s/b").
std::string lockPackageName(const std::string& key) {
  std::size_t at = key.rfind("node_modules/");
  return at == std::string::npos ? key : key.substr(at + 13);
}

std::optional<std::string> fromPackageLock(const std::string& file, const nlohmann::json& lock, const nlohmann::json& rules) {
  auto packages = lock.find("packages");
  if (packages == lock.end() || !packages->is_object()) return std::nullopt;
  for (auto it = packages->begin(); it != packages->end(); ++it) {
    if (it.key().empty() || !it->is_object()) continue;
    std::string name = lockPackageName(it.key());
    // A package for another system (fsevents: darwin) is not installed here.
    if (!forLinux(*it)) continue;
    if (it->value("hasInstallScript", false)) return file + ": " + name + " runs an install script";
    if (it->contains("os") || it->contains("cpu")) return file + ": " + name + " is built for one platform";
    if (auto why = nativeName(name, rules)) return file + ": " + *why;
  }
  return std::nullopt;
}

// A version 1 package-lock.json: its nested `dependencies` and the names
// each entry `requires`.
std::optional<std::string> fromLockVersion1(const std::string& file, const nlohmann::json& lock, const nlohmann::json& rules,
                                            int depth = 0) {
  auto deps = lock.find("dependencies");
  if (deps == lock.end() || !deps->is_object() || depth > 64) return std::nullopt;
  for (auto it = deps->begin(); it != deps->end(); ++it) {
    if (auto why = nativeName(it.key(), rules)) return file + ": " + *why;
    if (!it->is_object()) continue;
    if (auto needs = it->find("requires"); needs != it->end() && needs->is_object()) {
      for (auto r = needs->begin(); r != needs->end(); ++r) {
        if (auto why = nativeName(r.key(), rules)) return file + ": " + *why;
      }
    }
    if (auto why = fromLockVersion1(file, *it, rules, depth + 1)) return why;
  }
  return std::nullopt;
}

// Names in a yarn.lock or pnpm-lock.yaml: the words a line starts with
// (`"@s/b@^1":`, `  /@s/b@1.0.0:`, `  bindings: 1.5.0`), searched as text.
std::optional<std::string> fromLockText(const std::string& file, const std::string& text, const nlohmann::json& rules) {
  if (text.find("requiresBuild: true") != std::string::npos) return file + ": a package has requiresBuild: true";
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    at = end + 1;
    std::size_t b = line.find_first_not_of(" \t\"'/");
    if (b == std::string::npos) continue;
    // Up to the version separator: '@' after the first character, ':' or ' '.
    std::size_t e = line.find_first_of("@: \"'", b + 1);
    std::string name = line.substr(b, e == std::string::npos ? std::string::npos : e - b);
    if (name.empty()) continue;
    if (auto why = nativeName(name, rules)) return file + ": " + *why;
  }
  return std::nullopt;
}

// One package of the context (`dir`: "" or "app/"): its lockfile, or
// without one the dependencies its package.json names.
std::optional<std::string> packageEvidence(const analysis::BuildContext& context, const std::string& dir,
                                           const nlohmann::json& rules) {
  for (const char* name : {"package-lock.json", "npm-shrinkwrap.json"}) {
    std::string file = dir + name;
    if (!context.has(file)) continue;
    std::string text = context.readText(file);
    auto lock = nlohmann::json::parse(text, nullptr, false);
    if (text.empty() || lock.is_discarded() || !lock.is_object()) return file + " could not be read";
    if (lock.contains("packages")) return fromPackageLock(file, lock, rules);
    // Version 1 has no install-script flags: the package names tell.
    return fromLockVersion1(file, lock, rules);
  }
  for (const char* name : {"pnpm-lock.yaml", "yarn.lock", "bun.lock"}) {
    std::string file = dir + name;
    if (!context.has(file)) continue;
    std::string text = context.readText(file);
    if (text.empty()) return file + " could not be read";
    return fromLockText(file, text, rules);
  }
  // No lockfile: only the direct dependencies are known.
  auto pkg = nlohmann::json::parse(context.readText(dir + "package.json"), nullptr, false);
  bool any = false;
  for (const char* section : {"dependencies", "optionalDependencies"}) {
    if (!pkg.is_object() || !pkg.contains(section) || !pkg[section].is_object()) continue;
    for (auto it = pkg[section].begin(); it != pkg[section].end(); ++it) {
      any = true;
      if (auto why = nativeName(it.key(), rules)) return dir + "package.json: " + *why;
    }
  }
  if (any) return dir + "package.json has no lockfile beside it, so the packages the install brings in are not known";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> nativeCodeEvidence(const migrate::PlanInput& in) {
  const auto& rules = in.catalog.languageConfig("node").at("native");
  // The build compiles something or runs an addon builder.
  for (const auto& rc : in.facts.commands) {
    if (rc.argv.empty()) continue;
    std::string program = baseName(rc.argv[0]);
    if (program == "npx" && rc.argv.size() > 1) program = baseName(rc.argv[1]);
    if (listed(rules.at("build_programs"), program)) {
      return "line " + std::to_string(in.doc.instructions[rc.instruction].startLine) + " runs " + program;
    }
  }
  if (!in.context.known()) return std::string("without the build context restage cannot rule out native addons");
  for (const auto& entry : in.context.entries()) {
    if (entry.ends_with('/') || in.context.ignored(entry) || entry.find("node_modules/") != std::string::npos) continue;
    std::string name = baseName(entry);
    if (name == "binding.gyp") return entry + " builds a native addon";
    if (name.ends_with(".node") || name.ends_with(".so") || name.find(".so.") != std::string::npos) {
      return entry + " is native code";
    }
  }
  // Every package of the context (the app may be a folder of it: COPY app .):
  // its lockfile, or without one its package.json's own dependencies.
  std::size_t packages = 0;
  for (const auto& entry : in.context.entries()) {
    if (baseName(entry) != "package.json" || entry.find("node_modules/") != std::string::npos || in.context.ignored(entry)) {
      continue;
    }
    if (++packages > 50) return std::string("the context holds too many packages to check");
    std::string dir = entry.substr(0, entry.size() - 12);  // "" or "app/"
    if (auto why = packageEvidence(in.context, dir, rules)) return why;
  }
  return std::nullopt;
}

}  // namespace restage::transforms
