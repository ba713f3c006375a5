#include <iostream>

int main(int argc, char** argv) {
  std::cout << "hello, " << (argc > 1 ? argv[1] : "you") << '\n';
}
