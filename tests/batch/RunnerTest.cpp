// The runner: outcomes in file order whatever the job count, one bad file
// never stops the batch, and --write replaces atomically or not at all.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <dirent.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "batch/Runner.h"
#include "batch/Shard.h"
#include "batch/Summary.h"
#include "io/FileIO.h"
#include "support/TestSupport.h"
#include "BatchTestSupport.h"

namespace fs = std::filesystem;
using namespace restage::batch;
using restage::migrate::Options;
using restage::migrate::Result;
using restage::migrate::Status;
using restage::batch::test::FileSizeLimit;
using restage::batch::test::ScratchDir;

namespace {

// A stand-in for migrate::migrateFile with answers chosen by the file's
// first line: "MIGRATE <n>" (output = the original plus n bytes), "REFUSE",
// "SAME", "BAD" (a syntax error at 2:3), "THROW"; it takes a little time
// that varies by file, so workers finish out of order.
Result fakeMigrate(const fs::path& file, const Options& options) {
  Result r;
  r.path = file.string();
  r.original = restage::io::readFile(file);
  r.output = r.original;
  std::this_thread::sleep_for(std::chrono::microseconds(fnv1a64(file.string()) % 700));
  if (r.original.starts_with("MIGRATE")) {
    r.status = Status::Migrated;
    r.language = "go";
    r.builderBase = "golang:1.22";
    r.runtimeBase = "gcr.io/distroless/static-debian12";
    r.estimatedSavingBytes = 1000;
    r.output += std::string(std::stoul(r.original.substr(8)), 'x');
  } else if (r.original.starts_with("REFUSE")) {
    r.status = Status::Refused;
    r.code = "no-start-command";
    r.reason = "no CMD";
  } else if (r.original.starts_with("BAD")) {
    r.status = Status::Error;
    r.code = "syntax-error";
    r.reason = "unknown flag";
    r.error = restage::ast::Diagnostic{"unknown flag", {}, {2, 3}, 2};
  } else if (r.original.starts_with("THROW")) {
    throw std::logic_error("overlapping edits");
  } else if (r.original.starts_with("CONTEXT")) {
    r.status = Status::Unchanged;
    r.code = "context";
    r.reason = options.context ? options.context->string() : "none";
  } else {
    r.status = Status::Unchanged;
    r.code = "already-multi-stage";
  }
  return r;
}

struct Collected {
  std::vector<std::size_t> order;
  std::vector<FileOutcome> outcomes;
};

Collected runAll(const std::vector<DiscoveredFile>& files, RunnerOptions options,
                 restage::batch::WriteFunction write = restage::io::writeFileAtomic) {
  Collected c;
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  Runner(fakeMigrate, std::move(write)).run(files, options, [&](std::size_t i, FileOutcome&& o) {
    if (++inside > 1) ++overlaps;
    c.order.push_back(i);
    c.outcomes.push_back(std::move(o));
    --inside;
  });
  CHECK(overlaps == 0);
  return c;
}

std::size_t entriesIn(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Outcomes come in file order, identical for any job count", "[runner]") {
  ScratchDir d;
  const char* kinds[] = {"MIGRATE 10", "REFUSE", "SAME", "BAD", "THROW"};
  for (int i = 0; i < 200; ++i) d.write(fmt::format("s{}/Dockerfile", 1000 + i), kinds[i % 5]);
  auto files = discover({d.path()}, {.useGit = false}).files;
  REQUIRE(files.size() == 200);

  std::vector<std::string> reference;
  for (unsigned jobs : {1u, 2u, 3u, 8u, 32u}) {
    INFO("jobs " << jobs);
    auto c = runAll(files, {.jobs = jobs});
    REQUIRE(c.order.size() == files.size());
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < c.order.size(); ++i) {
      CHECK(c.order[i] == i);
      CHECK(c.outcomes[i].path == files[i].path);
      lines.push_back(c.outcomes[i].path + " " + std::string(fileStatusName(c.outcomes[i].status)) + " " +
                      c.outcomes[i].code);
    }
    if (reference.empty()) reference = lines;
    CHECK(lines == reference);
  }
}

