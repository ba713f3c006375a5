// Discovery: which names count, which folders are never entered, git's
// ignore rules, symlinks, and a stable order.
#include <catch2/catch.hpp>

#include <algorithm>

#include "batch/Discovery.h"
#include "BatchTestSupport.h"

namespace fs = std::filesystem;
using namespace restage::batch;
using restage::batch::test::git;
using restage::batch::test::keys;
using restage::batch::test::ScratchDir;
using Keys = std::vector<std::string>;

TEST_CASE("Dockerfile names: the documented patterns and nothing else", "[discovery]") {
  for (const char* yes : {"Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "containerfile",
                          "Dockerfile.dev", "Dockerfile.prod.arm64", "api.Dockerfile", "web.dockerfile",
                          "a.b.Dockerfile", "Dockerfile-dev", "dockerfile-worker", "Containerfile.alpine",
                          "worker.containerfile", "Containerfile-test", "svc/x/Dockerfile.ci",
                          "a/b/worker.Containerfile"}) {
    INFO(yes);
    CHECK(isDockerfileName(yes));
  }
  for (const char* no : {"Dockerfile.", "Dockerfile-", "Dockerfile.dockerignore", "api.Dockerfile.dockerignore",
                         "Containerfile.dockerignore", "Dockerfile.orig", "Dockerfile.rej", "Dockerfile.bak",
                         "Dockerfile.BAK", "Dockerfile.swp", "Dockerfile.restage-bak", "Dockerfile~",
                         "Containerfile.orig", "worker.containerfile~", ".Dockerfile", ".dockerfile",
                         "Dockerfiles", "MyDockerfile", "Dockerfile_x", "README.md", "docker-compose.yml",
                         "dockerfile-lint.yml", "Dockerfile.md", "Dockerfile.j2", "Dockerfile.template",
                         "Dockerfile/x", "", "a/"}) {
    INFO(no);
    CHECK_FALSE(isDockerfileName(no));
  }
}

TEST_CASE("Discovery finds the named files in every folder, sorted", "[discovery]") {
  ScratchDir d;
  for (const char* rel : {"z/Dockerfile", "a/b/c/Containerfile", "Dockerfile", "svc/api.Dockerfile",
                          "svc/Dockerfile.dev", "svc/web.dockerfile", "svc/Dockerfile.dockerignore",
                          "svc/README.md", "svc/Dockerfile.orig", "svc/Dockerfiles/x.txt"}) {
    d.write(rel);
  }
  DiscoveryOptions noGit{.useGit = false};
  auto found = discover({d.path()}, noGit);
  CHECK(keys(found) == Keys{"Dockerfile", "a/b/c/Containerfile", "svc/Dockerfile.dev", "svc/api.Dockerfile",
                            "svc/web.dockerfile", "z/Dockerfile"});
  CHECK(found.skipped.empty());
  // Shown paths are the root as given joined with the key; real paths are absolute.
  CHECK(found.files[0].path == (d.path() / "Dockerfile").string());
  CHECK(found.files[1].realPath == (d.path() / "a/b/c/Containerfile").string());
}

TEST_CASE("Discovery never enters .git, node_modules or vendor", "[discovery]") {
  ScratchDir d;
  for (const char* rel : {".git/Dockerfile", "node_modules/pkg/Dockerfile", "a/node_modules/Dockerfile",
                          "a/vendor/github.com/x/Dockerfile", "vendor/Dockerfile", "vendors/Dockerfile",
                          "a/.github/Dockerfile", "my-vendor/Dockerfile"}) {
    d.write(rel);
  }
  auto found = discover({d.path()}, {.useGit = false});
  CHECK(keys(found) == Keys{"a/.github/Dockerfile", "my-vendor/Dockerfile", "vendors/Dockerfile"});
}

TEST_CASE("Inside a git work tree, what git ignores is skipped", "[discovery]") {
  ScratchDir d;
  git(d.path(), "init -q");
  d.write(".gitignore", "build/\n*.gen.Dockerfile\n/secret\n");
  d.write("build/Dockerfile");                  // ignored folder
  d.write("svc/x.gen.Dockerfile");              // ignored pattern
  d.write("secret/Dockerfile");                 // ignored from the top only
  d.write("svc/secret/Dockerfile");             // not ignored: the pattern is anchored
  d.write("svc/Dockerfile");                    // untracked, not ignored
  d.write("tracked/Dockerfile");
  d.write("forced/build/Dockerfile");           // ignored, but tracked with add -f: git lists it
  d.write("excluded/Dockerfile");               // .git/info/exclude
  d.write("node_modules/x/Dockerfile");         // pruned by name even when git would list it
  d.write(".git/info/exclude", "excluded/\n");
  git(d.path(), "add tracked/Dockerfile node_modules/x/Dockerfile");
  git(d.path(), "add -f forced/build/Dockerfile");
  fs::remove(d / "tracked/Dockerfile");  // tracked but deleted: not there to migrate
  d.write("tracked/keep/Dockerfile");

  auto found = discover({d.path()});
  CHECK(keys(found) == Keys{"forced/build/Dockerfile", "svc/Dockerfile", "svc/secret/Dockerfile",
                            "tracked/keep/Dockerfile"});

  SECTION("a root below the top of the work tree still follows the top's rules") {
    d.write("svc/build/Dockerfile");
    auto sub = discover({d / "svc"});
    CHECK(keys(sub) == Keys{"Dockerfile", "secret/Dockerfile"});
    CHECK(sub.files[0].path == (d / "svc/Dockerfile").string());
  }
  SECTION("--no-git walks everything but the pruned folders") {
    auto all = discover({d.path()}, {.useGit = false});
    CHECK(keys(all) == Keys{"build/Dockerfile", "excluded/Dockerfile", "forced/build/Dockerfile",
                            "secret/Dockerfile", "svc/Dockerfile", "svc/secret/Dockerfile",
                            "svc/x.gen.Dockerfile", "tracked/keep/Dockerfile"});
  }
}

