#pragma once
#include <map>
#include <string>

// Loads "unit<TAB>factor" lines; throws std::runtime_error on failure.
std::map<std::string, double> load_units(const std::string &path);
