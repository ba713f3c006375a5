#include "catalog/Catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>

#include "Error.h"
#include "templates/TemplateFiles.h"

namespace restage::catalog {

namespace {

nlohmann::json loadJson(std::string_view name) {
  auto j = nlohmann::json::parse(templates::file(name), nullptr, false);
  if (j.is_discarded()) throw Error("templates/" + std::string(name) + " is not valid JSON");
  return j;
}

std::string stringOr(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

RuntimeBase baseFromJson(const nlohmann::json& b) {
  RuntimeBase r;
  r.image = b.at("image").get<std::string>();
  r.family = b.value("family", "");
  r.libc = b.value("libc", "");
  r.shell = b.value("shell", false);
  r.node = b.value("node", false);
  r.npm = b.value("npm", false);
  if (b.contains("user") && b["user"].is_string()) r.user = b["user"].get<std::string>();
  if (b.contains("default_user") && b["default_user"].is_string()) r.defaultUser = b["default_user"].get<std::string>();
  r.uid = b.value("uid", 0LL);
  r.caCerts = b.value("ca_certs", false);
  r.libstdcxx = b.value("libstdcxx", false);
  r.compressedBytes = b.value("compressed_bytes", 0LL);
  if (b.contains("packages") && b["packages"].is_string()) r.packages = b["packages"].get<std::string>();
  if (b.contains("users")) r.users = b["users"].get<std::vector<std::string>>();
  if (b.contains("eol")) r.eol = EndOfLife{b.at("eol").get<std::string>(), b.value("eol_what", r.image)};
  return r;
}

// The longest key of `tags` that is `tag` or a prefix of it ending at '.' or
// '-' ("1.22" for "1.22.3-bookworm"); "*" when none is; "" when there is no "*".
std::string matchTag(const nlohmann::json& tags, const std::string& tag) {
  std::string best;
  for (auto it = tags.begin(); it != tags.end(); ++it) {
    const std::string& prefix = it.key();
    if (prefix == "*" || prefix.starts_with("_")) continue;
    bool matches = tag == prefix || (tag.rfind(prefix, 0) == 0 && tag.size() > prefix.size() &&
                                     (tag[prefix.size()] == '.' || tag[prefix.size()] == '-'));
    if (matches && prefix.size() >= best.size()) best = prefix;
  }
  if (best.empty() && tags.contains("*")) best = "*";
  return best;
}

// "alpine3.19" when the tag names an Alpine branch (20-alpine3.19, 3.19), else "".
std::string alpineInTag(const std::string& tag) {
  for (std::size_t at = tag.find("alpine"); at != std::string::npos; at = tag.find("alpine", at + 1)) {
    std::size_t i = at + 6, digits = i;
    while (i < tag.size() && (std::isdigit(static_cast<unsigned char>(tag[i])) || tag[i] == '.')) ++i;
    std::string version = tag.substr(digits, i - digits);
    if (version.find('.') != std::string::npos) {
      // 3.19.1 -> 3.19
      std::size_t second = version.find('.', version.find('.') + 1);
      return "alpine" + version.substr(0, second);
    }
  }
  return "";
}

Abi abiFromJson(const nlohmann::json& r) {
  Abi a;
  a.libc = stringOr(r, "libc");
  a.glibc = stringOr(r, "glibc");
  a.glibcxx = stringOr(r, "glibcxx");
  a.cxxabi = stringOr(r, "cxxabi");
  a.musl = stringOr(r, "musl");
  a.openssl = stringOr(r, "openssl");
  return a;
}

std::optional<EndOfLife> earlier(const std::optional<EndOfLife>& a, const std::optional<EndOfLife>& b) {
  if (!a) return b;
  if (!b) return a;
  return b->date < a->date ? b : a;
}

// The Node.js major a node image tag names: "20" for 20.11-slim, the tag
// itself for lts/current/latest and no tag.
std::string nodeMajorOf(const std::string& tag) {
  std::size_t digits = 0;
  while (digits < tag.size() && std::isdigit(static_cast<unsigned char>(tag[digits]))) ++digits;
  if (digits) return tag.substr(0, digits);
  for (const char* floating : {"lts", "current", "latest"}) {
    if (tag.rfind(floating, 0) == 0) return floating;
  }
  return "latest";
}

}  // namespace

int compareVersions(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    long x = 0, y = 0;
    while (i < a.size() && a[i] != '.') x = x * 10 + (std::isdigit(static_cast<unsigned char>(a[i])) ? a[i] - '0' : 0), ++i;
    while (j < b.size() && b[j] != '.') y = y * 10 + (std::isdigit(static_cast<unsigned char>(b[j])) ? b[j] - '0' : 0), ++j;
    if (x != y) return x < y ? -1 : 1;
    if (i < a.size()) ++i;
    if (j < b.size()) ++j;
  }
  return 0;
}

std::optional<std::string> unmetFloor(const Abi& have, const Floor& need) {
  if (!need.libc.empty() && need.libc != "none" && have.libc != need.libc) {
    return "a " + need.libc + " C library (it has " + (have.libc == "none" || have.libc.empty() ? std::string("none") : have.libc) + ")";
  }
  auto check = [&](const std::string& symbol, const std::string& needed, const std::string& offered,
                   const std::string& library) -> std::optional<std::string> {
    if (needed.empty()) return std::nullopt;
    if (offered.empty()) return symbol + needed + " (the base's " + library + " version is not known)";
    if (compareVersions(offered, needed) < 0) return symbol + needed + " (the base's " + library + " is " + offered + ")";
    return std::nullopt;
  };
  if (auto miss = check("GLIBC_", need.glibc, have.glibc, "glibc")) return miss;
  if (auto miss = check("GLIBCXX_", need.glibcxx, have.glibcxx, "libstdc++")) return miss;
  if (auto miss = check("CXXABI_", need.cxxabi, have.cxxabi, "libstdc++")) return miss;
  return std::nullopt;
}

std::string today(const std::optional<std::string>& given) {
  if (given && !given->empty()) return *given;
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long v = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && v >= 0) now = static_cast<std::time_t>(v);
  }
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return buf;
}