TEST_CASE("A bad file is an outcome, never the end of the batch", "[runner]") {
  ScratchDir d;
  d.write("a/Dockerfile", "BAD");
  d.write("b/Dockerfile", "THROW");
  d.write("c/Dockerfile", "MIGRATE 1");
  auto files = discover({d.path()}, {.useGit = false}).files;
  files.push_back({(d / "missing/Dockerfile").string(), (d / "missing/Dockerfile").string(), "missing/Dockerfile",
                   false});
  // The fake reads with io::readFile, which throws for a missing file: an internal error here,
  // where migrate::migrateFile reports it as an unreadable file.
  auto c = runAll(files, {.jobs = 2});
  REQUIRE(c.outcomes.size() == 4);
  CHECK(c.outcomes[0].status == FileStatus::Error);
  CHECK(c.outcomes[0].code == "syntax-error");
  CHECK(c.outcomes[0].errorLine == 2);
  CHECK(c.outcomes[0].errorColumn == 3);
  CHECK(c.outcomes[1].status == FileStatus::Error);
  CHECK(c.outcomes[1].code == "internal-error");
  CHECK(c.outcomes[1].reason.find("overlapping edits") != std::string::npos);
  CHECK(c.outcomes[2].status == FileStatus::Migrated);
  CHECK(c.outcomes[3].status == FileStatus::Error);
  Summary s;
  for (const auto& o : c.outcomes) s.add(o);
  CHECK(s.errors == 3);
  CHECK(s.migrated == 1);
  CHECK(s.exitStatus(false) == 2);
}

TEST_CASE("A dry run writes nothing", "[runner]") {
  ScratchDir d;
  auto file = d.write("a/Dockerfile", "MIGRATE 5");
  auto c = runAll(discover({d.path()}, {.useGit = false}).files, {.jobs = 2});
  CHECK(c.outcomes.at(0).status == FileStatus::Migrated);
  CHECK_FALSE(c.outcomes.at(0).written);
  CHECK(restage::test::readText(file) == "MIGRATE 5");
  CHECK(entriesIn(d / "a") == 1);
}

TEST_CASE("--write replaces migrated files and leaves the others alone", "[runner]") {
  ScratchDir d;
  auto migrated = d.write("a/Dockerfile", "MIGRATE 3");
  auto refused = d.write("b/Dockerfile", "REFUSE");
  fs::permissions(migrated, fs::perms(0640));
  d.write("data/real.txt", "MIGRATE 2");
  d.symlink("../data/real.txt", "c/Dockerfile");
  auto files = discover({d.path()}, {.useGit = false}).files;
  REQUIRE(files.size() == 3);
  auto c = runAll(files, {.jobs = 2, .write = true, .backup = true});
  CHECK(c.outcomes[0].written);
  CHECK(restage::test::readText(migrated) == "MIGRATE 3xxx");
  CHECK(fs::status(migrated).permissions() == fs::perms(0640));
  CHECK(restage::test::readText(d / "a/Dockerfile.restage-bak") == "MIGRATE 3");
  CHECK(c.outcomes[0].backup == (d / "a/Dockerfile.restage-bak").string());
  CHECK_FALSE(c.outcomes[1].written);
  CHECK(restage::test::readText(refused) == "REFUSE");
  // Through the symlink to its target: the link stays a link.
  CHECK(c.outcomes[2].written);
  CHECK(fs::is_symlink(d / "c/Dockerfile"));
  CHECK(restage::test::readText(d / "data/real.txt") == "MIGRATE 2xx");
  // The backups are not Dockerfiles for the next run.
  CHECK(discover({d.path()}, {.useGit = false}).files.size() == 3);
}

