#include <iostream>
int main(int argc, char**) { std::cout << "args: " << argc << "\n"; }