bool pastEndOfLife(const EndOfLife& eol, const std::string& day) { return !eol.date.empty() && eol.date <= day; }

bool RuntimeBase::hasUser(const std::string& name) const {
  return std::find(users.begin(), users.end(), name) != users.end();
}

const Catalog& Catalog::get() {
  static const Catalog catalog;
  return catalog;
}

Catalog::Catalog() {
  builders_ = loadJson("builders.json");
  releases_ = loadJson("releases.json");
  asOf_ = releases_.at("as_of").get<std::string>();
  const nlohmann::json bases = loadJson("runtime-bases.json");
  for (const auto& b : bases.at("bases")) {
    RuntimeBase base = baseFromJson(b);
    applyRelease(base);
    bases_.push_back(std::move(base));
  }
  node_ = loadJson("node.json");
  go_ = loadJson("go.json");
  cpp_ = loadJson("cpp.json");
  effects_ = loadJson("effects.json");
}

std::optional<ReleaseInfo> Catalog::releaseInfo(const std::string& id) const {
  const auto& all = releases_.at("releases");
  auto it = all.find(id);
  if (id.empty() || it == all.end()) return std::nullopt;
  ReleaseInfo r;
  r.id = id;
  r.name = stringOr(*it, "name");
  r.codename = stringOr(*it, "codename");
  r.abi = abiFromJson(*it);
  r.eol = stringOr(*it, "eol");
  return r;
}

std::optional<EndOfLife> Catalog::nodeEol(const std::string& major) const {
  const auto& node = releases_.at("nodejs");
  std::string m = major;
  if (m == "latest") m = "current";
  if (node.contains(m) && node[m].is_string()) m = node[m].get<std::string>();
  const auto& eol = node.at("eol");
  if (!eol.contains(m)) return std::nullopt;
  return EndOfLife{eol[m].get<std::string>(), "Node.js " + m};
}

// A base's ABI and end of life from its release; a node image (or distroless
// nodejs image) also ends with its Node.js major.
void Catalog::applyRelease(RuntimeBase& base) const {
  auto release = releaseInfo(base.family);
  if (release) {
    base.releaseName = release->name;
    base.abi = release->abi;
    if (!release->eol.empty()) base.eol = earlier(base.eol, EndOfLife{release->eol, release->name});
  }
  base.abi.libc = base.libc;
  if (base.libc != "glibc") base.abi.glibc.clear();
  if (!base.libstdcxx) base.abi.glibcxx.clear(), base.abi.cxxabi.clear();
  auto ref = analysis::ImageRef::parse(base.image);
  if (ref.name == "node") {
    base.eol = earlier(base.eol, nodeEol(nodeMajorOf(ref.tag)));
  } else if (auto at = ref.name.find("distroless/nodejs"); at != std::string::npos) {
    std::string rest = ref.name.substr(at + 17);
    base.eol = earlier(base.eol, nodeEol(rest.substr(0, rest.find('-'))));
  }
}

