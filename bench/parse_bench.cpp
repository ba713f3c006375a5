// Parser benchmark: reads every Dockerfile of the shared corpus into memory,
// then parses the whole set many times in one process (single-threaded) and
// prints files/s, MB/s and peak memory.
//
//   restage-parse-bench [--corpus DIR] [--seconds S] [--min-rounds N]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "io/FileIO.h"
#include "syntax/DockerfileReader.h"

namespace fs = std::filesystem;

namespace {

bool isDockerfileName(const fs::path& p) {
  std::string name = p.filename().string();
  return name == "Dockerfile" || name.ends_with(".Dockerfile");
}

long peakRssKiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = "../shared/corpus";
  double seconds = 3.0;
  long minRounds = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--corpus") corpus = argv[i + 1];
    else if (a == "--seconds") seconds = std::atof(argv[i + 1]);
    else if (a == "--min-rounds") minRounds = std::atol(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--corpus DIR] [--seconds S] [--min-rounds N]\n", argv[0]);
      return 2;
    }
  }
  std::vector<std::string> files;
  std::size_t bytes = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(corpus, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file() && isDockerfileName(it->path())) {
      files.push_back(restage::io::readFile(it->path()));
      bytes += files.back().size();
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "no Dockerfiles under %s\n", corpus.c_str());
    return 2;
  }
  long rssBefore = peakRssKiB();
  // Warm-up round (ANTLR builds its DFA caches on first use).
  std::size_t instructions = 0;
  for (const auto& f : files) instructions += restage::syntax::readDockerfile(f, "bench").instructions.size();

  auto start = std::chrono::steady_clock::now();
  long rounds = 0;
  double elapsed = 0;
  while (rounds < minRounds || elapsed < seconds) {
    for (const auto& f : files) {
      auto doc = restage::syntax::readDockerfile(f, "bench");
      if (doc.instructions.empty() && doc.ok()) std::abort();
    }
    ++rounds;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  double parsed = static_cast<double>(rounds) * static_cast<double>(files.size());
  std::printf("corpus:        %zu files, %zu bytes, %zu instructions\n", files.size(), bytes, instructions);
  std::printf("rounds:        %ld in %.2f s (1 thread)\n", rounds, elapsed);
  std::printf("files/s:       %.0f\n", parsed / elapsed);
  std::printf("MB/s:          %.2f\n", static_cast<double>(rounds) * static_cast<double>(bytes) / elapsed / 1e6);
  std::printf("peak RSS:      %.1f MiB (%.1f MiB before parsing)\n", peakRssKiB() / 1024.0, rssBefore / 1024.0);
  return 0;
}
