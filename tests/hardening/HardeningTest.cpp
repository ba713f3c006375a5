// Hostile input, end to end: every reproducer of issue 14 as a test. restage
// must answer each with exit 0, 1 or 2 and a clear message, promptly, never a
// crash, a hang or an "internal error"; batch must isolate each bad file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "Error.h"
#include "batch/Discovery.h"
#include "batch/Runner.h"
#include "io/FileIO.h"
#include "output/JsonWriter.h"
#include "support/TestSupport.h"
#include "../batch/BatchTestSupport.h"

namespace fs = std::filesystem;
using nlohmann::json;
using restage::batch::test::ScratchDir;
using restage::test::runRestage;
using restage::test::RunResult;

namespace {

// ${a:-${a:-...x}} nested `levels` deep, split over continuation lines so no
// physical line reaches BuildKit's 64 KiB limit.
std::string nestedDefaults(std::size_t levels) {
  std::string s = "FROM busybox\nRUN echo ";
  for (std::size_t i = 0; i < levels; ++i) {
    s += "${a:-";
    if (i % 100 == 99) s += "\\\n";
  }
  s += "x";
  s += std::string(levels, '}');
  s += "\n";
  return s;
}

// restage answered, with a status it documents and no internal error.
void checkAnswered(const RunResult& r) {
  INFO("stderr: " << r.err);
  CHECK((r.status == 0 || r.status == 1 || r.status == 2));
  CHECK(r.err.find("internal error") == std::string::npos);
  // An error says what it is: on stderr, or in the JSON a --format json
  // command prints instead.
  if (r.status == 2) CHECK_FALSE((r.err.empty() && r.out.find("\"error\"") == std::string::npos));
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds (user + system) that the finished child processes of this test
// have used: the bound on work a hostile input can cause, which a loaded
// machine does not stretch as it stretches wall time.
double childCpuSeconds() {
  struct rusage u {};
  ::getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

TEST_CASE("The shared reliability reproducers get a clear answer from every command", "[hardening][reproducers]") {
  fs::path dir = restage::test::sharedDir() / "reliability";
  REQUIRE(fs::is_directory(dir));
  std::size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".min") continue;
    ++seen;
    std::string file = entry.path().string();
    INFO(file);
    ScratchDir d;
    fs::copy_file(entry.path(), d / "Dockerfile");
    checkAnswered(runRestage({"parse", file}));
    checkAnswered(runRestage({"migrate", file, "--context", d.path().string()}));
    checkAnswered(runRestage({"migrate", file, "--format", "json", "--context", d.path().string()}));
    checkAnswered(runRestage({"suggest", file, "--format", "json"}));
    auto b = runRestage({"batch", d.path().string(), "--quiet", "--format", "json"});
    checkAnswered(b);
    REQUIRE_NOTHROW(json::parse(b.out));
    CHECK(json::parse(b.out)["files"].size() == 1);
  }
  CHECK(seen >= 3);
}

TEST_CASE("F4: deeply nested ${a:-...} is refused by a named limit, fast", "[hardening][nesting]") {
  ScratchDir d;
  // 64 levels are within the limit and parse.
  auto ok = d.write("ok/Dockerfile", nestedDefaults(64));
  auto r = runRestage({"parse", "--format", "json", ok.string()});
  CHECK(r.status == 0);
  auto doc = json::parse(r.out);
  CHECK(doc["instructions"][1]["variables"].size() == 64);
  CHECK(doc["instructions"][1]["variables"][63]["word"] == "x");

  for (std::size_t levels : {65u, 8000u, 30000u, 100000u}) {
    INFO(levels << " levels");
    auto file = d.write("deep" + std::to_string(levels), nestedDefaults(levels));
    double cpu = childCpuSeconds();
    // (Past 25,000 levels the word limit would refuse the file first: lift
    // it, so the nesting limit itself is what answers, in linear time.)
    auto p = runRestage({"parse", file.string(), "--max-words", "1000000"});
    auto m = runRestage({"migrate", file.string(), "--max-words", "1000000"});
    CHECK(childCpuSeconds() - cpu < 2.0);
    for (const auto& res : {p, m}) {
      CHECK(res.status == 2);
      CHECK(res.err.find(":2:330: error: variable references nested more than 64 levels deep") != std::string::npos);
    }
  }
}

TEST_CASE("F6: a FIFO given to parse or migrate is an error, never a wait", "[hardening][special]") {
  ScratchDir d;
  fs::path fifo = d / "Dockerfile";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  for (const std::string command : {"parse", "migrate", "suggest"}) {
    INFO(command);
    auto start = std::chrono::steady_clock::now();
    auto r = command == "suggest" ? runRestage({command, fifo.string(), "--format", "diff"})
                                  : runRestage({command, fifo.string()});
    CHECK(secondsSince(start) < 5.0);
    CHECK(r.status == 2);
    CHECK(r.err.find("not a regular file (a FIFO)") != std::string::npos);
  }
  CHECK_THROWS_AS(restage::io::readFile(fifo), restage::Error);
  CHECK_THROWS_AS(restage::io::readFile("/dev/zero"), restage::Error);
}

TEST_CASE("batch over hostile files finishes, reports each, exits 2", "[hardening][batch]") {
  ScratchDir d;
  d.write("deep/Dockerfile", nestedDefaults(30000));
  REQUIRE(::mkfifo((d / "fifo").c_str(), 0644) == 0);
  fs::create_directories(d / "fifo-dir");
  REQUIRE(::mkfifo((d / "fifo-dir/Dockerfile").c_str(), 0644) == 0);
  d.symlink("../fifo", "fifo-link/Dockerfile");
  d.write("big/Dockerfile", "FROM busybox\n" + std::string(300000, '#') + "\n");
  auto locked = d.write("locked/Dockerfile", "FROM busybox\nCMD [\"sh\"]\n");
  ::chmod(locked.c_str(), 0);
  bool root = ::geteuid() == 0;  // root reads a mode-000 file anyway
  d.write("good/Dockerfile", "FROM busybox\nCMD [\"sh\"]\n");
  // (The shared reproducers, F1-F3, each go through batch in [reproducers].)

  double cpu = childCpuSeconds();
  fs::path report = d / "report.json";
  auto r = runRestage({"batch", d.path().string(), "--quiet", "--max-file-size", "256KiB", "--max-words", "100000",
                       "--report", report.string()});
  CHECK(childCpuSeconds() - cpu < 20.0);
  INFO(r.out << r.err);
  CHECK(r.status == 2);
  auto rows = json::parse(restage::test::readText(report))["files"];
  std::map<std::string, json> byDir;
  for (const auto& row : rows) {
    fs::path p = row["path"].get<std::string>();
    byDir[p.parent_path().filename().string()] = row;
  }
  CHECK(byDir["deep"]["status"] == "error");
  CHECK(byDir["deep"]["reason"].get<std::string>().find("nested more than 64 levels") != std::string::npos);
  CHECK(byDir["fifo-dir"]["status"] == "skipped");
  CHECK(byDir["fifo-dir"]["code"] == "not-regular-file");
  CHECK(byDir["fifo-link"]["status"] == "skipped");
  CHECK(byDir["fifo-link"]["reason"] == "not a regular file (symlink to a FIFO)");
  CHECK(byDir["big"]["status"] == "error");
  CHECK(byDir["big"]["reason"].get<std::string>().find("file too large") != std::string::npos);
  if (!root) CHECK(byDir["locked"]["status"] == "error");
  CHECK(byDir.count("good") == 1);
  // The text report has the skipped row too.
  auto text = runRestage({"batch", d.path().string(), "--max-file-size", "256KiB", "--max-words", "100000"});
  CHECK(text.status == 2);
  CHECK(text.out.find("fifo-dir/Dockerfile: skipped [not-regular-file]: not a regular file (a FIFO)") !=
        std::string::npos);
}

TEST_CASE("An exception of any type in one file is that file's error row", "[hardening][batch]") {
  ScratchDir d;
  d.write("a/Dockerfile", "one");
  d.write("b/Dockerfile", "two");
  d.write("c/Dockerfile", "three");
  auto files = restage::batch::discover({d.path()}, {.useGit = false}).files;
  REQUIRE(files.size() == 3);
  auto migrate = [](const fs::path& file, const restage::migrate::Options&) -> restage::migrate::Result {
    if (file.parent_path().filename() == "a") throw 42;  // not a std::exception
    if (file.parent_path().filename() == "b") throw std::bad_alloc();
    restage::migrate::Result r;
    r.status = restage::migrate::Status::Unchanged;
    r.code = "fine";
    return r;
  };
  std::vector<restage::batch::FileOutcome> outcomes;
  restage::batch::Runner(migrate, restage::io::writeFileAtomic)
      .run(files, {.jobs = 2}, [&](std::size_t, restage::batch::FileOutcome&& o) { outcomes.push_back(o); });
  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[0].status == restage::batch::FileStatus::Error);
  CHECK(outcomes[0].code == "internal-error");
  CHECK(outcomes[1].status == restage::batch::FileStatus::Error);
  CHECK(outcomes[1].reason.find("bad_alloc") != std::string::npos);
  CHECK(outcomes[2].code == "fine");
}