std::string Catalog::releaseOf(const analysis::ImageRef& image, const nlohmann::json& entry, bool musl,
                               std::string* key) const {
  std::string tag = image.tag.empty() ? "latest" : image.tag;
  auto lookup = [&](const char* map) -> std::string {
    if (!entry.contains(map)) return "";
    std::string k = matchTag(entry[map], tag);
    if (k.empty()) return "";
    if (key) *key = k;
    return entry[map][k].get<std::string>();
  };
  if (musl) {
    if (std::string named = alpineInTag(tag); !named.empty()) return named;
    if (std::string release = lookup("alpine_tags"); !release.empty()) return release;
    if (entry.value("libc", "") != "musl") return "";  // an alpine variant the catalog cannot place
  }
  // A release named in the tag (golang:1.22-bookworm) beats the version.
  if (entry.contains("tag_markers")) {
    for (auto it = entry["tag_markers"].begin(); it != entry["tag_markers"].end(); ++it) {
      if (tag.find(it.key()) != std::string::npos && it.key() != "alpine") return it.value().get<std::string>();
    }
  }
  return lookup("tags");
}

std::optional<RuntimeBase> Catalog::runtimeBase(const std::string& image) const {
  {
    std::shared_lock lock(memoMutex_);
    if (auto it = baseMemo_.find(image); it != baseMemo_.end()) return it->second;
  }
  auto found = findRuntimeBase(image);
  std::unique_lock lock(memoMutex_);
  return baseMemo_.try_emplace(image, std::move(found)).first->second;
}

std::optional<RuntimeBase> Catalog::findRuntimeBase(const std::string& image) const {
  for (const auto& b : bases_) {
    if (b.image == image) return b;
  }
  // A sibling tag of a listed repository (node:18-slim for node:20-slim).
  auto ref = analysis::ImageRef::parse(image);
  for (const auto& b : bases_) {
    auto listed = analysis::ImageRef::parse(b.image);
    if (listed.name != ref.name) continue;
    bool alpine = ref.tag.find("alpine") != std::string::npos;
    bool slim = ref.tag.find("slim") != std::string::npos;
    if (alpine == (listed.tag.find("alpine") != std::string::npos) &&
        slim == (listed.tag.find("slim") != std::string::npos)) {
      RuntimeBase r = b;
      r.image = image;
      // distroless: only the nonroot tags run as nonroot by default.
      bool nonrootTag = ref.tag.find("nonroot") != std::string::npos;
      if (r.defaultUser && !nonrootTag) r.defaultUser.reset();
      // The tag's own release and end of life, where the builders' data
      // places it (node:18-slim is Debian 12 and Node.js 18).
      for (const auto& entry : builders_.at("builders")) {
        if (entry.at("match").get<std::string>() != ref.name) continue;
        std::string release = releaseOf(ref, entry, r.libc == "musl" && ref.name != "alpine");
        // A tag whose release the data cannot place (ubuntu:latest,
        // ubuntu:19.04) is of no known release, not of the sibling's.
        r.family = release;
        r.eol.reset();
        r.abi = Abi{};
        r.releaseName.clear();
        applyRelease(r);
        break;
      }
      return r;
    }
  }
  return std::nullopt;
}

BuilderInfo Catalog::builder(const analysis::ImageRef& image) const {
  // What builder() reads of the reference: its name and tag.
  std::string key = image.name + '\n' + image.tag;
  {
    std::shared_lock lock(memoMutex_);
    if (auto it = builderMemo_.find(key); it != builderMemo_.end()) return it->second;
  }
  BuilderInfo found = findBuilder(image);
  std::unique_lock lock(memoMutex_);
  return builderMemo_.try_emplace(key, std::move(found)).first->second;
}

