#pragma once
// The runtime-base catalog and the builder-image facts, read from the
// templates/ data files (built into the binary). Loaded once per process.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/StageFacts.h"

namespace restage::catalog {

struct RuntimeBase {
  std::string image;
  std::string family;  // distro release, e.g. debian12
  std::string libc;    // glibc, musl or none
  bool shell = false;
  bool node = false;
  bool npm = false;
  std::optional<std::string> user;  // the non-root user the image offers
  std::optional<std::string> defaultUser;  // whom it runs as without USER, when not root
  long long uid = 0;
  bool caCerts = false;
  bool libstdcxx = false;           // libstdc++ is part of the image
  long long compressedBytes = 0;
  std::string packages;             // its package manager: apt, apk, "" for none
  std::vector<std::string> users;   // the accounts its /etc/passwd holds
  bool hasUser(const std::string& name) const;
};

struct BuilderInfo {
  std::string language;  // node, go, cpp or "" when the image says nothing
  std::string libc;      // glibc, musl, "" unknown
  std::string release;   // e.g. debian12, "" unknown
  long long compressedBytes = 0;
  bool known = false;
  // ENV the image itself sets (e.g. GOPATH=/go), as instructions see it.
  std::map<std::string, std::string> env;
  // The WORKDIR the image itself sets (golang: /go).
  std::string workdir = "/";
};

struct Release {
  std::string slim;
  std::optional<std::string> distrolessCc;
  std::optional<std::string> distrolessBase;
};

class Catalog {
 public:
  static const Catalog& get();  // the built-in catalog

  const std::vector<RuntimeBase>& runtimeBases() const { return bases_; }
  // Exact image match; for images not listed (e.g. node:18-slim) a match on
  // the repository with the same traits when the catalog has a sibling tag.
  std::optional<RuntimeBase> runtimeBase(const std::string& image) const;
  BuilderInfo builder(const analysis::ImageRef& image) const;
  std::optional<Release> release(const std::string& name) const;
  // templates/<language>.json
  const nlohmann::json& languageConfig(const std::string& language) const;
  // templates/effects.json: the rules of the effect model.
  const nlohmann::json& effectRules() const { return effects_; }

 private:
  Catalog();
  std::vector<RuntimeBase> bases_;
  nlohmann::json builders_;
  nlohmann::json node_, go_, cpp_, effects_;
};

}  // namespace restage::catalog
