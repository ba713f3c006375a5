#include <format>
#include <iostream>
int main() { std::cout << std::format("hello from gcc {}\n", __GNUC__); }