BuilderInfo Catalog::findBuilder(const analysis::ImageRef& image) const {
  BuilderInfo info;
  for (const auto& b : builders_.at("builders")) {
    if (b.at("match").get<std::string>() != image.name) continue;
    info.known = true;
    info.language = b.value("language", "");
    info.libc = b.value("libc", "");
    info.compressedBytes = b.value("compressed_bytes", 0LL);
    info.workdir = b.value("workdir", "/");
    if (b.contains("env")) {
      for (auto it = b["env"].begin(); it != b["env"].end(); ++it) info.env[it.key()] = it.value().get<std::string>();
    }
    if (b.contains("variants")) {
      for (const auto& v : b["variants"]) {
        if (image.tag.find(v.at("tag_contains").get<std::string>()) != std::string::npos) {
          info.libc = v.value("libc", info.libc);
          info.compressedBytes = v.value("compressed_bytes", info.compressedBytes);
          break;
        }
      }
    }
    bool musl = info.libc == "musl";
    std::string key;
    info.release = releaseOf(image, b, musl && image.name != "alpine", &key);
    std::string tag = image.tag.empty() ? "latest" : image.tag;
    if (auto release = releaseInfo(info.release)) {
      info.releaseName = release->name;
      info.abi = release->abi;
      if (!release->eol.empty()) info.eol = EndOfLife{release->eol, release->name};
    }
    // Floating: the tag names no release, and the images under it are still
    // rebuilt (its key is listed), so the release may move.
    if (!key.empty() && b.contains("floating")) {
      for (const auto& f : b["floating"]) info.floating |= f.get<std::string>() == key;
    }
    info.abi.libc = info.libc;
    if (b.contains("toolchain")) {
      const auto& tc = b["toolchain"];
      if (std::string k = matchTag(tc.at("tags"), tag); !k.empty()) {
        const nlohmann::json* t = &tc.at("tags").at(k);
        Toolchain toolchain;
        toolchain.name = "GCC " + t->value("gcc", "");
        toolchain.dir = tc.at("dir").get<std::string>();
        toolchain.libraries = tc.at("libraries").get<std::vector<std::string>>();
        info.abi.glibcxx = t->value("glibcxx", info.abi.glibcxx);
        info.abi.cxxabi = t->value("cxxabi", info.abi.cxxabi);
        info.toolchain = toolchain;
        if (info.floating && tag.rfind("latest", 0) == 0) info.pinned = image.name + ":" + t->value("gcc", "");
      }
    }
    if (image.name == "node") info.eol = earlier(info.eol, nodeEol(nodeMajorOf(tag)));
    // A tag that pins the release restage assumed.
    if (info.floating && info.pinned.empty()) {
      auto release = releaseInfo(info.release);
      if (image.name == "alpine" && release) {
        info.pinned = "alpine:" + info.release.substr(6);
      } else if (musl && tag.find("alpine") != std::string::npos && b.contains("alpine_tags")) {
        std::string pinned = tag;
        pinned.replace(pinned.rfind("alpine"), 6, info.release);
        info.pinned = image.name + ":" + pinned;
      } else if (release && !release->codename.empty() && b.contains("pin")) {
        info.pinned = image.name + ":" + (tag == "latest" ? release->codename : tag + "-" + release->codename);
      } else if (release && !release->codename.empty() && image.name == "debian") {
        std::string pinned = tag;
        for (const char* word : {"latest", "stable"}) {
          if (pinned.rfind(word, 0) == 0) pinned.replace(0, std::string(word).size(), release->codename);
        }
        info.pinned = "debian:" + pinned;
      }
    }
    break;
  }
  return info;
}

std::optional<Release> Catalog::release(const std::string& name) const {
  const auto& releases = builders_.at("releases");
  auto it = releases.find(name);
  if (it == releases.end()) return std::nullopt;
  Release r;
  r.slim = it->at("slim").get<std::string>();
  if ((*it)["distroless_cc"].is_string()) r.distrolessCc = (*it)["distroless_cc"].get<std::string>();
  if ((*it)["distroless_base"].is_string()) r.distrolessBase = (*it)["distroless_base"].get<std::string>();
  return r;
}

std::optional<std::string> Catalog::distroless(const std::string& kind, const Floor& floor, const std::string& preferred) const {
  const auto& releases = builders_.at("releases");
  auto qualifies = [&](const std::string& id) -> std::optional<std::string> {
    auto it = releases.find(id);
    if (it == releases.end()) return std::nullopt;
    std::string key = "distroless_" + kind;
    if (!it->contains(key) || !(*it)[key].is_string()) return std::nullopt;
    std::string image = (*it)[key].get<std::string>();
    auto base = runtimeBase(image);
    if (!base || (base->eol && pastEndOfLife(*base->eol, asOf_))) return std::nullopt;
    Floor need = floor;
    // libstdc++ is part of a cc image; on a base image it comes from the builder.
    if (kind != "cc") need.glibcxx.clear(), need.cxxabi.clear();
    if (unmetFloor(base->abi, need)) return std::nullopt;
    return image;
  };
  if (auto own = qualifies(preferred)) return own;
  std::optional<std::string> best;
  std::string bestReleased;
  for (auto it = releases.begin(); it != releases.end(); ++it) {
    auto image = qualifies(it.key());
    if (!image) continue;
    std::string released = stringOr(releases_.at("releases").value(it.key(), nlohmann::json::object()), "released");
    if (!best || released > bestReleased) {
      best = image;
      bestReleased = released;
    }
  }
  return best;
}

const nlohmann::json& Catalog::languageConfig(const std::string& language) const {
  if (language == "node") return node_;
  if (language == "go") return go_;
  if (language == "cpp") return cpp_;
  throw Error("no templates for language '" + language + "'");
}

}  // namespace restage::catalog
