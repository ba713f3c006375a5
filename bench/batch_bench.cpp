// Batch benchmark (not a test): builds a synthetic monorepo of services, each
// a Dockerfile from the shared corpus (realworld/** and syntax/**) with a
// small build context of its language, then times `restage batch` dry runs
// of it as a separate process and prints wall time, files/s and the
// process's peak memory, at each job count and tree size. A profile of the
// 10k-file tree (one thread, in this process) splits the cost per file.
//
//   restage-batch-bench [--restage PATH] [--corpus DIR] [--work DIR]
//                       [--sizes 1000,10000,100000] [--jobs 1,2] [--keep]
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <string>
#include <vector>

#include "batch/Discovery.h"
#include "io/FileIO.h"
#include "migrate/Migration.h"
#include "syntax/DockerfileReader.h"

extern char** environ;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Source {
  std::string text;
  std::string category;  // node, go, cpp, multistage, other-lang, odd-syntax, syntax
};

std::vector<Source> loadCorpus(const fs::path& corpus) {
  std::vector<Source> sources;
  for (const char* part : {"realworld", "syntax"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(corpus / part)) {
      if (e.is_regular_file() && restage::batch::isDockerfileName(e.path().filename().string())) {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string category = std::string(part) == "syntax" ? "syntax" : f.parent_path().filename().string();
      sources.push_back({restage::io::readFile(f), category});
    }
  }
  return sources;
}

void put(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

// The files a service of this kind would have beside its Dockerfile.
void writeContext(const fs::path& dir, const std::string& category, std::size_t i) {
  std::string name = "svc" + std::to_string(i);
  if (category == "node") {
    put(dir / "package.json", "{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"main\": \"server.js\",\n"
                              " \"scripts\": {\"start\": \"node server.js\", \"build\": \"tsc\"},\n"
                              " \"dependencies\": {\"express\": \"^4.19.2\"}}\n");
    put(dir / "server.js", "require('express')().listen(8080);\n");
  } else if (category == "go") {
    put(dir / "go.mod", "module example.com/" + name + "\n\ngo 1.22\n");
    put(dir / "main.go", "package main\n\nfunc main() {}\n");
  } else if (category == "cpp") {
    put(dir / "CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\nproject(" + name + " CXX)\nadd_executable(" +
                                    name + " main.cpp)\n");
    put(dir / "main.cpp", "int main() { return 0; }\n");
  } else if (category == "multistage") {
    put(dir / "README.md", "# " + name + "\n");
  }
}

// services/teamNN/svcNNNNNN/Dockerfile, round-robin over the corpus.
void buildTree(const fs::path& root, const std::vector<Source>& sources, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const Source& s = sources[i % sources.size()];
    fs::path dir = root / "services" / ("team" + std::to_string(i % 50)) / ("svc" + std::to_string(i));
    fs::create_directories(dir);
    put(dir / "Dockerfile", s.text);
    writeContext(dir, s.category, i);
  }
}

struct Run {
  double seconds = 0;
  double cpuSeconds = 0;  // user + system, all threads
  long peakKiB = 0;
  int status = -1;
};

// Runs `restage batch -q --jobs N ROOT` with its output to /dev/null.
Run runBatch(const std::string& restage, const fs::path& root, unsigned jobs) {
  std::vector<std::string> args = {restage, "batch", "-q", "--jobs", std::to_string(jobs), "--no-git", root.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  auto start = Clock::now();
  pid_t pid = 0;
  if (::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "cannot run %s\n", restage.c_str());
    std::exit(2);
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  Run r;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.peakKiB = usage.ru_maxrss;
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  r.cpuSeconds = secs(usage.ru_utime) + secs(usage.ru_stime);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

double threadCpuSeconds() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// CPU time, not wall time: the profile should not depend on what else the
// machine is doing.
template <typename Fn>
double timed(Fn fn) {
  double start = threadCpuSeconds();
  fn();
  return threadCpuSeconds() - start;
}

// Where one file's time goes, on one thread: finding, reading, parsing, and
// the whole of migrate (which reads and parses again, then analyses).
void profile(const fs::path& root) {
  restage::batch::DiscoveryResult found;
  double discovery = timed([&] { found = restage::batch::discover({root}, {.useGit = false}); });
  std::vector<std::string> texts;
  double reading = timed([&] {
    for (const auto& f : found.files) texts.push_back(restage::io::readFile(f.path));
  });
  std::size_t instructions = 0;
  double parsing = timed([&] {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      instructions += restage::syntax::readDockerfile(texts[i], found.files[i].path).instructions.size();
    }
  });
  texts.clear();
  double migrating = timed([&] {
    for (const auto& f : found.files) (void)restage::migrate::migrateFile(f.path, {});
  });
  double n = static_cast<double>(found.files.size());
  auto us = [&](double s) { return s / n * 1e6; };
  std::printf("\nprofile, %zu files, 1 thread, in process (CPU time per file):\n", found.files.size());
  std::printf("  discovery (walk, no git)   %8.1f us\n", us(discovery));
  std::printf("  read                       %8.1f us\n", us(reading));
  std::printf("  parse                      %8.1f us   (%zu instructions)\n", us(parsing), instructions);
  std::printf("  migrateFile (all of it)    %8.1f us   (read + parse + analysis + plan + edits + checks)\n",
              us(migrating));
}

std::vector<std::size_t> parseList(const std::string& text) {
  std::vector<std::size_t> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(std::stoul(item));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string restage = RESTAGE_BINARY;
  fs::path corpus = "../shared/corpus";
  fs::path work;
  std::vector<std::size_t> sizes = {1000, 10000, 100000};
  std::vector<std::size_t> jobs = {1, 2};
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return std::string(argv[++i]);
    };
    if (a == "--restage") restage = value();
    else if (a == "--corpus") corpus = value();
    else if (a == "--work") work = value();
    else if (a == "--sizes") sizes = parseList(value());
    else if (a == "--jobs") jobs = parseList(value());
    else if (a == "--keep") keep = true;
    else {
      std::fprintf(stderr,
                   "usage: %s [--restage PATH] [--corpus DIR] [--work DIR] [--sizes 1000,10000,100000] "
                   "[--jobs 1,2] [--keep]\n",
                   argv[0]);
      return 2;
    }
  }
  auto sources = loadCorpus(corpus);
  if (sources.empty()) {
    std::fprintf(stderr, "no Dockerfiles under %s\n", corpus.c_str());
    return 2;
  }
  if (work.empty()) {
    std::string pattern = (fs::temp_directory_path() / "restage-batch-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) return 2;
    work = pattern;
  }
  std::printf("corpus: %zu Dockerfiles; cores: %u; restage: %s\n", sources.size(),
              std::max(1u, std::thread::hardware_concurrency()), restage.c_str());
  double load[3] = {0, 0, 0};
  ::getloadavg(load, 3);
  std::printf("load average before: %.2f (wall time is only meaningful on an idle machine; CPU time is not affected)\n",
              load[0]);
  std::printf("\n%9s %5s %10s %12s %12s %10s %12s %10s\n", "files", "jobs", "wall s", "files/s", "wall us/file",
              "cpu s", "cpu us/file", "peak MB");
  for (std::size_t size : sizes) {
    fs::path root = work / ("tree-" + std::to_string(size));
    if (!fs::exists(root)) buildTree(root, sources, size);
    (void)runBatch(restage, root, 1);  // warm the page cache
    for (std::size_t j : jobs) {
      Run r = runBatch(restage, root, static_cast<unsigned>(j));
      double n = static_cast<double>(size);
      std::printf("%9zu %5zu %10.3f %12.0f %12.1f %10.3f %12.1f %10.1f%s\n", size, j, r.seconds, n / r.seconds,
                  r.seconds / n * 1e6, r.cpuSeconds, r.cpuSeconds / n * 1e6, static_cast<double>(r.peakKiB) / 1024.0,
                  r.status == 2 ? "  (exit 2: some files had errors)" : "");
      std::fflush(stdout);
    }
  }
  fs::path profiled = work / "tree-10000";
  if (fs::exists(profiled)) profile(profiled);
  if (!keep) fs::remove_all(work);
  return 0;
}
