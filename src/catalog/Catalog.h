#pragma once
// The runtime-base catalog and the builder-image facts, read from the
// templates/ data files (built into the binary). Loaded once per process.
//
// ABI floors (templates/releases.json): each distro release offers the newest
// symbol versions its C library and libstdc++ define, as auditwheel's policy
// file does per platform tag. A program built on a release may need any of
// them; a runtime base meets its floor when each of its versions is at least
// as new. A builder that brings its own compiler (gcc:N puts GCC N's
// libstdc++ in /usr/local/lib64) raises the floor above its release's.
#include <map>
#include <optional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/StageFacts.h"

namespace restage::catalog {

// The newest versions a release's libraries define; "" where unknown.
struct Abi {
  std::string libc;     // glibc, musl or none
  std::string glibc;    // GLIBC_x: "2.36"
  std::string glibcxx;  // GLIBCXX_x: "3.4.30"
  std::string cxxabi;   // CXXABI_x: "1.3.13"
  std::string musl;     // "1.2.5" (musl has no symbol versions)
  std::string openssl;  // the libssl major: "3", "1.1"
};

// What a program needs of its runtime: the C library family and the newest
// symbol versions it may use ("" where nothing is needed).
struct Floor {
  std::string libc;
  std::string glibc;
  std::string glibcxx;
  std::string cxxabi;
  std::string from;  // whose floor it is, for explanations: "gcc:13 (GCC 13's libstdc++)"
};

struct EndOfLife {
  std::string date;  // YYYY-MM-DD: the last day of support is the day before
  std::string what;  // "Node.js 20", "Debian 12 (bookworm)", "distroless's Debian 12 images"
};

struct RuntimeBase {
  std::string image;
  std::string family;  // distro release, e.g. debian12, alpine3.22
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
  Abi abi;                          // its release's libraries (libstdc++ only when libstdcxx)
  std::string releaseName;          // "Debian 13 (trixie)", "" when the release is unknown
  std::optional<EndOfLife> eol;     // when its support ends, when the catalog knows
  bool hasUser(const std::string& name) const;
};

// A compiler a builder image brings itself, with libraries newer than its
// release's (gcc:13: GCC 13 in /usr/local, its libstdc++ in /usr/local/lib64).
struct Toolchain {
  std::string name;                    // "GCC 13"
  std::string dir;                     // where its libraries are: /usr/local/lib64
  std::vector<std::string> libraries;  // the ones its programs link: libstdc++.so.6, libgcc_s.so.1
};

struct BuilderInfo {
  std::string language;  // node, go, cpp or "" when the image says nothing
  std::string libc;      // glibc, musl, "" unknown
  std::string release;   // e.g. debian12, alpine3.22, "" unknown
  std::string releaseName;  // "Debian 12 (bookworm)"
  long long compressedBytes = 0;
  bool known = false;
  // ENV the image itself sets (e.g. GOPATH=/go), as instructions see it.
  std::map<std::string, std::string> env;
  // The WORKDIR the image itself sets (golang: /go).
  std::string workdir = "/";
  // What the programs it builds may need: its release's ABI, raised by its
  // own toolchain's libraries.
  Abi abi;
  std::optional<Toolchain> toolchain;
  // The tag names no release and its images are still rebuilt (golang:1,
  // node:lts, gcc:latest, no tag): the release under it may move.
  bool floating = false;
  // A tag that pins the release restage assumed (golang:1-trixie), "" when
  // the image has none.
  std::string pinned;
  std::optional<EndOfLife> eol;  // when its release (or Node.js major) stops being supported
};

struct Release {
  std::string slim;
  std::optional<std::string> distrolessCc;
  std::optional<std::string> distrolessBase;
};

// A release of templates/releases.json.
struct ReleaseInfo {
  std::string id;        // debian12
  std::string name;      // Debian 12 (bookworm)
  std::string codename;  // bookworm, "" for Alpine
  Abi abi;
  std::string eol;       // YYYY-MM-DD, "" unknown
};

// Compares dotted version numbers ("3.4.30" < "3.4.32", "2.36" < "2.41").
int compareVersions(const std::string& a, const std::string& b);

// The first part of `need` that `have` does not meet, in words
// ("GLIBCXX_3.4.32 (the base's libstdc++ is 3.4.30)"); nullopt when it meets all.
// An unknown version on the base side does not meet a known need.
std::optional<std::string> unmetFloor(const Abi& have, const Floor& need);

// The day restage runs, YYYY-MM-DD: `given` when set (tests pass the
// catalog's as-of date), else SOURCE_DATE_EPOCH when set, else the clock (UTC).
std::string today(const std::optional<std::string>& given);

// True when support ended before `day` (an EndOfLife's date is the first day
// without support).
bool pastEndOfLife(const EndOfLife& eol, const std::string& day);

class Catalog {
 public:
  static const Catalog& get();  // the built-in catalog

  const std::vector<RuntimeBase>& runtimeBases() const { return bases_; }
  // Exact image match; for images not listed (e.g. node:18-slim) a match on
  // the repository with the same traits when the catalog has a sibling tag,
  // with the release and end of life of the tag itself.
  std::optional<RuntimeBase> runtimeBase(const std::string& image) const;
  BuilderInfo builder(const analysis::ImageRef& image) const;
  std::optional<Release> release(const std::string& name) const;
  std::optional<ReleaseInfo> releaseInfo(const std::string& id) const;
  // The date the catalog's facts are as of (templates/releases.json).
  const std::string& asOf() const { return asOf_; }
  // The catalog's image of `kind` ("cc" or "base": distroless) for a program
  // with `floor`: the one of `preferred` (the builder's release) when it is
  // supported on the as-of date and meets the floor, else the newest
  // supported one of the releases' that does; nullopt when none does.
  std::optional<std::string> distroless(const std::string& kind, const Floor& floor, const std::string& preferred) const;
  // templates/<language>.json
  const nlohmann::json& languageConfig(const std::string& language) const;
  // templates/effects.json: the rules of the effect model.
  const nlohmann::json& effectRules() const { return effects_; }

 private:
  Catalog();
  // The release an image's tag names or its catalog entry maps it to.
  // `key`: the tag prefix that decided it, when a map of the entry did.
  std::string releaseOf(const analysis::ImageRef& image, const nlohmann::json& entry, bool musl,
                        std::string* key = nullptr) const;
  std::optional<EndOfLife> nodeEol(const std::string& major) const;
  void applyRelease(RuntimeBase& base) const;
  std::vector<RuntimeBase> bases_;
  // runtimeBase() and builder() answers, kept by their argument: a batch asks
  // about the same few images for every file, and each answer walks the
  // JSON data. Worker threads share them.
  mutable std::shared_mutex memoMutex_;
  mutable std::unordered_map<std::string, std::optional<RuntimeBase>> baseMemo_;
  mutable std::unordered_map<std::string, BuilderInfo> builderMemo_;
  std::optional<RuntimeBase> findRuntimeBase(const std::string& image) const;
  BuilderInfo findBuilder(const analysis::ImageRef& image) const;
  nlohmann::json builders_;
  nlohmann::json releases_;
  std::string asOf_;
  nlohmann::json node_, go_, cpp_, effects_;
};

}  // namespace restage::catalog
