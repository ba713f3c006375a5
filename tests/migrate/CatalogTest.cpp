// The catalog's facts (templates/releases.json, builders.json,
// runtime-bases.json): ABI floors, end-of-life dates, and that every default
// choice is supported on the catalog's own as-of date (never today's, so the
// test gives the same answer next year).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include "catalog/Catalog.h"

using namespace restage;
using catalog::Catalog;

namespace {

analysis::ImageRef ref(const std::string& image) { return analysis::ImageRef::parse(image); }

bool isDate(const std::string& s) { return std::regex_match(s, std::regex(R"(20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))")); }

void requireSupported(const std::string& image) {
  const auto& c = Catalog::get();
  INFO(image << " on the catalog's as-of date " << c.asOf());
  auto base = c.runtimeBase(image);
  REQUIRE(base);
  REQUIRE(base->eol);
  CHECK_FALSE(catalog::pastEndOfLife(*base->eol, c.asOf()));
}

}  // namespace

TEST_CASE("version numbers compare part by part", "[migrate][catalog]") {
  CHECK(catalog::compareVersions("3.4.30", "3.4.32") < 0);
  CHECK(catalog::compareVersions("2.41", "2.36") > 0);
  CHECK(catalog::compareVersions("3.4.9", "3.4.10") < 0);
  CHECK(catalog::compareVersions("1.3.13", "1.3.13") == 0);
  CHECK(catalog::compareVersions("3", "3.0") == 0);
}

TEST_CASE("an unmet floor names the missing version and what the base has", "[migrate][catalog]") {
  catalog::Abi bookworm{"glibc", "2.36", "3.4.30", "1.3.13", "", "3"};
  catalog::Floor gcc13{"glibc", "2.36", "3.4.32", "1.3.14", "gcc:13"};
  CHECK(catalog::unmetFloor(bookworm, gcc13) == std::optional<std::string>("GLIBCXX_3.4.32 (the base's libstdc++ is 3.4.30)"));
  catalog::Floor trixieCgo{"glibc", "2.41", "", "", ""};
  CHECK(catalog::unmetFloor(bookworm, trixieCgo) == std::optional<std::string>("GLIBC_2.41 (the base's glibc is 2.36)"));
  catalog::Abi alpine{"musl", "", "3.4.33", "1.3.15", "1.2.5", "3"};
  CHECK(catalog::unmetFloor(alpine, trixieCgo) == std::optional<std::string>("a glibc C library (it has musl)"));
  catalog::Abi trixie{"glibc", "2.41", "3.4.33", "1.3.15", "", "3"};
  CHECK_FALSE(catalog::unmetFloor(trixie, gcc13));
}

TEST_CASE("every release has its ABI and an end-of-life date; every listed base a release", "[migrate][catalog]") {
  const auto& c = Catalog::get();
  REQUIRE(isDate(c.asOf()));
  for (const auto& b : c.runtimeBases()) {
    INFO(b.image);
    if (b.image == "scratch") continue;
    auto release = c.releaseInfo(b.family);
    REQUIRE(release);
    CHECK(isDate(release->eol));
    REQUIRE(b.eol);
    CHECK(isDate(b.eol->date));
    if (b.libc == "glibc") CHECK(!b.abi.glibc.empty());
    if (b.libstdcxx && b.libc == "glibc") CHECK(!b.abi.glibcxx.empty());
    CHECK(!b.abi.openssl.empty());
  }
}

TEST_CASE("the default choices are supported on the catalog's as-of date", "[migrate][catalog]") {
  const auto& c = Catalog::get();
  const auto& go = c.languageConfig("go");
  for (const char* key : {"static_base", "glibc_base", "musl_base", "shell_base"}) requireSupported(go.at(key).get<std::string>());
  const auto& node = c.languageConfig("node");
  for (const auto& major : node.at("distroless_majors")) {
    std::string image = node.at("distroless").get<std::string>();
    image.replace(image.find("{major}"), 7, std::to_string(major.get<int>()));
    requireSupported(image);
  }
  // What a program built on each supported glibc release gets: a distroless
  // image that meets its floor and is itself supported.
  for (const char* release : {"debian12", "debian13", "ubuntu2204", "ubuntu2404"}) {
    INFO("built on " << release);
    auto info = c.releaseInfo(release);
    REQUIRE(info);
    catalog::Floor floor{"glibc", info->abi.glibc, info->abi.glibcxx, info->abi.cxxabi, info->name};
    auto cc = c.distroless("cc", floor, release);
    REQUIRE(cc);
    requireSupported(*cc);
    auto base = c.distroless("base", floor, release);
    REQUIRE(base);
    requireSupported(*base);
  }
}

