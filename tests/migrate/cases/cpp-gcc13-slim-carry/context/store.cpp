#include <sqlite3.h>
#include <format>
#include <iostream>
int main() { std::cout << std::format("sqlite {}\n", sqlite3_libversion()); }
