#include <fstream>
#include <iostream>
#include <map>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: wordfreq FILE\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::map<std::string, int> counts;
  for (std::string w; in >> w;) ++counts[w];
  for (const auto& [word, n] : counts) std::cout << n << '\t' << word << '\n';
}
