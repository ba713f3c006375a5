#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--help") {
    std::cout << "tally: counts lines on stdin\n";
    return 0;
  }
  long n = 0;
  for (std::string line; std::getline(std::cin, line);) ++n;
  std::cout << n << '\n';
}
