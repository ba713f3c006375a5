// Counts the words of a built-in text and prints the most frequent ones with
// std::println (C++23). Built by GCC 14 on Debian 13 it needs GLIBCXX_3.4.31
// (libstdc++ of GCC 13 or newer) and GLIBC_2.38 (std::stoi's strtol is C23's
// __isoc23_strtol): neither is on a Debian 12 runtime.
#include <algorithm>
#include <map>
#include <print>
#include <sstream>
#include <string>
#include <vector>

namespace {

const char* kText =
    "the quick brown fox jumps over the lazy dog the dog sleeps and the fox runs "
    "a fox is quick a dog is lazy the end";

}  // namespace

int main(int argc, char** argv) {
  int seed = argc > 1 ? std::stoi(argv[1]) : 0;
  std::map<std::string, int> counts;
  std::istringstream words(kText);
  for (std::string w; words >> w;) ++counts[w];
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (std::size_t i = 0; i < 3 && i < sorted.size(); ++i) {
    std::println("{}: {}", sorted[i].first, sorted[i].second);
  }
  std::println("words={} distinct={} seed={}", std::ranges::fold_left(sorted, 0, [](int n, const auto& p) { return n + p.second; }),
               sorted.size(), seed * 3);
  return 0;
}
