// --changed-from: the Dockerfiles that differ between a base revision and the
// work tree, read from git in a temporary repository (added, modified,
// renamed, deleted, untracked files), and the CLI around it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "Error.h"
#include "SuggestTestSupport.h"
#include "batch/Discovery.h"
#include "suggest/ChangedFiles.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace restage::suggest;
using namespace restage::suggest::test;

namespace {

// A git command in `repo` that must succeed; no user or system config.
std::string git(const fs::path& repo, std::vector<std::string> args) {
  std::vector<std::string> argv = {"git", "-c", "user.name=restage test", "-c", "user.email=test@example.invalid",
                                   "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"};
  argv.insert(argv.end(), args.begin(), args.end());
  Run r = runCommand(argv, repo);
  INFO("git " << args[0] << ": " << r.err);
  REQUIRE(r.status == 0);
  return r.out;
}

// A Dockerfile from the corpus that migrate rewrites, so suggest has output.
std::string migratableDockerfile() {
  for (const auto& f : corpusMigrations()) {
    if (f.result.status == restage::migrate::Status::Migrated) return f.result.original;
  }
  FAIL("no corpus file migrates");
  return {};
}

const ChangedFile* find(const std::vector<ChangedFile>& files, const std::string& path) {
  auto it = std::find_if(files.begin(), files.end(), [&](const ChangedFile& f) { return f.path == path; });
  return it == files.end() ? nullptr : &*it;
}

struct Repo {
  TempDir dir;
  std::string base;  // the commit the "pull request" starts from

  Repo() {
    const fs::path& p = dir.path();
    std::string df = "FROM alpine:3.19\nRUN echo base\nCMD [\"sh\"]\n";
    git(p, {"init", "-q"});
    writeText(p / "modified/Dockerfile", df);
    writeText(p / "old/Dockerfile", df + "# to be renamed\n");
    writeText(p / "deleted.Dockerfile", "FROM busybox\nCMD [\"true\"]\n");
    writeText(p / "unchanged/Dockerfile", df);
    writeText(p / "README.md", "readme\n");
    git(p, {"add", "-A"});
    git(p, {"commit", "-q", "-m", "base"});
    base = git(p, {"rev-parse", "HEAD"});
    base.erase(base.find_last_not_of("\n") + 1);

    // The pull request: committed, staged and unstaged changes.
    writeText(p / "modified/Dockerfile", df + "RUN echo changed\n");
    git(p, {"mv", "old", "renamed"});
    git(p, {"rm", "-q", "deleted.Dockerfile"});
    writeText(p / "added/app.dockerfile", df);
    writeText(p / "README.md", "changed\n");
    git(p, {"add", "-A"});
    git(p, {"commit", "-q", "-m", "pr"});
    writeText(p / "untracked/Containerfile", df);
    writeText(p / "ignored/Dockerfile", df);
    writeText(p / ".gitignore", "ignored/\n");
  }
};

}  // namespace

TEST_CASE("parseNameStatus reads git diff -z records", "[git]") {
  using namespace std::string_literals;
  auto files = parseNameStatus("M\0a/Dockerfile\0R087\0old/Dockerfile\0new/Dockerfile\0A\0x\0D\0y\0C100\0p\0q\0"s);
  REQUIRE(files.size() == 5);
  CHECK(files[0].kind == ChangeKind::Modified);
  CHECK(files[1].kind == ChangeKind::Renamed);
  CHECK(files[1].oldPath == "old/Dockerfile");
  CHECK(files[1].path == "new/Dockerfile");
  CHECK(files[2].kind == ChangeKind::Added);
  CHECK(files[3].kind == ChangeKind::Deleted);
  CHECK(files[4].kind == ChangeKind::Copied);
  CHECK(files[4].path == "q");
  CHECK(parseNameStatus("").empty());
  CHECK_THROWS_AS(parseNameStatus("M\0"s), restage::Error);
  CHECK_THROWS_AS(parseNameStatus("Z\0x\0"s), restage::Error);
  CHECK_THROWS_AS(parseNameStatus("M\0x"s), restage::Error);
}

TEST_CASE("isDockerfileName", "[git]") {
  for (const char* yes : {"Dockerfile", "a/b/Dockerfile", "dockerfile", "Containerfile", "api.Dockerfile",
                          "Dockerfile.prod", "x/app.dockerfile", "svc/build.containerfile"}) {
    CHECK(isDockerfileName(yes));
  }
  for (const char* no : {"README.md", "Dockerfile/x", "Dockerfiles", "a/.dockerignore", "dockerfile-lint.yml",
                         ".Dockerfile", "Dockerfile."}) {
    CHECK_FALSE(isDockerfileName(no));
  }
}

