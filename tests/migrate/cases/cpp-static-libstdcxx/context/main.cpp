#include <iostream>

int main() { std::cout << "runs on any glibc system\n"; }
