// .restage.yaml (src/config/Config.*): every key, every error with its
// line and column, globs, sizes, and which file governs a Dockerfile.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "config/Config.h"
#include "config/ConfigTestSupport.h"

namespace fs = std::filesystem;
using namespace restage::config;
using restage::config::test::TempTree;

namespace {

// The message parseConfig throws for `text`, named cfg.yaml; "" when none.
std::string errorOf(const std::string& text) {
  try {
    parseConfig(text, "cfg.yaml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("config: every key is read", "[config]") {
  Config c = parseConfig(
      "# a monorepo's settings\n"
      "exclude:\n"
      "  - legacy/\n"
      "  - '**/Dockerfile.dev'\n"
      "min-saving: 50MB\n"
      "runtime-base:\n"
      "  go: debian:bookworm-slim\n"
      "  paths:\n"
      "    'services/billing/**': gcr.io/distroless/cc-debian12\n"
      "languages: [node, go]\n"
      "fail-on: [would-migrate, runtime-cannot-start, RS005]\n",
      "repo/.restage.yaml");
  REQUIRE(c.exclude.size() == 2);
  CHECK(c.exclude[0].text() == "legacy/");
  CHECK(c.exclude[1].text() == "**/Dockerfile.dev");
  CHECK(c.minSavingBytes == 50000000);
  CHECK(c.minSavingText == "50MB");
  CHECK(c.runtimeBaseByLanguage == std::map<std::string, std::string>{{"go", "debian:bookworm-slim"}});
  REQUIRE(c.runtimeBaseByPath.size() == 1);
  CHECK(c.runtimeBaseByPath[0].glob.text() == "services/billing/**");
  CHECK(c.runtimeBaseByPath[0].image == "gcr.io/distroless/cc-debian12");
  CHECK(c.languages == std::set<std::string>{"node", "go"});
  CHECK(c.failOn.wouldMigrate);
  CHECK_FALSE(c.failOn.refused);
  CHECK_FALSE(c.failOn.anyFinding);
  CHECK(c.failOn.rules == std::set<std::string>{"runtime-cannot-start", "malformed-ignore"});
  CHECK(c.failOn.onFinding("malformed-ignore"));
  CHECK_FALSE(c.failOn.onFinding("trailing-comment"));
  CHECK(c.folder == fs::absolute("repo").lexically_normal());

  Config paths = parseConfig("exclude: [legacy/, '**/Dockerfile.dev']\n", "repo/.restage.yaml");
  CHECK(paths.excludedBy("repo/legacy/api/Dockerfile")->text() == "legacy/");
  CHECK(paths.excludedBy("repo/svc/Dockerfile.dev")->text() == "**/Dockerfile.dev");
  CHECK(paths.excludedBy("repo/svc/Dockerfile") == nullptr);
  CHECK(paths.excludedBy("elsewhere/legacy/Dockerfile") == nullptr);  // outside the file's folder
}

TEST_CASE("config: defaults equal batch without a file; fail-on: [] fails nothing", "[config]") {
  Config empty = parseConfig("", "x/.restage.yaml");
  CHECK(empty.exclude.empty());
  CHECK_FALSE(empty.minSavingBytes);
  CHECK_FALSE(empty.languages);
  CHECK(empty.failOn.wouldMigrate);
  CHECK_FALSE(empty.failOn.refused);
  CHECK(empty.failOn.anyFinding);
  CHECK(parseConfig("# nothing but a comment\n", "x/.restage.yaml").exclude.empty());

  Config quiet = parseConfig("fail-on: []\n", "x/.restage.yaml");
  CHECK_FALSE(quiet.failOn.wouldMigrate);
  CHECK_FALSE(quiet.failOn.onFinding("trailing-comment"));
  Config refused = parseConfig("fail-on: [refused, finding]\n", "x/.restage.yaml");
  CHECK(refused.failOn.refused);
  CHECK_FALSE(refused.failOn.wouldMigrate);
  CHECK(refused.failOn.onFinding("unused-ignore"));
}

TEST_CASE("config: every mistake is FILE:LINE:COL: error: what", "[config]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"exclud: []\n", "cfg.yaml:1:1: error: unknown key 'exclud' (did you mean 'exclude'?)"},
      {"min_saving: 1\n", "cfg.yaml:1:1: error: unknown key 'min_saving' (did you mean 'min-saving'?)"},
      {"exclude: []\nbogus: 1\n",
       "cfg.yaml:2:1: error: unknown key 'bogus' (known: exclude, min-saving, runtime-base, languages, fail-on, select, ignore)"},
      {"- a\n- b\n", "cfg.yaml:1:1: error: the file must be a mapping (key: value), not a list"},
      {"exclude: []\nexclude: []\n", "cfg.yaml:2:1: error: 'exclude' is given twice in the file (first on line 1)"},
      {"exclude: [a\n", "cfg.yaml:2:1: error: invalid YAML: end of sequence flow not found"},
      {"exclude: legacy/\n", "cfg.yaml:1:10: error: 'exclude' must be a list (- item, or [a, b]), not a single value"},
      {"exclude:\n  - /abs\n",
       "cfg.yaml:2:5: error: '/abs' is absolute; globs are relative to the configuration file's folder"},
      {"exclude:\n  - 'a**'\n", "cfg.yaml:2:5: error: 'a**': '**' must be a whole segment, as in 'a/**/b'"},
      {"exclude: ['a/[ab]']\n",
       "cfg.yaml:1:11: error: 'a/[ab]' has '[': character classes and braces are not supported (only *, ? and **)"},
      {"exclude: ['../x']\n",
       "cfg.yaml:1:11: error: '../x' has a '..' segment; globs are relative to the configuration file's folder"},
      {"exclude: ['a//b']\n", "cfg.yaml:1:11: error: 'a//b' has an empty folder name ('//')"},
      {"exclude: [\"a\\\\b\"]\n", "cfg.yaml:1:11: error: 'a\\b' has a backslash; separate folders with '/'"},
      {"exclude: [[a]]\n", "cfg.yaml:1:11: error: an entry of 'exclude' must be a single value, not a list"},
      {"min-saving:\n", "cfg.yaml:1:1: error: 'min-saving' has no value"},
      {"min-saving: 50 parsecs\n",
       "cfg.yaml:1:13: error: min-saving: '50 parsecs' is not a size (for example 50MB, 200 MiB, 1.5GB, 1000000)"},
      {"min-saving: -5MB\n",
       "cfg.yaml:1:13: error: min-saving: '-5MB' is not a size (for example 50MB, 200 MiB, 1.5GB, 1000000)"},
      {"min-saving: [1]\n", "cfg.yaml:1:13: error: 'min-saving' must be a single value, not a list"},
      {"runtime-base: debian\n",
       "cfg.yaml:1:15: error: 'runtime-base' must be a mapping (key: value), not a single value"},
      {"runtime-base:\n  goo: x\n",
       "cfg.yaml:2:3: error: unknown key 'goo' in 'runtime-base': a language (node, go, cpp) or 'paths' "
       "(did you mean 'go'?)"},
      {"runtime-base:\n  go: debian bookworm\n",
       "cfg.yaml:2:7: error: 'debian bookworm' is not an image reference (for example debian:bookworm-slim)"},
      {"runtime-base:\n  node: $BASE\n",
       "cfg.yaml:2:9: error: '$BASE' is not an image reference (for example debian:bookworm-slim)"},
      {"runtime-base:\n  paths:\n    'a/[x]': debian\n",
       "cfg.yaml:3:5: error: 'a/[x]' has '[': character classes and braces are not supported (only *, ? and **)"},
      {"runtime-base:\n  paths: [a]\n",
       "cfg.yaml:2:10: error: 'runtime-base: paths' must be a mapping (key: value), not a list"},
      {"languages: [node, rust]\n", "cfg.yaml:1:19: error: unknown language 'rust' (known: node, go, cpp)"},
      {"languages: [nod]\n", "cfg.yaml:1:13: error: unknown language 'nod' (did you mean 'node'?)"},
      {"languages: []\n",
       "cfg.yaml:1:12: error: 'languages' is empty; list at least one of node, go, cpp "
       "(to leave files alone, use 'exclude')"},
      {"fail-on: [would-migrate, findings]\n",
       "cfg.yaml:1:26: error: unknown 'fail-on' entry 'findings' (did you mean 'finding'?)"},
      {"fail-on: would-migrate\n",
       "cfg.yaml:1:10: error: 'fail-on' must be a list (- item, or [a, b]), not a single value"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(errorOf(c.text) == c.message);
  }
}

TEST_CASE("config: hostile files are refused quickly: size, nesting, entries", "[config]") {
  std::string deep = "exclude: " + std::string(20000, '[') + std::string(20000, ']') + "\n";
  std::string e = errorOf(deep);
  CHECK(e.starts_with("cfg.yaml:1:"));
  CHECK(e.ends_with("error: invalid YAML: nested too deeply"));

  std::string many = "exclude:\n";
  for (int i = 0; i <= 1000; ++i) many += "  - a" + std::to_string(i) + "\n";
  CHECK(errorOf(many) == "cfg.yaml:2:3: error: 'exclude' has 1001 entries; restage takes at most 1000");

  TempTree t;
  t.write(".restage.yaml", "# " + std::string(70000, 'x') + "\n");
  try {
    loadConfig(t / ".restage.yaml");
    FAIL("a 70 kB configuration file was read");
  } catch (const ConfigError& err) {
    CHECK(std::string(err.what()) == (t / ".restage.yaml").string() +
                                         ": too large for a configuration file: 70003 bytes, over the limit of 64 KiB");
  }
}

TEST_CASE("config: globs", "[config]") {
  struct Case {
    const char* glob;
    const char* path;
    bool matches;
  };
  const Case cases[] = {
      {"legacy/", "legacy/Dockerfile", true},
      {"legacy/", "legacy/a/b/Dockerfile", true},
      {"legacy/", "legacy", false},            // a folder pattern: files under it only
      {"legacy/", "old/legacy/Dockerfile", false},
      {"legacy", "legacy/Dockerfile", false},  // no '/': that exact path only
      {"legacy/Dockerfile", "legacy/Dockerfile", true},
      {"*/Dockerfile", "a/Dockerfile", true},
      {"*/Dockerfile", "a/b/Dockerfile", false},  // '*' stays within a folder
      {"**/Dockerfile", "Dockerfile", true},      // '**' may be no folder at all
      {"**/Dockerfile", "a/b/c/Dockerfile", true},
      {"a/**/Dockerfile", "a/Dockerfile", true},
      {"a/**/Dockerfile", "a/x/y/Dockerfile", true},
      {"a/**/Dockerfile", "b/a/Dockerfile", false},
      {"a/**", "a/x/Dockerfile", true},
      {"a/**", "b/Dockerfile", false},
      {"**", "anything/at/all", true},
      {"svc/*/Dockerfile.?", "svc/api/Dockerfile.1", true},
      {"svc/*/Dockerfile.?", "svc/api/Dockerfile.10", false},
      {"svc/*/Dockerfile.*", "svc/api/Dockerfile.prod", true},
      {"*.Dockerfile", "api.Dockerfile", true},
      {"*.Dockerfile", "dir/api.Dockerfile", false},
      {"svc/a*b*c/", "svc/aXbYc/Dockerfile", true},
      {"svc/a*b*c/", "svc/aXbY/Dockerfile", false},
      {"**/test/", "x/test/Dockerfile", true},
      {"**/test/", "x/test", false},
  };
  for (const auto& c : cases) {
    INFO(c.glob << " vs " << c.path);
    CHECK(Glob::parse(c.glob).matches(c.path) == c.matches);
  }
  // Many stars against a long name that does not match: no blow-up.
  std::string stars;
  for (int i = 0; i < 200; ++i) stars += "a*";
  CHECK_FALSE(Glob::parse(stars + "b").matches(std::string(5000, 'a')));
}

TEST_CASE("config: sizes", "[config]") {
  CHECK(parseSize("50MB") == 50000000);
  CHECK(parseSize("50 MB") == 50000000);
  CHECK(parseSize("200 MiB") == 200LL * 1024 * 1024);
  CHECK(parseSize("1.5GB") == 1500000000);
  CHECK(parseSize("1.5 gib") == 1610612736);
  CHECK(parseSize("512k") == 512000);
  CHECK(parseSize("12KiB") == 12288);
  CHECK(parseSize("1000") == 1000);
  CHECK(parseSize("0") == 0);
  CHECK(parseSize("7 B") == 7);
  for (const char* bad : {"", "MB", "5 parsecs", "-1", "1.", ".5MB", "1e9", "5 M B", "99999999999999999"}) {
    INFO(bad);
    CHECK_THROWS_AS(parseSize(bad), std::invalid_argument);
  }
}

TEST_CASE("config: the nearest file wins, up to the folder that holds .git", "[config]") {
  TempTree t;
  t.write(".restage.yaml", "min-saving: 1MB\n");  // above the repository: never read
  t.mkdir("repo/.git");
  t.write("repo/.restage.yaml", "min-saving: 2MB\n");
  t.write("repo/svc/.restage.yaml", "min-saving: 3MB\n");
  t.write("repo/svc/api/Dockerfile");
  t.write("repo/svc/api/deep/Dockerfile");
  t.write("repo/web/Dockerfile");
  t.write("other/Dockerfile");
  t.mkdir("other/.git");

  ConfigFinder finder;
  const Config* api = finder.forFile(t / "repo/svc/api/Dockerfile");
  REQUIRE(api);
  CHECK(api->minSavingBytes == 3000000);  // nearest, not merged with repo's
  CHECK(finder.forFile(t / "repo/svc/api/deep/Dockerfile") == api);  // parsed once
  const Config* web = finder.forFile(t / "repo/web/Dockerfile");
  REQUIRE(web);
  CHECK(web->minSavingBytes == 2000000);
  CHECK(finder.forFile(t / "other/Dockerfile") == nullptr);  // stops at other/.git

  ConfigFinder fixed(ConfigFinder::Mode::Fixed, t / "repo/.restage.yaml");
  CHECK(fixed.forFile(t / "repo/svc/api/Dockerfile")->minSavingBytes == 2000000);
  CHECK(fixed.forFile(t / "other/Dockerfile")->minSavingBytes == 2000000);
  ConfigFinder none(ConfigFinder::Mode::None);
  CHECK(none.forFile(t / "repo/svc/api/Dockerfile") == nullptr);

  // A bad file is an error for the files it governs, not for the others.
  t.write("repo/bad/.restage.yaml", "exclude: nope\n");
  t.write("repo/bad/Dockerfile");
  CHECK_THROWS_AS(finder.forFile(t / "repo/bad/Dockerfile"), ConfigError);
  CHECK(finder.forFile(t / "repo/web/Dockerfile") == web);
  CHECK_THROWS_AS(ConfigFinder(ConfigFinder::Mode::Fixed, t / "missing.yaml"), ConfigError);
}

TEST_CASE("config: damaged files give a ConfigError or a configuration, nothing else", "[config]") {
  const std::string good =
      "exclude:\n  - legacy/\n  - '**/Dockerfile.dev'\nmin-saving: 50MB\nruntime-base:\n  go: debian:bookworm-slim\n"
      "  paths:\n    'svc/**': node:20-slim\nlanguages: [node, go]\nfail-on: [would-migrate, finding]\n";
  const char alphabet[] = "-:[]{}'\"*&!|>#, \n\t\\?%@`ab0.";
  unsigned state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7fff;
  };
  std::size_t errors = 0, parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = good;
    int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = next() % text.size();
      switch (next() % 3) {
        case 0: text[at] = alphabet[next() % (sizeof alphabet - 1)]; break;
        case 1: text.insert(at, 1, alphabet[next() % (sizeof alphabet - 1)]); break;
        default: text.erase(at, 1 + next() % 8); break;
      }
      if (text.empty()) text.push_back('x');  // (= "x" trips GCC 12's -Wrestrict)
    }
    INFO(text);
    try {
      parseConfig(text, "cfg.yaml");
      ++parsed;
    } catch (const ConfigError& err) {
      CHECK(std::string(err.what()).starts_with("cfg.yaml:"));
      ++errors;
    }
  }
  // Both kinds happen, so the mutations reach past the YAML parser.
  CHECK(errors > 100);
  CHECK(parsed > 100);
}
