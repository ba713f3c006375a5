#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  int limit = argc > 1 ? std::atoi(argv[1]) : 50;
  for (int n = 2; n <= limit; ++n) {
    bool prime = true;
    for (int d = 2; d * d <= n; ++d) prime = prime && n % d != 0;
    if (prime) std::cout << n << ' ';
  }
  std::cout << '\n';
}
