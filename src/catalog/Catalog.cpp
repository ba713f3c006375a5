#include "catalog/Catalog.h"

#include <algorithm>

#include "Error.h"
#include "templates/TemplateFiles.h"

namespace restage::catalog {

namespace {

nlohmann::json loadJson(std::string_view name) {
  auto j = nlohmann::json::parse(templates::file(name), nullptr, false);
  if (j.is_discarded()) throw Error("templates/" + std::string(name) + " is not valid JSON");
  return j;
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
  return r;
}

}  // namespace

bool RuntimeBase::hasUser(const std::string& name) const {
  return std::find(users.begin(), users.end(), name) != users.end();
}

const Catalog& Catalog::get() {
  static const Catalog catalog;
  return catalog;
}

Catalog::Catalog() {
  const nlohmann::json bases = loadJson("runtime-bases.json");
  for (const auto& b : bases.at("bases")) bases_.push_back(baseFromJson(b));
  builders_ = loadJson("builders.json");
  node_ = loadJson("node.json");
  go_ = loadJson("go.json");
  cpp_ = loadJson("cpp.json");
  effects_ = loadJson("effects.json");
}

std::optional<RuntimeBase> Catalog::runtimeBase(const std::string& image) const {
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
      return r;
    }
  }
  return std::nullopt;
}

BuilderInfo Catalog::builder(const analysis::ImageRef& image) const {
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
    // A distro named in the tag (golang:1.22-bookworm) beats the version.
    if (b.contains("tag_markers")) {
      for (auto it = b["tag_markers"].begin(); it != b["tag_markers"].end(); ++it) {
        if (image.tag.find(it.key()) != std::string::npos) {
          info.release = it.value().get<std::string>();
          break;
        }
      }
    }
    if (info.release.empty() && b.contains("tags")) {
      const auto& tags = b["tags"];
      std::string best;
      std::size_t bestLen = 0;
      std::string tag = image.tag.empty() ? "latest" : image.tag;
      for (auto it = tags.begin(); it != tags.end(); ++it) {
        const std::string& prefix = it.key();
        if (prefix == "*") continue;
        bool matches = tag == prefix || (tag.rfind(prefix, 0) == 0 && tag.size() > prefix.size() &&
                                         (tag[prefix.size()] == '.' || tag[prefix.size()] == '-'));
        if (matches && prefix.size() > bestLen) {
          best = it.value().get<std::string>();
          bestLen = prefix.size();
        }
      }
      if (best.empty() && tags.contains("*")) best = tags["*"].get<std::string>();
      info.release = best;
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

const nlohmann::json& Catalog::languageConfig(const std::string& language) const {
  if (language == "node") return node_;
  if (language == "go") return go_;
  if (language == "cpp") return cpp_;
  throw Error("no templates for language '" + language + "'");
}

}  // namespace restage::catalog