TEST_CASE("one name predicate: batch discovery and --changed-from take the same files", "[git]") {
  TempDir dir;
  const fs::path& p = dir.path();
  git(p, {"init", "-q"});
  writeText(p / "README.md", "readme\n");
  git(p, {"add", "-A"});
  git(p, {"commit", "-q", "-m", "base"});
  const std::vector<std::string> names = {
      "a/Dockerfile", "b/dockerfile", "c/Containerfile", "d/worker.containerfile", "e/Containerfile.alpine",
      "f/Dockerfile-dev", "g/api.Dockerfile", "h/Dockerfile.prod", "i/Dockerfile.dockerignore",
      "j/Dockerfile.orig", "k/Dockerfile.bak", "l/Dockerfile~", "m/dockerfile-lint.yml", "n/MyDockerfile",
      "o/Containerfile.dockerignore", "p/DOCKERFILE"};
  for (const auto& name : names) writeText(p / name, "FROM alpine:3.20\n");
  std::vector<std::string> expected = {"a/Dockerfile", "b/dockerfile", "c/Containerfile", "d/worker.containerfile",
                                       "e/Containerfile.alpine", "f/Dockerfile-dev", "g/api.Dockerfile",
                                       "h/Dockerfile.prod", "p/DOCKERFILE"};

  std::vector<std::string> changed = changedDockerfiles("HEAD", p);
  std::sort(changed.begin(), changed.end());
  CHECK(changed == expected);

  std::vector<std::string> discovered;
  for (const auto& f : restage::batch::discover({p}).files) discovered.push_back(f.key);
  std::sort(discovered.begin(), discovered.end());
  CHECK(discovered == expected);
}

TEST_CASE("changedFiles: added, modified, renamed, deleted, untracked", "[git]") {
  Repo repo;
  auto files = changedFiles(repo.base, repo.dir.path());
  REQUIRE(find(files, "modified/Dockerfile"));
  CHECK(find(files, "modified/Dockerfile")->kind == ChangeKind::Modified);
  REQUIRE(find(files, "renamed/Dockerfile"));
  CHECK(find(files, "renamed/Dockerfile")->kind == ChangeKind::Renamed);
  CHECK(find(files, "renamed/Dockerfile")->oldPath == "old/Dockerfile");
  REQUIRE(find(files, "deleted.Dockerfile"));
  CHECK(find(files, "deleted.Dockerfile")->kind == ChangeKind::Deleted);
  REQUIRE(find(files, "added/app.dockerfile"));
  CHECK(find(files, "added/app.dockerfile")->kind == ChangeKind::Added);
  REQUIRE(find(files, "untracked/Containerfile"));
  CHECK(find(files, "untracked/Containerfile")->kind == ChangeKind::Untracked);
  CHECK(find(files, "unchanged/Dockerfile") == nullptr);
  CHECK(find(files, "ignored/Dockerfile") == nullptr);

  CHECK(changedDockerfiles(repo.base, repo.dir.path()) ==
        std::vector<std::string>{"added/app.dockerfile", "modified/Dockerfile", "renamed/Dockerfile",
                                 "untracked/Containerfile"});
}

TEST_CASE("changedFiles: a work-tree edit counts; nothing changed gives nothing", "[git]") {
  Repo repo;
  const fs::path& p = repo.dir.path();
  writeText(p / "unchanged/Dockerfile", "FROM alpine:3.20\n");  // not committed
  auto paths = changedDockerfiles(repo.base, p);
  CHECK(std::find(paths.begin(), paths.end(), "unchanged/Dockerfile") != paths.end());

  fs::remove_all(p / "untracked");
  git(p, {"checkout", "-q", "--", "."});
  CHECK(changedDockerfiles("HEAD", p).empty());
}

TEST_CASE("changedFiles: paths are relative to the folder asked about", "[git]") {
  Repo repo;
  auto paths = changedDockerfiles(repo.base, repo.dir.path() / "modified");
  CHECK(paths == std::vector<std::string>{"Dockerfile"});
}

TEST_CASE("changedFiles: the merge base, not the moved-on base branch", "[git]") {
  Repo repo;
  const fs::path& p = repo.dir.path();
  // The base branch gets a Dockerfile change after the pull request branched.
  git(p, {"checkout", "-q", "-b", "feature"});
  git(p, {"checkout", "-q", repo.base, "-b", "trunk"});
  writeText(p / "unchanged/Dockerfile", "FROM alpine:3.20\n");
  git(p, {"commit", "-q", "-am", "trunk moves on"});
  git(p, {"checkout", "-q", "feature"});
  auto paths = changedDockerfiles("trunk", p);
  CHECK(std::find(paths.begin(), paths.end(), "unchanged/Dockerfile") == paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "modified/Dockerfile") != paths.end());
}