TEST_CASE("--write: a failed write leaves the original byte-identical", "[runner]") {
  ScratchDir d;
  // CRLF, no final newline, a non-UTF-8 byte: any rewrite would show.
  const std::string original = "MIGRATE 4000\r\nRUN echo \xff\r\n# end";
  auto big = d.write("big/Dockerfile", original);
  auto small = d.write("small/Dockerfile", "MIGRATE 5");
  auto files = discover({d.path()}, {.useGit = false}).files;
  REQUIRE(files.size() == 2);
  Collected c;
  {
    // Writes past 1 kB fail with EFBIG, for root too.
    FileSizeLimit limit(1024);
    c = runAll(files, {.jobs = 2, .write = true});
  }
  REQUIRE(c.outcomes.size() == 2);
  CHECK(c.outcomes[0].status == FileStatus::Error);
  CHECK(c.outcomes[0].code == "write-failed");
  CHECK_FALSE(c.outcomes[0].written);
  CHECK(c.outcomes[0].reason.find(big.string()) != std::string::npos);
  CHECK(restage::test::readText(big) == original);
  CHECK(entriesIn(d / "big") == 1);  // no temporary file left behind
  // The other file of the batch was still written.
  CHECK(c.outcomes[1].written);
  CHECK(restage::test::readText(small) == "MIGRATE 5xxxxx");
  Summary s;
  for (const auto& o : c.outcomes) s.add(o);
  CHECK(s.errors == 1);
  CHECK(s.written == 1);
  CHECK(s.exitStatus(false) == 2);

  SECTION("when the backup cannot be written, the file is not replaced") {
    const std::string longOriginal = "MIGRATE 1\n" + std::string(3000, '#');
    auto file = d.write("backup/Dockerfile", longOriginal);
    std::vector<DiscoveredFile> one = {{file.string(), file.string(), "backup/Dockerfile", false}};
    Collected b;
    {
      FileSizeLimit limit(1024);
      b = runAll(one, {.jobs = 1, .write = true, .backup = true});
    }
    CHECK(b.outcomes.at(0).code == "write-failed");
    CHECK(restage::test::readText(file) == longOriginal);
    CHECK(entriesIn(d / "backup") == 1);
  }
}

TEST_CASE("Each file is migrated with its mapped build context", "[runner]") {
  ScratchDir d;
  d.write("ctx/.keep", "");
  d.write("map.json", R"({"contexts": {"svc/a/Dockerfile": "ctx", "svc/": "."}})");
  d.write("svc/a/Dockerfile", "CONTEXT");
  d.write("svc/b/Dockerfile", "CONTEXT");
  d.write("other/Dockerfile", "CONTEXT");
  ContextMap map;
  map.load(d / "map.json");
  BuildContexts contexts(std::move(map));
  auto files = discover({d.path()}, {.useGit = false}).files;
  for (const auto& f : files) contexts.prepare(f.realPath, d.path());
  auto c = runAll(files, {.jobs = 1, .contexts = &contexts});
  REQUIRE(c.outcomes.size() == 3);
  CHECK(c.outcomes[0].reason == "none");  // other/: migrate's default, the file's folder
  CHECK(c.outcomes[1].reason == (d / "ctx").string());
  CHECK(c.outcomes[2].reason == d.path().string());
}

TEST_CASE("--jobs N runs N files at a time", "[runner]") {
  ScratchDir d;
  for (int i = 0; i < 24; ++i) d.write(fmt::format("s{}/Dockerfile", i), "SAME");
  auto files = discover({d.path()}, {.useGit = false}).files;
  for (unsigned jobs : {1u, 4u}) {
    std::atomic<int> inFlight{0};
    std::atomic<int> most{0};
    // Sleeping, not computing: the overlap shows even on a busy machine.
    auto slow = [&](const fs::path& file, const Options& options) {
      int now = ++inFlight;
      for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      --inFlight;
      return fakeMigrate(file, options);
    };
    std::size_t emitted = 0;
    Runner(slow, restage::io::writeFileAtomic).run(files, {.jobs = jobs}, [&](std::size_t, FileOutcome&&) {
      ++emitted;
    });
    CHECK(emitted == files.size());
    if (jobs == 1) CHECK(most == 1);
    else CHECK(most >= 2);
    CHECK(most <= static_cast<int>(jobs));
  }
}

TEST_CASE("io::isNormalAbsolute: only what lexically_normal leaves as it is", "[paths]") {
  using restage::io::isNormalAbsolute;
  for (const char* yes : {"/", "/a", "/a/b", "/a/.b", "/a/..b", "/a/b.", "/tree-10000/svc1"}) {
    INFO(yes);
    CHECK(isNormalAbsolute(yes));
    CHECK(std::filesystem::path(yes).lexically_normal().string() == yes);
  }
  for (const char* no : {"", "a", "a/b", "/a/", "//a", "/a//b", "/./a", "/a/.", "/a/..", "/a/../b", "/a/./b"}) {
    INFO(no);
    CHECK_FALSE(isNormalAbsolute(no));
  }
}