TEST_CASE("Nested repositories follow their own ignore rules inside git only", "[discovery]") {
  ScratchDir d;
  // A plain folder holding clones, and a repository holding an untracked clone.
  d.write("clones/one/.gitignore", "out/\n");
  d.write("clones/one/out/Dockerfile");
  d.write("clones/one/app/Dockerfile");
  git(d / "clones/one", "init -q");
  d.write("clones/loose/Dockerfile");
  d.write("mono/.gitignore", "tmp/\n");
  d.write("mono/tmp/Dockerfile");
  d.write("mono/inner/.gitignore", "gen/\n");
  d.write("mono/inner/gen/Dockerfile");
  d.write("mono/inner/Dockerfile");
  git(d / "mono", "init -q");
  git(d / "mono/inner", "init -q");

  // Inside a work tree named as the root, git answers for it and for the
  // nested repository it lists.
  CHECK(keys(discover({d / "mono"})) == Keys{"inner/Dockerfile"});
  // Outside git, restage runs no git in a nested repository (its config may
  // name commands): the folders are walked, their ignore files not read.
  CHECK(keys(discover({d.path()})) ==
        Keys{"clones/loose/Dockerfile", "clones/one/app/Dockerfile", "clones/one/out/Dockerfile",
             "mono/inner/Dockerfile", "mono/inner/gen/Dockerfile", "mono/tmp/Dockerfile"});
}

TEST_CASE("Symlinks never lead out of the root", "[discovery]") {
  ScratchDir d;
  d.write("outside/Dockerfile");
  d.write("outside/deep/Dockerfile");
  d.write("root/real/Dockerfile");
  d.write("root/data/service.txt");
  d.symlink("../../outside/Dockerfile", "root/escape/Dockerfile");      // file out of the root
  d.symlink("../../outside", "root/linked-dir");                         // folder out of the root
  d.symlink("..", "root/real/loop");                                     // folder inside: not followed
  d.symlink("../real/Dockerfile", "root/alias/Dockerfile");              // a file found anyway
  d.symlink("../data/service.txt", "root/named/Dockerfile");             // inside, found only this way
  d.symlink("../nowhere", "root/dangling/Dockerfile");

  for (bool useGit : {false, true}) {
    if (useGit) git(d / "root", "init -q");
    INFO("git: " << useGit);
    auto found = discover({d / "root"}, {.useGit = useGit});
    REQUIRE(keys(found) == Keys{"named/Dockerfile", "real/Dockerfile"});
    CHECK(found.files[0].symlink);
    CHECK(found.files[0].realPath == (d / "root/data/service.txt").string());  // written through, the link stays
    CHECK(found.files[0].path == (d / "root/named/Dockerfile").string());
    CHECK_FALSE(found.files[1].symlink);

    std::vector<std::pair<std::string, std::string>> skipped;
    for (const auto& s : found.skipped) {
      skipped.emplace_back(s.key, s.code);
      CHECK_FALSE(s.error);
      CHECK_FALSE(s.reason.empty());
    }
    CHECK(skipped == std::vector<std::pair<std::string, std::string>>{
                         {"alias/Dockerfile", "duplicate-symlink"},
                         {"dangling/Dockerfile", "dangling-symlink"},
                         {"escape/Dockerfile", "symlink-outside-root"}});
  }
}

TEST_CASE("Discovery's order and keys do not depend on how the tree was made or the root spelled", "[discovery]") {
  ScratchDir a;
  ScratchDir b;
  std::vector<std::string> rels = {"m/Dockerfile", "a/Dockerfile", "m/n/Dockerfile", "B/Dockerfile",
                                   "a.Dockerfile", "a/a.Dockerfile", "z/Containerfile"};
  for (const auto& r : rels) a.write(r);
  std::reverse(rels.begin(), rels.end());
  for (const auto& r : rels) b.write(r);
  auto one = discover({a.path()}, {.useGit = false});
  auto two = discover({b.path()}, {.useGit = false});
  CHECK(keys(one) == keys(two));
  CHECK(std::is_sorted(one.files.begin(), one.files.end(),
                       [](const auto& x, const auto& y) { return x.path < y.path; }));
  auto slash = discover({a.path().string() + "/"}, {.useGit = false});
  CHECK(keys(slash) == keys(one));
  CHECK(slash.files[0].path == one.files[0].path);
}

TEST_CASE("Overlapping roots and a file root give each file once", "[discovery]") {
  ScratchDir d;
  d.write("a/Dockerfile");
  d.write("a/b/Dockerfile");
  d.write("c/build.txt");
  auto found = discover({d.path(), d / "a/b", d / "c/build.txt"}, {.useGit = false});
  std::vector<fs::path> real;
  for (const auto& f : found.files) real.push_back(f.realPath);
  std::sort(real.begin(), real.end());
  CHECK(real == std::vector<fs::path>{d / "a/Dockerfile", d / "a/b/Dockerfile", d / "c/build.txt"});
  CHECK(found.skipped.empty());
}