TEST_CASE("changedFiles: bad revisions and non-repositories are errors", "[git]") {
  Repo repo;
  CHECK_THROWS_AS(changedFiles("no-such-ref", repo.dir.path()), restage::Error);
  CHECK_THROWS_AS(changedFiles("--output=/tmp/x", repo.dir.path()), restage::UsageError);
  TempDir plain;
  CHECK_THROWS_AS(changedFiles("HEAD", plain.path()), restage::Error);
}

TEST_CASE("cli: suggest --changed-from reads the changed Dockerfiles", "[git][cli]") {
  Repo repo;
  const fs::path& p = repo.dir.path();
  std::string migratable = migratableDockerfile();
  writeText(p / "modified/Dockerfile", migratable);
  writeText(p / "added/app.dockerfile", migratable);

  Run run = runCommand({restageBinary(), "suggest", "--changed-from", repo.base, "--format", "json"}, p);
  INFO(run.err);
  REQUIRE(run.status == 0);
  json doc = json::parse(run.out);
  std::vector<std::string> paths;
  for (const auto& f : doc["files"]) paths.push_back(f["path"]);
  CHECK(paths == std::vector<std::string>{"added/app.dockerfile", "modified/Dockerfile", "renamed/Dockerfile",
                                          "untracked/Containerfile"});
  for (const auto& f : doc["files"]) {
    if (f["path"] == "modified/Dockerfile" || f["path"] == "added/app.dockerfile") {
      CHECK(f["status"] == "migrated");
      CHECK_FALSE(f["suggestions"].empty());
    }
  }
  // A named file and a changed one are reported once.
  run = runCommand({restageBinary(), "suggest", "./modified/Dockerfile", "--changed-from", repo.base, "-f", "json"}, p);
  REQUIRE(run.status == 0);
  CHECK(json::parse(run.out)["files"].size() == 4);

  run = runCommand({restageBinary(), "suggest", "--changed-from", "no-such-ref", "-f", "rdjson"}, p);
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Contains("no-such-ref"));
}

TEST_CASE("cli: github-review with --changed-from comments only on added lines", "[git][cli]") {
  TempDir dir;
  const fs::path& p = dir.path();
  std::string original = migratableDockerfile();
  git(p, {"init", "-q"});
  writeText(p / "svc/Dockerfile", original);
  git(p, {"add", "-A"});
  git(p, {"commit", "-q", "-m", "base"});
  std::string base = git(p, {"rev-parse", "HEAD"});
  base.erase(base.find_last_not_of("\n") + 1);

  // The pull request changes one line: its last line gets a LABEL before it.
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < original.size()) {
    std::size_t nl = original.find('\n', start);
    lines.push_back(original.substr(start, nl == std::string::npos ? std::string::npos : nl + 1 - start));
    start = nl == std::string::npos ? original.size() : nl + 1;
  }
  REQUIRE(lines.size() >= 3);
  std::size_t addedLine = lines.size();  // 1-based: the new LABEL line
  lines.insert(lines.end() - 1, "LABEL org.opencontainers.image.title=svc\n");
  std::string changed;
  for (const auto& l : lines) changed += l;
  writeText(p / "svc/Dockerfile", changed);
  git(p, {"commit", "-q", "-am", "pr"});

  auto added = addedLines(base, p);
  REQUIRE(added.count("svc/Dockerfile") == 1);
  REQUIRE(added["svc/Dockerfile"].size() == 1);
  CHECK(added["svc/Dockerfile"][0].first == addedLine);
  CHECK(added["svc/Dockerfile"][0].last == addedLine);

  Run all = runCommand({restageBinary(), "suggest", "-f", "github-review", "svc/Dockerfile"}, p);
  REQUIRE(all.status == 0);
  std::size_t allComments = json::parse(all.out)["comments"].size();
  REQUIRE(allComments > 0);

  Run r = runCommand({restageBinary(), "suggest", "--changed-from", base, "-f", "github-review"}, p);
  INFO(r.err);
  REQUIRE(r.status == 0);
  json review = json::parse(r.out);
  for (const auto& c : review["comments"]) {
    std::size_t line = c["line"];
    std::size_t first = c.value("start_line", line);
    CHECK(first == addedLine);
    CHECK(line == addedLine);
  }
  // What could not be a comment is in the body, as the full diff.
  std::string body = review["body"];
  if (review["comments"].size() < allComments) {
    CHECK_THAT(body, Catch::Contains("<details><summary><code>svc/Dockerfile</code>"));
    CHECK_THAT(body, Catch::Contains("--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n"));
  }
  CHECK(review["comments"].size() < allComments);
}