TEST_CASE("Limits: a 50 MB file is refused before parsing, in under a second", "[hardening][limits]") {
  ScratchDir d;
  auto big = d.write("Dockerfile", std::string(50'000'000, 'a'));
  for (const char* command : {"parse", "migrate"}) {
    double cpu = childCpuSeconds();
    auto r = runRestage({command, big.string()});
    CHECK(childCpuSeconds() - cpu < 1.0);
    CHECK(r.status == 2);
    CHECK(r.err.find("file too large: 50000000 bytes, over the limit of 4 MiB (change it with --max-file-size)") !=
          std::string::npos);
  }
  // The option moves the limit both ways.
  auto small = d.write("small/Dockerfile", "FROM busybox\nCMD [\"sh\"]\n");
  CHECK(runRestage({"parse", small.string(), "--max-file-size", "16"}).status == 2);
  CHECK(runRestage({"parse", small.string(), "--max-file-size", "1KiB"}).status == 0);
  auto bad = runRestage({"parse", small.string(), "--max-file-size", "lots"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--max-file-size: 'lots' is not a size") != std::string::npos);
  CHECK(restage::io::parseByteSize("4MiB") == 4u << 20);
  CHECK(restage::io::parseByteSize("512k") == 512u << 10);
  CHECK(restage::io::parseByteSize("1000") == 1000u);
}

TEST_CASE("--context that is not a folder is an error", "[hardening][context]") {
  ScratchDir d;
  auto file = d.write("Dockerfile", "FROM node:20\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"a.js\"]\n");
  REQUIRE(::mkfifo((d / "fifo").c_str(), 0644) == 0);
  d.symlink("loop", "loop");
  for (const std::string context : {"missing", "fifo", "loop", "Dockerfile"}) {
    INFO(context);
    auto r = runRestage({"migrate", file.string(), "--context", (d / context).string()});
    CHECK(r.status == 2);
    CHECK(r.err.find("--context " + (d / context).string() + ": not a folder") != std::string::npos);
  }
}

TEST_CASE("NUL and \\xff escape tokens are shown escaped", "[hardening][messages]") {
  ScratchDir d;
  auto nul = d.write("nul", std::string("# escape=\0\nFROM a\n", 18));
  auto ff = d.write("ff", "# escape=\xff\nFROM a\n");
  auto r1 = runRestage({"parse", nul.string()});
  CHECK(r1.status == 2);
  CHECK(r1.err.find("invalid escape token '\\x00' does not match") != std::string::npos);
  CHECK(r1.err.find('\0') == std::string::npos);
  auto r2 = runRestage({"parse", ff.string()});
  CHECK(r2.err.find("invalid escape token '\\xff' does not match") != std::string::npos);
}

TEST_CASE("An atomic write refuses a file that changed since it was read", "[hardening][writes]") {
  ScratchDir d;
  auto file = d.write("Dockerfile", "edited by someone else\n");
  std::string original = "what restage read\n";
  CHECK_THROWS_WITH(restage::io::writeFileAtomic(file, "the rewrite\n", &original),
                    Catch::Contains("changed since restage read it; not replaced"));
  CHECK(restage::test::readText(file) == "edited by someone else\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(d.path())) ++entries;
  CHECK(entries == 1);  // no temporary file left behind
  // A file removed meanwhile is not recreated either.
  fs::remove(file);
  CHECK_THROWS(restage::io::writeFileAtomic(file, "the rewrite\n", &original));
  CHECK_FALSE(fs::exists(file));
  // Unchanged: replaced.
  d.write("Dockerfile", original);
  restage::io::writeFileAtomic(file, "the rewrite\n", &original);
  CHECK(restage::test::readText(file) == "the rewrite\n");
}

TEST_CASE("Limits: more lines than --max-lines is refused before parsing", "[hardening][limits]") {
  ScratchDir d;
  std::string many = "FROM busybox\n" + std::string(19999, '\n') + "RUN a\n";
  auto file = d.write("Dockerfile", many);  // 20,001 lines
  auto r = runRestage({"migrate", file.string()});
  CHECK(r.status == 2);
  CHECK(r.err.find(":20001:1: error: more than 20000 lines, restage's limit (change it with --max-lines)") !=
        std::string::npos);
  CHECK(runRestage({"parse", file.string(), "--max-lines", "20001"}).status == 0);
  // Exactly at the limit, final newline or not, is accepted.
  auto exact = d.write("exact", "FROM busybox\nRUN a\nRUN b");
  CHECK(runRestage({"parse", exact.string(), "--max-lines", "3"}).status == 0);
  CHECK(runRestage({"parse", exact.string(), "--max-lines", "2"}).status == 2);
}

TEST_CASE("JsonWriter prints strings exactly as nlohmann's dump does", "[hardening][json]") {
  const std::vector<std::string> samples = {
      "", "plain", "quote \" backslash \\ slash /", std::string("nul \0 byte", 10), "\b\f\n\r\t\x01\x1f\x7f",
      "caf\xc3\xa9", "bad \xff utf-8", "cut \xe2\x82", "\xe2\x82\xac euro", "\xf0\x9f\x90\xb3 whale", "\xc0\xaf overlong"};
  for (const auto& s : samples) {
    INFO(s);
    std::string out;
    restage::output::JsonWriter(out).value(s);
    CHECK(out == nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  std::string out;
  restage::output::JsonWriter w(out);
  w.beginObject().key("a").value(true).key("b").beginArray().value(std::size_t{3}).value("x").endArray();
  w.key("c").beginArray().endArray().key("d").beginObject().endObject().endObject();
  CHECK(out == R"({"a":true,"b":[3,"x"],"c":[],"d":{}})");
}

TEST_CASE("Limits: more words than --max-words is refused before parsing", "[hardening][limits]") {
  ScratchDir d;
  std::string many = "FROM busybox\nRUN a";
  for (int i = 0; i < 4000; ++i) many += " \\\n $a $b ${c:-d} e;f|g";  // 7 words a line, backslash included
  many += "\n";
  auto file = d.write("Dockerfile", many);
  auto r = runRestage({"migrate", file.string()});
  CHECK(r.status == 2);
  CHECK(r.err.find("error: more than 25000 words, restage's limit (change it with --max-words)") != std::string::npos);
  CHECK(runRestage({"parse", file.string(), "--max-words", "30000"}).status == 0);
}

TEST_CASE("batch --write does not overwrite a file edited during the run", "[hardening][writes]") {
  ScratchDir d;
  d.write("svc/Dockerfile", "FROM golang:1.22\n");
  auto files = restage::batch::discover({d.path()}, {.useGit = false}).files;
  REQUIRE(files.size() == 1);
  // migrate reads the file, and someone saves an edit before the write.
  auto migrate = [](const fs::path& file, const restage::migrate::Options&) {
    restage::migrate::Result r;
    r.original = restage::io::readFile(file);
    r.output = r.original + "# rewritten\n";
    r.status = restage::migrate::Status::Migrated;
    r.code = "migrated";
    std::ofstream(file, std::ios::binary | std::ios::trunc) << "FROM golang:1.23\n";
    return r;
  };
  std::vector<restage::batch::FileOutcome> outcomes;
  restage::batch::RunnerOptions options;
  options.write = true;
  restage::batch::Runner(migrate, restage::io::writeFileAtomic)
      .run(files, options, [&](std::size_t, restage::batch::FileOutcome&& o) { outcomes.push_back(o); });
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == restage::batch::FileStatus::Error);
  CHECK(outcomes[0].code == "write-failed");
  CHECK(outcomes[0].reason.find("changed since restage read it") != std::string::npos);
  CHECK(restage::test::readText(d / "svc/Dockerfile") == "FROM golang:1.23\n");
}

TEST_CASE("Fixes: a file near the limits full of trailing comments is fixed in linear time", "[hardening][fixes]") {
  // ~4 MB, 4,900 instructions each with a trailing comment (each gets a fix,
  // checked by parsing again): each check must cost its instruction, not
  // the file, or this takes minutes.
  ScratchDir d;
  std::string text = "FROM alpine:3.20 AS base\n";
  for (int i = 0; i < 4900; ++i) text += "COPY " + std::string(800, 'a') + " b" + std::to_string(i) + " # x\n";
  text += "FROM base\nCMD [\"true\"]\n";
  auto file = d.write("Dockerfile", text);
  double cpu = childCpuSeconds();
  auto r = runRestage({"migrate", "--unsafe-fixes", "--format", "json", file.string()});
  CHECK(childCpuSeconds() - cpu < 10.0);
  checkAnswered(r);
  REQUIRE(r.status == 0);
  auto j = json::parse(r.out);
  CHECK(j["unsafe_fixes"]["applied"].size() == 4900);
  CHECK(j["unsafe_fixes"]["remaining"].empty());
}
