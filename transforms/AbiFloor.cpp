#include "transforms/AbiFloor.h"

namespace restage::transforms {

namespace {

std::string joinAnd(const std::vector<std::string>& parts) {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? (i + 1 == parts.size() ? " and " : ", ") : "") + parts[i];
  return s;
}

catalog::Floor withoutLibstdcxx(catalog::Floor floor) {
  floor.glibcxx.clear();
  floor.cxxabi.clear();
  return floor;
}

catalog::Floor onlyLibstdcxx(const catalog::Floor& floor) {
  catalog::Floor f;
  f.glibcxx = floor.glibcxx;
  f.cxxabi = floor.cxxabi;
  return f;
}

// "gcr.io/distroless/cc-debian13:nonroot (Debian 13 (trixie))"
std::string named(const catalog::RuntimeBase& base) {
  return base.releaseName.empty() ? base.image : base.image + " (" + base.releaseName + ")";
}

// Copies the builder's toolchain libraries next to where they are in the
// builder and puts that folder first on the loader's path.
void carryToolchain(const migrate::PlanInput& in, migrate::RuntimePlan& plan, const catalog::RuntimeBase& base,
                    const catalog::Floor& floor) {
  const auto& tc = *in.builder.toolchain;
  std::string sources;
  for (const auto& lib : tc.libraries) sources += (sources.empty() ? "" : " ") + tc.dir + "/" + lib;
  migrate::CopyStep copy{sources, tc.dir + "/", std::nullopt};
  copy.comment = tc.name + "'s own libraries, newer than the base's libstdc++.";
  plan.copies.push_back(copy);
  std::string path = in.facts.envValue("LD_LIBRARY_PATH") ? tc.dir + ":$LD_LIBRARY_PATH" : tc.dir;
  plan.env.push_back("LD_LIBRARY_PATH=" + path);
  std::string libs;
  for (const auto& lib : tc.libraries) libs += (libs.empty() ? "" : " and ") + lib;
  std::string has = base.abi.glibcxx.empty() ? std::string("no libstdc++ version restage knows")
                                             : "GLIBCXX_" + base.abi.glibcxx;
  plan.explanation.push_back(in.facts.base.raw + " links its programs against " + tc.name + "'s own libstdc++ (GLIBCXX_" +
                             floor.glibcxx + "), newer than what " + base.image + " has (" + has +
                             "): the runtime stage copies " + libs + " from the builder's " + tc.dir +
                             " and puts that folder first on LD_LIBRARY_PATH.");
  plan.carried.push_back(libs + " from the builder's " + tc.dir + " (" + tc.name + "'s, GLIBCXX_" + floor.glibcxx +
                         "), found through LD_LIBRARY_PATH");
}

}  // namespace

catalog::Floor programFloor(const catalog::BuilderInfo& builder, bool cxx) {
  catalog::Floor floor;
  floor.libc = builder.abi.libc.empty() ? builder.libc : builder.abi.libc;
  if (floor.libc == "glibc") floor.glibc = builder.abi.glibc;
  if (cxx) {
    floor.glibcxx = builder.abi.glibcxx;
    floor.cxxabi = builder.abi.cxxabi;
  }
  floor.from = builder.releaseName;
  return floor;
}

std::string offered(const catalog::Abi& abi, const catalog::Floor& floor) {
  std::vector<std::string> parts;
  if (!floor.glibc.empty()) parts.push_back(abi.glibc.empty() ? std::string("a glibc of unknown version") : "glibc " + abi.glibc);
  if (!floor.glibcxx.empty() && !abi.glibcxx.empty()) parts.push_back("GLIBCXX_" + abi.glibcxx);
  if (parts.empty() && !abi.musl.empty()) parts.push_back("musl " + abi.musl);
  return joinAnd(parts);
}

std::string needed(const catalog::Floor& floor) {
  std::vector<std::string> parts;
  if (!floor.glibc.empty()) parts.push_back("GLIBC_" + floor.glibc);
  if (!floor.glibcxx.empty()) parts.push_back("GLIBCXX_" + floor.glibcxx);
  if (parts.empty() && !floor.libc.empty()) parts.push_back(floor.libc);
  return joinAnd(parts);
}

bool needsToolchain(const catalog::BuilderInfo& builder, const std::optional<catalog::RuntimeBase>& base,
                    const catalog::Floor& floor) {
  if (!builder.toolchain || !base || !base->libstdcxx || floor.glibcxx.empty()) return false;
  return catalog::unmetFloor(base->abi, onlyLibstdcxx(floor)).has_value();
}

std::optional<migrate::Refusal> meetFloor(const migrate::PlanInput& in, migrate::RuntimePlan& plan,
                                          const catalog::Floor& floor, const std::string& who) {
  auto base = in.catalog.runtimeBase(plan.base);
  std::string built = "built on " + in.facts.base.raw + (floor.from.empty() ? "" : " (" + floor.from + ")");
  if (!base) {
    plan.explanation.push_back("restage's catalog does not describe " + plan.base + ", so its C library cannot be checked: " +
                               who + ", " + built + ", may need " + needed(floor) + ".");
    return std::nullopt;
  }
  bool releaseKnown = !base->releaseName.empty() || base->libc == "none";
  if (!releaseKnown && base->libc == floor.libc) {
    plan.explanation.push_back("restage's catalog does not know which release " + plan.base + " is, so its C library version cannot be checked: " +
                               who + ", " + built + ", may need " + needed(floor) + ".");
    return std::nullopt;
  }
  // A base the user chose says where it came from.
  std::string given = in.options.runtimeBase ? ", given with " + in.options.runtimeBaseSource + "," : std::string();
  if (auto miss = catalog::unmetFloor(base->abi, withoutLibstdcxx(floor))) {
    return migrate::Refusal{"abi-floor", who + ", " + built + ", may need " + *miss + ": the runtime base " + named(*base) +
                                             given + " cannot run it; choose a base of " +
                                             (floor.from.empty() ? std::string("the builder's release") : floor.from) +
                                             " or newer"};
  }
  if (!floor.glibcxx.empty() && base->libstdcxx) {
    if (auto miss = catalog::unmetFloor(base->abi, onlyLibstdcxx(floor))) {
      if (!in.builder.toolchain) {
        return migrate::Refusal{"abi-floor", who + ", " + built + ", may need " + *miss + ": the runtime base " + named(*base) +
                                                 given + " cannot run it, and its libstdc++ is the release's own, not one restage can carry"};
      }
      carryToolchain(in, plan, *base, floor);
    }
  }
  return std::nullopt;
}

}  // namespace restage::transforms
