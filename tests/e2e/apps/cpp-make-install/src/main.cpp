// unitconv VALUE FROM TO...: converts lengths using a unit table installed
// by `make install` under $(PREFIX)/share/unitconv, read at run time.
#include "units.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>

#ifndef DATADIR
#define DATADIR "."
#endif

int main(int argc, char **argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: unitconv VALUE FROM TO...\n");
        return 2;
    }
    try {
        const char *env = std::getenv("UNITCONV_TABLE");
        auto units = load_units(env ? env : DATADIR "/units.tsv");
        double value = std::stod(argv[1]);
        auto from = units.find(argv[2]);
        if (from == units.end()) throw std::runtime_error(std::string("unknown unit ") + argv[2]);
        for (int i = 3; i < argc; ++i) {
            auto to = units.find(argv[i]);
            if (to == units.end()) throw std::runtime_error(std::string("unknown unit ") + argv[i]);
            std::printf("%g %s = %.4f %s\n", value, argv[2], value * from->second / to->second, argv[i]);
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "unitconv: %s\n", e.what());
        return 1;
    }
    return 0;
}
