#include <fmt/core.h>

int main(int argc, char** argv) {
  fmt::print("hello from {}\n", argc > 1 ? argv[1] : "greeter");
}
