// --shard K/N: validation, a hash that never changes, and a partition: the
// union of the N shards is every file exactly once.
#include <catch2/catch.hpp>

#include <map>

#include "Error.h"
#include "batch/Discovery.h"
#include "batch/Shard.h"
#include "BatchTestSupport.h"

using namespace restage::batch;
using restage::batch::test::ScratchDir;

TEST_CASE("FNV-1a 64 matches the published test vectors", "[shard]") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("Shard assignment is pinned: CI machines on any version agree", "[shard]") {
  // Computed once by hand (FNV-1a 64 of the key, mod N, plus one); a change
  // here would move files between the jobs of a running CI matrix.
  CHECK(fnv1a64("services/api/Dockerfile") == 0x0fb1cf892271c239ULL);
  unsigned expected = 2;  // 0x0fb1cf892271c239 % 8 == 1
  for (unsigned k = 1; k <= 8; ++k) {
    INFO("shard " << k << "/8");
    CHECK(Shard(k, 8).contains("services/api/Dockerfile") == (k == expected));
  }
}

TEST_CASE("--shard K/N is validated", "[shard]") {
  CHECK(Shard::parse("1/1").all());
  CHECK(Shard::parse("3/8").index() == 3);
  CHECK(Shard::parse("3/8").count() == 8);
  CHECK(Shard::parse("8/8").index() == 8);
  for (const char* bad : {"0/4", "5/4", "1/0", "0/0", "a/b", "3", "", "/", "1/", "/2", "-1/2", "1/2x", "1.5/2",
                          " 1/2", "1/99999999999999999999"}) {
    INFO(bad);
    CHECK_THROWS_AS(Shard::parse(bad), restage::UsageError);
  }
  CHECK_THROWS_AS(Shard(0, 3), restage::UsageError);
}

TEST_CASE("The shards of a tree partition it", "[shard]") {
  ScratchDir d;
  for (int i = 0; i < 600; ++i) {
    d.write("team" + std::to_string(i % 13) + "/svc" + std::to_string(i) + "/Dockerfile");
  }
  auto found = discover({d.path()}, {.useGit = false});
  REQUIRE(found.files.size() == 600);
  for (unsigned n : {1u, 2u, 3u, 7u, 16u, 64u}) {
    INFO("N = " << n);
    std::map<std::string, int> seen;
    std::vector<std::size_t> sizes(n, 0);
    for (unsigned k = 1; k <= n; ++k) {
      Shard shard(k, n);
      for (const auto& f : found.files) {
        if (shard.contains(f.key)) {
          ++seen[f.key];
          ++sizes[k - 1];
        }
      }
    }
    CHECK(seen.size() == found.files.size());
    for (const auto& [key, times] : seen) {
      INFO(key);
      CHECK(times == 1);
    }
    // Stable hashing spreads the files: no shard is empty or holds twice its share.
    for (std::size_t s : sizes) {
      CHECK(s > 0);
      CHECK(s < 2 * 600 / n + 10);
    }
  }
}