TEST_CASE("distroless debian12 images are past their end of life; their place goes to debian13", "[migrate][catalog]") {
  const auto& c = Catalog::get();
  auto cc12 = c.runtimeBase("gcr.io/distroless/cc-debian12:nonroot");
  REQUIRE(cc12);
  REQUIRE(cc12->eol);
  CHECK(cc12->eol->date == "2026-09-01");
  CHECK(catalog::pastEndOfLife(*cc12->eol, c.asOf()));
  catalog::Floor bookworm{"glibc", "2.36", "3.4.30", "1.3.13", ""};
  CHECK(c.distroless("cc", bookworm, "debian12") == std::optional<std::string>("gcr.io/distroless/cc-debian13:nonroot"));
  // GCC 16's libstdc++ is newer than any distroless image's.
  catalog::Floor gcc16{"glibc", "2.41", "3.4.35", "1.3.17", ""};
  CHECK_FALSE(c.distroless("cc", gcc16, "debian13"));
  // A base image has no libstdc++ of its own: only glibc counts.
  CHECK(c.distroless("base", gcc16, "debian13") == std::optional<std::string>("gcr.io/distroless/base-debian13:nonroot"));
}

TEST_CASE("builders: release, toolchain floor, alpine branch, floating tags", "[migrate][catalog]") {
  const auto& c = Catalog::get();
  auto gcc13 = c.builder(ref("gcc:13"));
  CHECK(gcc13.release == "debian12");
  REQUIRE(gcc13.toolchain);
  CHECK(gcc13.toolchain->dir == "/usr/local/lib64");
  CHECK(gcc13.abi.glibc == "2.36");
  CHECK(gcc13.abi.glibcxx == "3.4.32");
  CHECK_FALSE(gcc13.floating);
  auto gcc14 = c.builder(ref("gcc:14.2.0"));
  CHECK(gcc14.release == "debian13");
  CHECK(gcc14.abi.glibcxx == "3.4.33");
  auto gccLatest = c.builder(ref("gcc"));
  CHECK(gccLatest.floating);
  CHECK(gccLatest.pinned == "gcc:16");

  CHECK(c.builder(ref("golang:1.22")).release == "debian12");
  CHECK_FALSE(c.builder(ref("golang:1.22")).floating);
  CHECK(c.builder(ref("golang:1.18")).release == "debian11");
  CHECK(c.builder(ref("golang:1.22-bookworm")).release == "debian12");
  auto go1 = c.builder(ref("golang:1"));
  CHECK(go1.release == "debian13");
  CHECK(go1.floating);
  CHECK(go1.pinned == "golang:1-trixie");
  CHECK(c.builder(ref("golang:latest")).pinned == "golang:trixie");
  CHECK_FALSE(c.builder(ref("golang:1.25-trixie")).floating);

  // Alpine: the branch the tag names, or the one the image's tag was built on.
  CHECK(c.builder(ref("alpine:3.22")).release == "alpine3.22");
  CHECK_FALSE(c.builder(ref("alpine:3.22")).floating);
  auto alpineLatest = c.builder(ref("alpine"));
  CHECK(alpineLatest.release == "alpine3.24");
  CHECK(alpineLatest.floating);
  CHECK(alpineLatest.pinned == "alpine:3.24");
  CHECK(c.builder(ref("golang:1.22-alpine")).release == "alpine3.21");
  CHECK(c.builder(ref("golang:1.22-alpine3.19")).release == "alpine3.19");
  auto goAlpine = c.builder(ref("golang:alpine"));
  CHECK(goAlpine.release == "alpine3.24");
  CHECK(goAlpine.floating);
  CHECK(goAlpine.pinned == "golang:alpine3.24");
  CHECK(c.builder(ref("node:20-alpine")).release == "alpine3.23");
  CHECK(c.builder(ref("node:lts-alpine3.19")).release == "alpine3.19");
}

TEST_CASE("end of life: releases, distroless families, Node.js majors", "[migrate][catalog]") {
  const auto& c = Catalog::get();
  auto node20 = c.runtimeBase("node:20-slim");
  REQUIRE(node20);
  REQUIRE(node20->eol);
  CHECK(node20->eol->what == "Node.js 20");
  CHECK(node20->eol->date == "2026-04-30");
  auto node22 = c.runtimeBase("node:22-slim");
  REQUIRE(node22);
  CHECK(node22->family == "debian12");
  CHECK(node22->eol->what == "Node.js 22");
  auto alpine319 = c.runtimeBase("alpine:3.19");
  REQUIRE(alpine319);
  CHECK(alpine319->family == "alpine3.19");
  CHECK(alpine319->eol->date == "2025-11-01");
  auto bookworm = c.runtimeBase("debian:bookworm-slim");
  CHECK(bookworm->eol->date == "2028-06-30");
  auto node20Builder = c.builder(ref("node:20"));
  REQUIRE(node20Builder.eol);
  CHECK(node20Builder.eol->what == "Node.js 20");
}

TEST_CASE("today: the given day, else SOURCE_DATE_EPOCH, else the clock", "[migrate][catalog]") {
  CHECK(catalog::today(std::string("2031-01-02")) == "2031-01-02");
  setenv("SOURCE_DATE_EPOCH", "1800000000", 1);  // 2027-01-15
  CHECK(catalog::today(std::nullopt) == "2027-01-15");
  unsetenv("SOURCE_DATE_EPOCH");
  CHECK(isDate(catalog::today(std::nullopt)));
  catalog::EndOfLife eol{"2026-04-30", "Node.js 20"};
  CHECK_FALSE(catalog::pastEndOfLife(eol, "2026-04-29"));
  CHECK(catalog::pastEndOfLife(eol, "2026-04-30"));
}
