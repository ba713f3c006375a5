#include "units.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

std::map<std::string, double> load_units(const std::string &path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open unit table " + path);
    std::map<std::string, double> units;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string name;
        double factor;
        if (fields >> name >> factor) units[name] = factor;
    }
    if (units.empty()) throw std::runtime_error("empty unit table " + path);
    return units;
}
